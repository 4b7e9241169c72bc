// Inline suppression: `<!-- xxgk-disable-next-line rule-id … -->`,
// `<!-- xxgk-disable rule-id -->` … `<!-- xxgk-enable -->` and
// `<!-- xxgk-disable-file -->`, each on a line of its own (in Markdown and in
// plain text alike). Found in the text, applied once to the findings; the
// readers never see these lines (withoutLines), so a comment never becomes
// part of a label, a table row or the title.

import type { Finding } from './model';
import { virtualLines, type Lines } from './parse/lines';
import type { TextIndex } from './text';

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty: every rule. */
  rules: string[];
  line: number;
}

const MARK = 'xxgk-';
const DIRECTIVE =
  /^[ \t\u3000]*<!--[ \t]*xxgk-(disable-next-line|disable-file|disable|enable)((?:[ \t,]+[a-z][a-z0-9-]*)*)[ \t,]*-->[ \t\u3000]*\r?$/;

/** The comment that disables `rules` for the line after it. */
export function disableNextLineComment(rules: readonly string[]): string {
  return `<!-- xxgk-disable-next-line ${rules.join(' ')} -->`;
}

export const DISABLE_FILE_COMMENT = '<!-- xxgk-disable-file -->';

/** Every directive line of the text, in order (nothing to do, and no cost beyond one search, without any). */
export function findDirectives(text: string, index: TextIndex): Directive[] {
  const out: Directive[] = [];
  let at = text.indexOf(MARK);
  while (at >= 0) {
    const line = index.lineOf(at);
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    const m = DIRECTIVE.exec(text.slice(start, end));
    if (m) out.push({ kind: m[1] as DirectiveKind, rules: (m[2] ?? '').split(/[ \t,]+/).filter((r) => r.length > 0), line });
    at = text.indexOf(MARK, Math.max(end, at + 1));
  }
  return out;
}

/** The reading lines without the directive lines (the same object when there are none). */
export function withoutLines(lines: Lines, index: TextIndex, directives: readonly Directive[]): Lines {
  if (directives.length === 0) return lines;
  // Directive lines are short lines of their own, so each is exactly one reading line, starting where it does.
  const skip = new Set(directives.map((d) => index.lineStart(d.line)));
  const starts: number[] = [];
  const ends: number[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const s = lines.lineStart(l);
    if (skip.has(s)) continue;
    starts.push(s);
    ends.push(lines.lineEnd(l));
  }
  return virtualLines(starts, ends);
}

/** Whether a finding of `rule` starting on `line` is suppressed. */
function suppressor(directives: readonly Directive[], lineCount: number): (rule: string, line: number) => boolean {
  const fileWide = new Set<string>();
  let fileAll = false;
  const nextLine = new Map<number, { all: boolean; rules: Set<string> }>();
  const directiveLines = new Set(directives.map((d) => d.line));
  // Regions: per rule (or '*'), sorted [from, to) line ranges.
  const regions: { rule: string; from: number; to: number }[] = [];
  const open = new Map<string, number>();
  for (const d of directives) {
    if (d.kind === 'disable-file') {
      if (d.rules.length === 0) fileAll = true;
      for (const r of d.rules) fileWide.add(r);
    } else if (d.kind === 'disable-next-line') {
      // The next line that is not itself a directive: comments may be stacked.
      let target = d.line + 1;
      while (directiveLines.has(target)) target++;
      const entry = nextLine.get(target) ?? { all: false, rules: new Set<string>() };
      if (d.rules.length === 0) entry.all = true;
      for (const r of d.rules) entry.rules.add(r);
      nextLine.set(target, entry);
    } else if (d.kind === 'disable') {
      for (const r of d.rules.length === 0 ? ['*'] : d.rules) if (!open.has(r)) open.set(r, d.line);
    } else {
      const closing = d.rules.length === 0 ? [...open.keys()] : d.rules;
      for (const r of closing) {
        const from = open.get(r);
        if (from === undefined) continue;
        regions.push({ rule: r, from, to: d.line });
        open.delete(r);
      }
    }
  }
  for (const [r, from] of open) regions.push({ rule: r, from, to: lineCount });
  return (rule, line) => {
    if (fileAll || fileWide.has(rule)) return true;
    const next = nextLine.get(line);
    if (next && (next.all || next.rules.has(rule))) return true;
    return regions.some((g) => (g.rule === '*' || g.rule === rule) && g.from <= line && line < g.to);
  };
}

/** The findings the directives leave (the same array when there are none). */
export function applySuppressions(findings: Finding[], directives: readonly Directive[], lineCount: number): Finding[] {
  if (directives.length === 0) return findings;
  const suppressed = suppressor(directives, lineCount);
  return findings.filter((f) => !suppressed(f.rule, f.range.start.line));
}
