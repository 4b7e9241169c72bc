// duplicate-report: one agency's report for one year is among the files
// checked only once. Two copies (the same text) are an info; two versions
// (different text) a warning — which one is the published report?
// A cross-report rule: engine/cross/index.ts runs it on the reports' digests.

import type { CrossRule } from '../cross';
import { fileName, sharedShare, type Digest } from '../cross/digest';
import type { Finding } from '../model';
import { finding, key, t } from './util';

/** The same report: the same text, or — in files of two forms (.txt and .pdf) — the same numbers and nearly the same prose. */
function sameReport(a: Digest, b: Digest): boolean {
  if (a.textHash === b.textHash) return true;
  // Two files of one form read the same way: any difference is a second version.
  if (extension(a.file) === extension(b.file) || a.valuesHash !== b.valuesHash) return false;
  if (!a.prose || !b.prose) return !a.prose && !b.prose;
  return sharedShare(a.prose, b.prose) >= 0.9 && sharedShare(b.prose, a.prose) >= 0.9;
}

const extension = (file: string) => /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';

export const duplicateReport: CrossRule = {
  id: 'duplicate-report',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('同一机关同一年度的报告出现两次', 'Same agency and year twice'),
  description: t(
    '所检查的文件中，同一机关同一年度的年度报告只应有一份：内容相同的（包括同一份报告的不同文件形式，如文本与 PDF）是重复副本（信息），内容不同的是两个版本（警告，请确认哪一份是正式发布的）。',
    'Among the files checked, one agency has one report per year: the same report twice (also in two forms, e.g. text and PDF) is a duplicate copy (info); different texts are two versions (a warning: which one was published?).',
  ),
  check: () => [], // needs the other files: see cross()
  cross({ current, sameYear }) {
    const id = current.identity;
    if (!id) return [];
    // Two copies often share a name in different folders: then the whole path says which.
    const nameOf = (file: string) => (fileName(file) === fileName(current.file) ? file : fileName(file));
    return sameYear.map(
      (other) =>
        (sameReport(other, current)
          ? finding(
              duplicateReport,
              key('copy', nameOf(other.file)),
              current.titleRange,
              t(
                `${id.agency}${id.year}年度报告在所检查的文件中出现两次：与 ${nameOf(other.file)} 内容相同（重复副本）`,
                `${id.agency}’s report for ${id.year} is there twice: ${nameOf(other.file)} has the same text (a duplicate copy)`,
              ),
              [],
              [
                {
                  range: other.titleRange,
                  file: other.file,
                  message: t(`重复副本 ${nameOf(other.file)}`, `Copy ${nameOf(other.file)}`),
                },
              ],
              'info',
            )
          : finding(
              duplicateReport,
              key('version', nameOf(other.file)),
              current.titleRange,
              t(
                `${id.agency}${id.year}年度报告在所检查的文件中有两个不同的版本：另见 ${nameOf(other.file)}，请确认哪一份是正式发布的`,
                `${id.agency}’s report for ${id.year} is there in two different versions: see also ${nameOf(other.file)}; which one was published?`,
              ),
              [],
              [
                {
                  range: other.titleRange,
                  file: other.file,
                  message: t(`另一版本 ${nameOf(other.file)}`, `Other version ${nameOf(other.file)}`),
                },
              ],
            )) as Finding,
    );
  },
};
