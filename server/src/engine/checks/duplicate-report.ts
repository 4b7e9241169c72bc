// duplicate-report: one agency's report for one year is among the files
// checked only once. Two copies (the same text) are an info; two versions
// (different text) a warning — which one is the published report?
// A cross-report rule: engine/cross/index.ts runs it on the reports' digests.

import type { CrossRule } from '../cross';
import { fileName, sharedShare, type Digest } from '../cross/digest';
import type { Finding } from '../model';
import { finding, key, t } from './util';

/** The same report: the same text, or — in files of two forms (.txt and .pdf) — the same numbers and nearly the same prose. */
function sameReport(a: Digest, b: Digest, bExtension: string): boolean {
  if (a.textHash === b.textHash) return true;
  // Two files of one form read the same way: any difference is a second version.
  if (a.valuesHash !== b.valuesHash || extension(a.file) === bExtension) return false;
  if (!a.prose || !b.prose) return !a.prose && !b.prose;
  return sharedShare(a.prose, b.prose) >= 0.9 && sharedShare(b.prose, a.prose) >= 0.9;
}

const MAX_COMPARED = 200;
const MAX_NAMED = 3;
const MAX_RELATED = 20;

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
    if (!id || sameYear.length === 0) return [];
    // Two copies often share a name in different folders: then the whole path says which.
    const own = fileName(current.file);
    const nameOf = (file: string) => {
      const name = fileName(file);
      return name === own ? file : name;
    };
    // One finding per kind, however many files share the agency and year (a folder of a thousand copies is
    // one problem per file, not a million); the comparison is bounded the same way.
    const compared = sameYear.slice(0, MAX_COMPARED);
    const copies: Digest[] = [];
    const versions: Digest[] = [];
    const ownForm = extension(current.file);
    for (const other of compared) (sameReport(other, current, ownForm) ? copies : versions).push(other);
    const unclassified = sameYear.length - compared.length;
    const names = (list: Digest[]) => {
      const shown = list.slice(0, MAX_NAMED).map((d) => nameOf(d.file));
      return list.length > MAX_NAMED
        ? t(`${shown.join('、')} 等 ${list.length} 份`, `${shown.join(', ')} and ${list.length - MAX_NAMED} more`)
        : t(shown.join('、'), shown.join(', '));
    };
    const related = (list: Digest[], zh: string, en: string) =>
      list.slice(0, MAX_RELATED).map((other) => ({
        range: other.titleRange,
        file: other.file,
        message: t(`${zh} ${nameOf(other.file)}`, `${en} ${nameOf(other.file)}`),
      }));
    const more = unclassified > 0 ? t(`；另有 ${unclassified} 份未逐一比较`, `; ${unclassified} more not compared`) : t('', '');
    const out: Finding[] = [];
    if (copies.length > 0) {
      const n = names(copies);
      out.push(
        finding(
          duplicateReport,
          key('copy'),
          current.titleRange,
          t(
            `${id.agency}${id.year}年度报告在所检查的文件中出现${copies.length === 1 ? '两次' : ` ${copies.length + 1} 次`}：与 ${n.zh}${copies.length > MAX_NAMED ? '' : ' '}内容相同（重复副本）${more.zh}`,
            `${id.agency}’s report for ${id.year} is there ${copies.length === 1 ? 'twice' : `${copies.length + 1} times`}: ${n.en} ${copies.length === 1 ? 'has' : 'have'} the same text (duplicate copies)${more.en}`,
          ),
          [],
          related(copies, '重复副本', 'Copy'),
          'info',
        ) as Finding,
      );
    }
    if (versions.length > 0) {
      const n = names(versions);
      out.push(
        finding(
          duplicateReport,
          key('version'),
          current.titleRange,
          t(
            `${id.agency}${id.year}年度报告在所检查的文件中有 ${versions.length + 1} 个不同的版本：另见 ${n.zh}，请确认哪一份是正式发布的${more.zh}`,
            `${id.agency}’s report for ${id.year} is there in ${versions.length + 1} different versions: see also ${n.en}; which one was published?${more.en}`,
          ),
          [],
          related(versions, '另一版本', 'Other version'),
        ) as Finding,
      );
    }
    return out;
  },
};
