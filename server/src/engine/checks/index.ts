// The registry: every check, in the order its findings are reported.

import type { Rule } from '../rule';
import { balanceMismatch } from './balance-mismatch';
import { blankCell } from './blank-cell';
import { collapsedRow } from './collapsed-row';
import { duplicateSection } from './duplicate-section';
import { fullWidthDigits } from './full-width-digits';
import { fusedDigits } from './fused-digits';
import { invalidNumber } from './invalid-number';
import { missingRow } from './missing-row';
import { missingSection } from './missing-section';
import { missingTable } from './missing-table';
import { nonstandardLabel } from './nonstandard-label';
import { sectionOrder } from './section-order';
import { sumMismatch } from './sum-mismatch';
import { textArtefact } from './text-artefact';
import { unreadableTable } from './unreadable-table';

export const RULES: readonly Rule[] = [
  sumMismatch,
  balanceMismatch,
  missingSection,
  sectionOrder,
  duplicateSection,
  missingTable,
  missingRow,
  unreadableTable,
  fusedDigits,
  nonstandardLabel,
  invalidNumber,
  blankCell,
  collapsedRow,
  fullWidthDigits,
  textArtefact,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
