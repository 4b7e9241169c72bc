// A page that gives its report as an attachment: a government site's page
// with the report's title, "详见附件" and a link to 某局2023年…年度报告.pdf,
// and none of the report's text. Checking the page would report all six
// sections missing; what a reviewer needs to know is that the report is the
// attached file.

import { normalizeLabel } from '../text';
import type { Lines } from './lines';

/** A file as a page names its attachment: words, then the extension of a document a report is published as. */
const FILE_NAME = /([^\s/\\:：|<>"'“”]{2,80}?\.(?:pdf|docx?|wps|ofd|xlsx?|et|zip|rar|7z))(?![a-z])/i;

/** Words that say the text is elsewhere (an attachment to download). */
const ATTACHED = /附件|附:|附：|详见|点击下载|下载|原文件|全文见|阅读全文/;

const REPORT_NAME = /年度报告|年报|報告/;

/** Lines looked at: an attachment link sits under a short page; a long text is the report itself. */
const MAX_LINES = 200;

/**
 * The attachment's name when the document's text says the report is attached (a file name with a report's
 * words, or 附件/详见 beside a document's file name); undefined otherwise. The caller asks only of a document
 * whose title names a report and in which no section was found.
 */
export function attachedReport(masked: string, lines: Lines): string | undefined {
  let named: string | undefined;
  const last = Math.min(lines.lineCount, MAX_LINES);
  let said = false;
  for (let l = 0; l < last; l++) {
    const raw = masked.slice(lines.lineStart(l), lines.lineEnd(l));
    if (raw.length === 0 || raw.length > 300) continue;
    const line = normalizeLabel(raw);
    if (ATTACHED.test(line)) said = true;
    const file = FILE_NAME.exec(raw);
    if (!file?.[1]) continue;
    const name = file[1].replace(/^(?:附件\d*|附)[:：]?/, '');
    // A file named as the report is enough; any other document file needs words that say it is the attachment.
    if (REPORT_NAME.test(name)) return name;
    named ??= name;
  }
  return said ? named : undefined;
}
