// Choosing fixes to apply together, and applying safe fixes until none are
// left (the CLI's --fix; the editor's source.fixAll uses one pass).

import { analyse, type AnalyseOptions, type Analysis } from './analyse';
import { applyEdits, editsOverlap } from './edits';
import type { Finding, Fix, TextEdit } from './model';

/** One fix per finding (the preferred, else the first), skipping any that overlap one already taken. */
export function compatibleFixes(analysis: Analysis, accept: (finding: Finding, fix: Fix) => boolean): { finding: Finding; fix: Fix }[] {
  const taken: { finding: Finding; fix: Fix }[] = [];
  const edits: TextEdit[] = [];
  for (const finding of analysis.findings) {
    const fix = finding.fixes.find((f) => f.preferred && accept(finding, f)) ?? finding.fixes.find((f) => accept(finding, f));
    if (!fix || editsOverlap(fix.edits, edits, analysis.index)) continue;
    taken.push({ finding, fix });
    edits.push(...fix.edits);
  }
  return taken;
}

export interface FixAllResult {
  text: string;
  applied: number;
  passes: number;
}

/** Applies safe fixes, re-analysing between passes, until a pass finds nothing more to do. */
export function applySafeFixes(text: string, options: AnalyseOptions = {}, maxPasses = 10): FixAllResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const analysis = analyse(current, options);
    const chosen = compatibleFixes(analysis, (_f, fix) => fix.safe);
    if (chosen.length === 0) break;
    passes++;
    current = applyEdits(
      current,
      chosen.flatMap((c) => c.fix.edits),
      analysis.index,
    );
    applied += chosen.length;
  }
  return { text: current, applied, passes };
}
