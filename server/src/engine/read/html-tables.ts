// Where a text or Markdown document holds HTML tables (the Markdown MinerU,
// docling and marker write: tables as <table> blocks between Markdown lines),
// so it is read through the HTML reader with the rest kept as it is. Kept out
// of html.ts: the editor asks this of every text document without loading parse5.

const OPEN = /<table[\s>/]/i;
const CLOSE = /<\/table\s*>/i;
/** `<table …` or `</table>`, either. */
const TAG = /<(\/?)table(?:[\s>/]|$)/gi;
/** A fence line: up to three spaces, then ``` or ~~~ (CommonMark). */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The source range of one outermost `<table` … `</table>` block. */
export interface TableBlock {
  start: number;
  end: number;
}

/** Every outermost `<table` … `</table>` block outside fenced code blocks, in order (nested tables are inside their block). */
export function htmlTableBlocks(text: string): TableBlock[] {
  // The common case (no table at all) costs two scans and no line walk: plain text stays on its path unchanged.
  if (!OPEN.test(text) || !CLOSE.test(text)) return [];
  const blocks: TableBlock[] = [];
  let fence: string | undefined;
  let depth = 0;
  let start = 0;
  for (let from = 0; from <= text.length;) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to);
    const f = depth === 0 ? FENCE.exec(line)?.[1] : undefined;
    if (fence !== undefined) {
      // A fence closes with the same character, at least as long, nothing after it.
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = undefined;
    } else if (f) {
      fence = f;
    } else {
      TAG.lastIndex = 0;
      for (let m = TAG.exec(line); m; m = TAG.exec(line)) {
        if (m[1] !== '/') {
          if (depth++ === 0) start = from + m.index;
        } else if (depth > 0 && --depth === 0) {
          const close = line.indexOf('>', m.index);
          blocks.push({ start, end: from + (close < 0 ? line.length : close + 1) });
        }
      }
    }
    from = to + 1;
  }
  return blocks;
}

/** At least one `<table` … `</table>` pair outside fenced code blocks. */
export function holdsHtmlTables(text: string): boolean {
  return htmlTableBlocks(text).length > 0;
}
