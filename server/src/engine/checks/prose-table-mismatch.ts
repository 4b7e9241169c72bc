// prose-table-mismatch: a number the prose quotes for one of the tables' own
// quantities (template/phrases.ts) equals the table. Strict about scope: a
// sentence about another scope, body or period is at most a hint; a sentence
// about another year or a change (同比增加…) is not compared at all.

import type { CellNode, CheckFinding, RelatedLocation } from '../model';
import type { Rule, RuleContext } from '../rule';
import { tableTemplate } from '../template/formats';
import { NOT_A_COUNT, OTHER_SCOPE, QUANTITY_PHRASES, type CellRef } from '../template/phrases';
import { agencyName, prose, sentenceAt, spanOf } from './prose';
import { cellName, finding, fix, key, t } from './util';

export const proseTableMismatch: Rule = {
  id: 'prose-table-mismatch',
  defaultSeverity: 'warning',
  fixable: true,
  title: t('正文数字与表格不符', 'Prose number differs from the table'),
  description: t(
    '正文所述的申请数、办理结果、复议诉讼、规范性文件等数字应与统计表一致；口径不同（全区、某部门、其中、某时段）的只作提示。',
    'Numbers the prose quotes for the tables’ own quantities (applications, outcomes, reconsiderations, lawsuits, normative documents) equal the tables; a phrase of another scope is only a hint.',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    const p = prose(ctx);
    const doubtful = brokenCells(ctx);
    const agency = agencyName(ctx.model);
    for (const phrase of QUANTITY_PHRASES) {
      const readings = phrase.readings.map((cells) => read(ctx, cells));
      const first = readings[0];
      // A cell in a broken sum is reported by sum-mismatch; the prose is then evidence, not a second error.
      if (!first || first.cells.some(({ cell }) => doubtful.has(cell))) continue;
      phrase.pattern.lastIndex = 0;
      let n = 0;
      for (let m = phrase.pattern.exec(p.text); m; m = phrase.pattern.exec(p.text)) {
        const digits = m[1]; // the phrase's number (phrases.ts: group 1 of every pattern)
        if (digits === undefined) continue;
        const numberAt = m.index + m[0].lastIndexOf(digits, m[0].length - 1);
        const sentence = sentenceAt(p, m.index);
        const before = p.text.slice(sentence.start, numberAt);
        if (NOT_A_COUNT.test(p.text.slice(Math.max(sentence.start, m.index - 4), m.index)) || otherYear(before, ctx.model.year)) continue;
        const value = Number(digits.replace(/[,，]/g, ''));
        if (readings.some((r) => r?.value === value)) continue;
        // The report's own name and the titles of documents (《…》) name no other scope.
        const own = (agency ? before.split(agency).join('') : before).replace(/《[^》]*》/g, '');
        const scope = OTHER_SCOPE.find((w) => own.includes(w)) ?? otherBody(p.text.slice(sentence.start, m.index), agency);
        const span = spanOf(p, numberAt, numberAt + digits.length);
        const range = ctx.rangeOf(span);
        const related: RelatedLocation[] = first.cells.map(({ ref, cell }) => ({
          range: cell.range,
          message: t(`表格：${name(ctx, ref).zh} = ${numberText(cell)}`, `Table: ${name(ctx, ref).en} = ${numberText(cell)}`),
        }));
        const k = key(phrase.id, n++);
        if (scope) {
          out.push(
            finding(
              proseTableMismatch,
              k,
              range,
              t(
                `正文所述${phrase.name.zh} ${value} 与表格的 ${first.value} 不同；此句口径为「${scope}」，请确认二者统计范围不同`,
                `The prose gives ${value} for ${phrase.name.en}, the table ${first.value}; the sentence speaks of “${scope}”: check that the scopes differ`,
              ),
              [],
              related,
              'hint',
            ),
          );
          continue;
        }
        out.push(
          finding(
            proseTableMismatch,
            k,
            range,
            t(
              `正文所述${phrase.name.zh}为 ${value}，表格为 ${first.value}`,
              `The prose gives ${value} for ${phrase.name.en}; the table gives ${first.value}`,
            ),
            [
              fix(
                t(`将正文数字改为表格的 ${first.value}`, `Change the prose number to the table’s ${first.value}`),
                [{ kind: 'replace', span, text: String(first.value) }],
                { safe: false, preferred: false },
              ),
            ],
            related,
          ),
        );
      }
    }
    return out;
  },
};

/** Cells that take part in a sum or balance that does not hold. */
function brokenCells(ctx: RuleContext): Set<CellNode> {
  const out = new Set<CellNode>();
  for (const table of ctx.model.tables) {
    const template = tableTemplate(ctx.model.format, table.id);
    if (!template) continue;
    for (const r of ctx.sums(table, template).results) {
      if (r.holds) continue;
      for (const side of [r.equation.left, r.equation.right]) for (const term of side) if (term.cell) out.add(term.cell);
    }
  }
  return out;
}

/** A sum of cells, when every one is read as a number. */
function read(ctx: RuleContext, refs: CellRef[]): { value: number; cells: { ref: CellRef; cell: CellNode }[] } | undefined {
  const cells: { ref: CellRef; cell: CellNode }[] = [];
  let value = 0;
  for (const ref of refs) {
    const cell = ctx.model.tables
      .find((tb) => tb.id === ref.table)
      ?.rows.find((r) => r.key === ref.row)
      ?.cells.find((x) => x.column === ref.column);
    // A cell that is not a count (negative, a fraction) is reported by invalid-number.
    if (!cell || cell.value.kind !== 'number' || !Number.isInteger(cell.value.value) || cell.value.value < 0) return undefined;
    value += cell.value.value;
    cells.push({ ref, cell });
  }
  return { value, cells };
}

function name(ctx: RuleContext, ref: CellRef) {
  const template = tableTemplate(ctx.model.format, ref.table);
  return template ? cellName(template, ref.row, ref.column) : t(ref.row, ref.row);
}

const numberText = (cell: CellNode): string => (cell.value.kind === 'number' ? String(cell.value.value) : cell.raw);

/**
 * The body the clause names before the verb, when it is not the report's own:
 * 区教育局 or 区政府办 in a report of 洪泽区人民政府 — not 我办, nor 省国动办
 * (its letters in order in 山东省国防动员办公室, an abbreviation of it).
 */
function otherBody(before: string, agency: string | undefined): string | undefined {
  const subject = before
    .split(/[，：]/)
    .pop()!
    .replace(/((?:19|20)\d{2})年(度)?|全年|年内|本年度|本年|今年|共计|共|累计|总计|一共|已经|已/g, '');
  if (!/[局委办厅院所站心镇乡道队处科室组会府部]$/.test(subject) || /^[我本]/.test(subject)) return undefined;
  if (agency && isSubsequence(subject, agency)) return undefined;
  return subject;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** The sentence names a year (19xx/20xx年) and not the report's: it is about another year. */
function otherYear(before: string, year: number | undefined): boolean {
  if (year === undefined) return false;
  let named = false;
  for (const m of before.matchAll(/((?:19|20)\d{2})年/g)) {
    if (Number(m[1]) === year) return false;
    named = true;
  }
  return named;
}
