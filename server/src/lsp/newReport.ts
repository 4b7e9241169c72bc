// `xxgk/newReport`: the engine writes the new report; the client only opens it.

import { renderNewReport } from '../engine';
import type { NewReportParams, NewReportResult } from '../../../common/protocol';

type NewReportOptions = NonNullable<Parameters<typeof renderNewReport>[0]>;

const LAYOUTS = new Set(['markdown', 'tab-separated', 'cell-per-line', 'space-separated']);

export function newReport(params: NewReportParams | null | undefined): NewReportResult {
  const options: NewReportOptions = { format: '2021' };
  if (typeof params?.year === 'number' && Number.isInteger(params.year) && params.year >= 2008 && params.year <= 2200)
    options.year = params.year;
  if (typeof params?.agency === 'string' && params.agency.trim() !== '') options.agency = params.agency.trim();
  if (typeof params?.layout === 'string' && LAYOUTS.has(params.layout)) options.layout = params.layout;
  return { text: renderNewReport(options) };
}
