// The table reader: walks the physical rows of one region (a section's
// body) and recognises template rows by their labels. Labels are matched on
// the whitespace-free, width-folded text of the label cells seen since the
// last row, by suffix — so wrapped labels, vertical one-character labels and
// group cells before a row label all read the same in every layout.

import type { CellNode, FusedRunNode, HeaderCellNode, LabelNode, RowNode, TableLayout, TableNode, UnreadableTable } from '../model';
import type { ColumnKey, RowTemplate, SectionId, TableTemplate } from '../template/types';
import { detached, editDistance, normalize, normalizeLabel, type Normalized, type OffsetMap } from '../text';
import { physicalRows, type PhysicalRow, type Token } from './layout';
import { isMarkup, type Source } from './source';
import { placedValues, placementsOf, readingsOf, resolveTable, rowSumsOf, type FusedRow, type Reading } from './fused';
import { parseCellValue } from './values';

interface LabelForm {
  table: TableTemplate;
  row: RowTemplate;
  text: string;
  kind: 'exact' | 'variant';
}

interface Match {
  form: LabelForm;
  kind: 'exact' | 'variant' | 'fuzzy';
  /** Source span of the matched label text. */
  start: number;
  end: number;
  normalized: string;
  /** What is left of the buffer before the label (for group labels); `map` covers at least `text`. */
  before: { text: string; map: OffsetMap };
}

/** A row read from one fused run, or a short row of numbers; its cells are filled once a reading is chosen. */
type ReadRow = FusedRow & {
  node: RowNode;
  start: number;
  end: number;
  unknowable: boolean;
  /** short rows: the numbers as read */ given: CellNode[];
};

interface TableBuild {
  template: TableTemplate;
  node: TableNode;
  /** Index (in template.rows) of the last row read, for fuzzy matching in order. */
  lastRowIndex: number;
  /** Rows read from one fused run of digits, split when the table is complete. */
  fused: ReadRow[];
  /** Group rows read with every cell blank: the group written as one row, unless its sub-rows are in the table. */
  blankGroups: RowNode[];
}

interface OpenRow {
  build: TableBuild;
  row: RowNode;
  cells: CellNode[];
  needed: number;
  lastEnd: number;
}

const BUFFER_TOKENS = 24;
const BUFFER_CHARS = 160;

export interface RegionResult {
  tables: TableNode[];
  unreadable: UnreadableTable[];
  fused: FusedRunNode[];
}

interface ReaderSetup {
  templates: readonly TableTemplate[];
  forms: LabelForm[];
  /** The forms by their last character, in `forms` order: a label can only end the buffer where its last character does. */
  formsByLast: Map<number, LabelForm[]>;
  captions: { table: TableTemplate; text: string }[];
  headerLabels: Map<string, TableTemplate[]>;
  /** Header labels long enough to hint at a table wherever they appear in a cell. */
  hintLabels: { label: string; tables: TableTemplate[] }[];
  /** The text of every form: whether a line is a whole label, without a scan of the forms. */
  formTexts: Set<string>;
  /** What a label cell's normalised text says of captions and hints (pushLabel), remembered per text: labels repeat in every report. */
  labelSigns: Map<string, LabelSigns>;
}

/** The captions a normalised cell text ends with or is, and the tables its header words hint at. */
interface LabelSigns {
  captionsEnded: { table: TableTemplate; text: string }[];
  captionIs: { table: TableTemplate; text: string }[];
  hints: TableTemplate[];
}

// What a reader derives from its templates depends on nothing else: derive it once per set of templates.
const SETUPS = new Map<string, ReaderSetup>();

// Keyed by the templates themselves, not their ids: the 2019 and 2021 formats share table ids, and a folder of
// both kinds would otherwise derive the setup again for every report.
const TEMPLATE_SERIALS = new WeakMap<TableTemplate, number>();
let nextSerial = 0;

function serialOf(template: TableTemplate): number {
  let n = TEMPLATE_SERIALS.get(template);
  if (n === undefined) {
    n = nextSerial++;
    TEMPLATE_SERIALS.set(template, n);
  }
  return n;
}

function readerSetup(templates: TableTemplate[]): ReaderSetup {
  const key = templates.map(serialOf).join(',');
  const hit = SETUPS.get(key);
  if (hit) return hit;
  const forms = templates.flatMap((table) =>
    table.labelless
      ? []
      : table.rows.flatMap((row) => [
          { table, row, text: normalizeLabel(row.label), kind: 'exact' as const },
          ...(row.variants ?? []).map((v) => ({ table, row, text: normalizeLabel(v), kind: 'variant' as const })),
        ]),
  );
  const captions = templates.filter((t) => t.caption).map((t) => ({ table: t, text: normalizeLabel(t.caption ?? '') }));
  const headerLabels = new Map<string, TableTemplate[]>();
  for (const t of templates) {
    for (const h of t.headerLabels) {
      const k = normalizeLabel(h);
      headerLabels.set(k, [...(headerLabels.get(k) ?? []), t]);
    }
  }
  const hintLabels = [...headerLabels].filter(([label]) => label.length >= 4).map(([label, tables]) => ({ label, tables }));
  const formsByLast = new Map<number, LabelForm[]>();
  for (const f of forms) {
    if (f.text.length === 0) continue;
    const last = f.text.charCodeAt(f.text.length - 1);
    formsByLast.set(last, [...(formsByLast.get(last) ?? []), f]);
  }
  const formTexts = new Set(forms.map((f) => f.text));
  const setup = { templates: templates.slice(), forms, formsByLast, captions, headerLabels, hintLabels, formTexts, labelSigns: new Map() };
  if (SETUPS.size >= 64) SETUPS.clear();
  SETUPS.set(key, setup);
  return setup;
}

/** Blank group rows whose sub-rows were read too were only the sub-rows' label (over empty merged cells). */
function dropGroupLabels(build: TableBuild): void {
  const parents = new Set<string>();
  for (const r of build.node.rows) {
    const parent = build.template.rows.find((t) => t.key === r.key)?.parent;
    if (parent) parents.add(parent);
  }
  const labels = new Set(build.blankGroups.filter((r) => parents.has(r.key)));
  if (labels.size > 0) build.node.rows = build.node.rows.filter((r) => !labels.has(r));
}

/** The open row has exactly filled its column groups so far (行政复议 done, 未经复议直接起诉 next). */
function atGroupBoundary(open: OpenRow): boolean {
  const columns = open.build.template.columns;
  const n = open.cells.length;
  return n > 0 && n < columns.length && columns[n]?.group !== columns[n - 1]?.group;
}

export class RegionReader {
  private readonly forms: LabelForm[];
  private readonly formsByLast: Map<number, LabelForm[]>;
  private readonly formTexts: ReadonlySet<string>;
  private readonly labelSigns: Map<string, LabelSigns>;
  private readonly captions: { table: TableTemplate; text: string }[];
  private readonly headerLabels: Map<string, TableTemplate[]>;
  private readonly hintLabels: ReaderSetup['hintLabels'];
  private buffer: Token[] = [];
  private pendingHeaders: Token[] = [];
  /** Tables whose header has been seen (a distinctive header word anywhere in a cell), and where. */
  private readonly headerHints = new Map<TableTemplate, number>();
  private pendingCaption: { table: TableTemplate; token: Token } | undefined;
  /** Captions seen as a cell of their own, first place each. */
  private readonly captionsSeen = new Map<TableTemplate, Token>();
  /** Tables whose caption ends a cell somewhere in the region. */
  private readonly captionsNamed = new Set<TableTemplate>();
  private readonly builds = new Map<string, TableBuild>();
  private open: OpenRow | undefined;
  private unmatchedNumericRows: PhysicalRow[] = [];
  /** Numbers whose label is not complete yet: a wrapped label that goes on after them (pdftotext -layout). */
  private pendingValues: { prow: PhysicalRow; values: Token[] } | undefined;
  /** Lines of numbers after the start of a label that went on below without naming a row: numbers no row took. */
  private readonly dropped = new Set<PhysicalRow>();
  /** Lines of numbers no row took, after words that named no row: that unknown row's (a province's extra row). */
  private readonly afterWords = new Set<PhysicalRow>();
  /** The row read last, whose label may go on after its numbers. */
  private lastRow: { node: RowNode; row: RowTemplate } | undefined;
  /** Rows given numbers from lines after their label's. */
  private readonly continued = new Set<RowNode>();
  /** Tables whose labelless row has fewer fields than columns. */
  private readonly cutRows = new Set<TableBuild>();
  /** Tables with a row of fewer written cells than columns, padded by a run of `|` to more cells than columns. */
  private readonly paddedRows = new Map<TableBuild, number>();
  /** Header cells seen per table (whole cells, distinct labels), and the first. */
  private readonly headersSeen = new Map<TableTemplate, { labels: Set<string>; first: Token }>();
  /** The region's last line: what follows is the next section's. */
  private lastLine = -1;

  constructor(
    private readonly src: Source,
    private readonly layout: TableLayout,
    private readonly templates: TableTemplate[],
    private readonly section: SectionId,
    /** No cell of any layout in the region: its tables, if there, are their labels alone, every cell empty. */
    private readonly labelsOnly = false,
  ) {
    const setup = readerSetup(templates);
    this.forms = setup.forms;
    this.formsByLast = setup.formsByLast;
    this.formTexts = setup.formTexts;
    this.labelSigns = setup.labelSigns;
    this.captions = setup.captions;
    this.headerLabels = setup.headerLabels;
    this.hintLabels = setup.hintLabels;
  }

  read(firstLine: number, lastLine: number): RegionResult {
    this.lastLine = lastLine;
    for (const prow of physicalRows(this.src, this.layout, firstLine, lastLine)) this.consume(prow);
    this.closeOpen();
    if (this.labelsOnly) {
      this.blankLabellessRow();
      this.closeOpen();
    }
    this.dropPending();
    return this.finish();
  }

  // ------------------------------------------------------------ per row

  private consume(prow: PhysicalRow): void {
    const tokens = prow.tokens;
    // A row of nothing but empty fields changes nothing, except in a blank template: section 四's one data row, unfilled.
    if (tokens.every((t) => t.text.length === 0)) {
      this.tryLabellessRow(prow, tokens, true);
      return;
    }
    const allValues = tokens.every((t) => t.valueLike);
    const anyValue = tokens.some((t) => t.valueLike && t.text.length > 0);
    if (this.open && allValues && anyValue) {
      this.continueOpen(prow);
      return;
    }
    // Section 四 split into three five-column tables (行政复议 / 未经复议直接起诉 / 复议后起诉):
    // their captions and header rows stand between the pieces of its one data row.
    if (this.open && this.open.row.label === undefined && !anyValue && atGroupBoundary(this.open)) {
      for (const t of tokens) if (t.text.length > 0) this.pushLabel(t);
      return;
    }
    this.closeOpen();
    if (this.pendingValues && this.completesLabel(tokens)) return;
    if (this.endsLastLabel(tokens)) return;

    let lastLabel = -1;
    for (let i = tokens.length - 1; i >= 0 && lastLabel < 0; i--) if (!tokens[i]!.valueLike) lastLabel = i;
    for (const t of tokens.slice(0, lastLabel + 1)) if (t.text.length > 0) this.pushLabel(t);
    const values = tokens.slice(lastLabel + 1);
    const hasNumbers = values.some((t) => t.text.length > 0);

    if (lastLabel < 0) {
      if (!hasNumbers) return;
      if (this.tryLabellessRow(prow, values)) return;
    }
    // A row with value slots: numbers, or (in layouts that write empty cells) blanks.
    const hasSlots = values.length > 0 && this.layout !== 'space-separated';
    if (!hasNumbers && !hasSlots) {
      // Lines of text (PDF, or no layout at all): a line that is a whole label is its row even when no number
      // follows (its cells left no text), so a blank row among filled ones is not lost.
      if (this.layout === 'space-separated' && lastLabel === tokens.length - 1) this.labelOnlyRow(prow, tokens[lastLabel]!);
      // TAB rows whose empty cells left no TAB (catdoc's `行政许可` under its header): the line is its row, open for
      // numbers on the lines below.
      else if (this.layout === 'tab-separated' && tokens.length === 1) this.labelOnlyRow(prow, tokens[0]!);
      return;
    }
    const match = this.resolve();
    // Header cells and the data row in one run (crawler text, where no line ends a row): the numbers after
    // section 四's header are its one labelless row.
    if (!match && hasNumbers && lastLabel >= 0 && this.tryLabellessRow(prow, values)) return;
    if (!match) {
      // Numbers alone, or after the first part of a wrapped label (`行政规范性  0  0  2` ⏎ `文件`): the label may end below.
      if (hasNumbers && lastLabel < 0 && this.buffer.length > 0 && this.underWordsLine(prow)) this.afterWords.add(prow);
      if (hasNumbers && this.buffer.length > 0 && this.layout === 'space-separated') {
        this.dropPending();
        this.pendingValues = { prow, values };
      } else if (hasNumbers) this.unmatchedNumericRows.push(prow);
      return;
    }
    this.buffer = [];
    const build = this.tableFor(match.form.table, match.start);
    this.recordGroups(build, match);
    const isGroup = match.form.row.kind === 'group';
    if (isGroup && !hasNumbers) {
      // A group label with an empty field for every column is a group written as one row, every cell blank
      // (（六）其他处理 in a 2021 report), unless its sub-rows are in the table: then it was their label over
      // empty merged cells (dropGroupLabels). Without a field per column it is only the label.
      if (values.length < build.template.columns.length) return;
      this.startRow(build, match, prow, values, true, true);
      return;
    }
    this.startRow(build, match, prow, values, isGroup);
  }

  /**
   * A line that is exactly a row's label, in a region with no cells (a page whose empty cells left no text):
   * the row, its cells absent; a lone number after it is its first cell. A group's label also stays in the
   * buffer, for its sub-rows. Only whole labels: a line of prose that ends like one is no row.
   */
  private labelOnlyRow(prow: PhysicalRow, token: Token): void {
    // Cheap test first: every line of prose comes here, and only a short line can be a whole label.
    if (token.text.length > 80) return;
    const whole = normalizeLabel(token.text);
    const note = noteStart(whole);
    const norm = this.formTexts.has(whole) || note < 0 ? whole : whole.slice(0, note);
    if (!this.formTexts.has(norm)) return;
    const match = this.resolve();
    if (!match || match.kind === 'fuzzy' || match.start < token.start || norm !== match.form.text) return;
    const isGroup = match.form.row.kind === 'group';
    // Among numbers a group's label is only its sub-rows' (its numbers, if any, come with its label as before).
    if (isGroup && !this.labelsOnly) return;
    if (!isGroup) this.buffer = [];
    const build = this.tableFor(match.form.table, match.start);
    this.recordGroups(build, match);
    // A group is a row of its own only with none of its sub-rows after it (（六）其他处理 written as one row).
    this.startRow(build, match, prow, [], isGroup, isGroup, true);
  }

  /** Section 四's header with no data row under it (labels only): its one row, every cell absent. */
  private blankLabellessRow(): void {
    const template = this.templates.find((t) => t.labelless && !this.builds.has(t.id));
    const row = template?.rows[0];
    if (!template || !row) return;
    const headers = this.pendingHeaders.filter((h) => this.headerLabels.get(normalizeLabel(h.text))?.includes(template));
    // Most of the header's distinct labels as cells of their own: the table, not a sentence naming 行政复议.
    const distinct = new Set(headers.map((h) => normalizeLabel(h.text))).size;
    const last = headers[headers.length - 1];
    if (!last || distinct < Math.ceil(new Set(template.headerLabels.map(normalizeLabel)).size / 2)) return;
    const end = last.end;
    const prow: PhysicalRow = { tokens: [], firstLine: last.line, lastLine: last.line, end };
    const build = this.tableFor(template, end);
    this.fillRow(build, this.labellessNode(template.id, row.key, end), [], prow, false);
  }

  /**
   * A line of label text after numbers that matched nothing: when the label
   * now reads complete (`（二）部分公开（区分处理的，` ⏎ numbers ⏎ `不计其他情形）`),
   * the numbers are its row's.
   */
  private completesLabel(tokens: Token[]): boolean {
    const pending = this.pendingValues as { prow: PhysicalRow; values: Token[] };
    if (tokens.some((t) => t.valueLike && t.text.length > 0)) {
      this.dropPending();
      return false;
    }
    const lineStart = tokens[0]?.start ?? 0;
    for (const t of tokens) if (t.text.length > 0) this.pushLabel(t);
    const match = this.resolve();
    if (!match || match.end <= lineStart) {
      // the label goes on and still names no row (`2.其他法律  0 0 …` ⏎ `行政法规` ⏎ `禁止公开`): its numbers are lost
      this.dropPending(true);
      return true;
    }
    if (match.start >= lineStart && match.form.row.kind === 'group') {
      // a group's label of its own (`（五）不予处理` under an unknown `116.补正后…  0 0 …`) takes no numbers of the
      // line above: they stay unplaced, as any row's whose label names no row
      this.dropPending();
      return true;
    }
    this.pendingValues = undefined;
    this.buffer = [];
    const build = this.tableFor(match.form.table, match.start);
    this.recordGroups(build, match);
    this.startRow(build, match, pending.prow, pending.values, match.form.row.kind === 'group');
    this.closeOpen();
    return true;
  }

  /**
   * The rest of the last row's label after its numbers (`…只计这一情形，不` ⏎ numbers ⏎ `计其他情形）`,
   * as pdftotext -layout wraps it): a label matched only approximately becomes exact.
   */
  private endsLastLabel(tokens: Token[]): boolean {
    const last = this.lastRow;
    if (!last || last.node.labelMatch !== 'fuzzy' || !last.node.label) return false;
    if (tokens.length === 0 || tokens.some((t) => t.valueLike && t.text.length > 0)) return false;
    const rest = tokens.map((t) => t.text).join('');
    const joined = last.node.label.normalized + normalizeLabel(rest);
    if (!this.forms.some((f) => f.row === last.row && f.kind === 'exact' && f.text === joined)) return false;
    last.node.label = { ...last.node.label, text: last.node.label.text + rest, normalized: joined };
    last.node.labelMatch = 'exact';
    this.lastRow = undefined;
    return true;
  }

  /**
   * Numbers on lines of their own under a line of words with no digit (a row's label the form has not), not
   * numbers inside prose.
   */
  private underWordsLine(prow: PhysicalRow): boolean {
    const first = prow.tokens.find((t) => t.text.length > 0);
    if (!first) return false;
    // (the text's own lines: reading lines split prose at its numbers)
    const { index: lines, masked } = this.src;
    const only = (l: number): string => masked.slice(lines.lineStart(l), lines.lineEnd(l)).replace(/[\s|｜]/g, '');
    let line = lines.lineOf(first.start);
    if (!/^[0-9０-９.]+$/.test(only(line))) return false;
    while (--line >= 0) {
      const text = only(line);
      if (text.length === 0 || /^[0-9０-９.]+$/.test(text)) continue;
      return text.length <= 120 && !/[0-9０-９。]/.test(text);
    }
    return false;
  }

  /** `lost`: the words below the numbers went on without completing a row's label. */
  private dropPending(lost = false): void {
    if (this.pendingValues) {
      const { prow, values } = this.pendingValues;
      this.unmatchedNumericRows.push(prow);
      if (lost && values.every((t) => t.text.length === 0 || parseCellValue(t.text).kind === 'number')) this.dropped.add(prow);
    }
    this.pendingValues = undefined;
  }

  private pushLabel(token: Token): void {
    // Captions and header cells are short; a long cell is prose or paste.
    const norm = token.text.length <= 200 ? normalizeLabel(token.text) : '';
    const signs = this.signsOf(norm);
    for (const c of signs.captionsEnded) {
      this.pendingCaption = { table: c.table, token };
      this.captionsNamed.add(c.table);
    }
    for (const c of signs.captionIs) if (!this.captionsSeen.has(c.table)) this.captionsSeen.set(c.table, token);
    if (this.headerLabels.has(norm) && this.pendingHeaders.length < 64) this.pendingHeaders.push(token);
    else if (this.labelsOnly && norm.length > 0 && norm.length <= 200 && /\s/.test(token.text)) this.pushHeaderWords(token);
    for (const t of this.headerLabels.get(norm) ?? []) {
      const seen = this.headersSeen.get(t) ?? { labels: new Set<string>(), first: token };
      seen.labels.add(norm);
      this.headersSeen.set(t, seen);
    }
    for (const t of signs.hints) if (!this.headerHints.has(t)) this.headerHints.set(t, token.start);
    this.buffer.push(token);
    if (this.buffer.length > BUFFER_TOKENS) this.buffer.shift();
  }

  /** What `norm` says of captions and header hints; remembered for short texts (labels, header cells), bounded. */
  private signsOf(norm: string): LabelSigns {
    const known = this.labelSigns.get(norm);
    if (known) return known;
    // A sentence naming 行政复议 (…被申请行政复议和行政诉讼的情况。) is prose, not a header: no hint.
    const sentence = norm.includes('。');
    const signs: LabelSigns = {
      captionsEnded: this.captions.filter((c) => norm.endsWith(c.text)),
      captionIs: this.captions.filter((c) => norm === c.text),
      hints: sentence ? [] : this.hintLabels.filter((h) => norm.includes(h.label)).flatMap((h) => h.tables),
    };
    if (norm.length <= 64) {
      if (this.labelSigns.size >= 4096) this.labelSigns.clear();
      this.labelSigns.set(detached(norm), signs);
    }
    return signs;
  }

  /**
   * Lines of text only (no cells): a line of header words apart (pandoc's simple table of a blank 四,
   * `结果维持   结果\   其他\   …`, a `\` a Markdown line break): each word that is a header label is a header cell.
   */
  private pushHeaderWords(token: Token): void {
    for (const m of token.text.matchAll(/[^\s\\]+/g)) {
      if (!this.headerLabels.has(normalizeLabel(m[0])) || this.pendingHeaders.length >= 64) continue;
      const start = token.start + m.index;
      this.pendingHeaders.push({ ...token, text: m[0], start, end: start + m[0].length });
    }
  }

  /** The section 四 table: one row of numbers under its header, no label; `blank`: a row of empty fields, one per column. */
  /** The one row of a table without row labels (section 四), empty at `at` until its values fill it. */
  private labellessNode(table: RowNode['table'], key: RowNode['key'], at: number): RowNode {
    const span = { start: at, end: at };
    return { table, key, label: undefined, labelMatch: 'none', cells: [], isGroup: false, span, range: this.src.index.rangeOf(span) };
  }

  private tryLabellessRow(prow: PhysicalRow, values: Token[], blank = false): boolean {
    const template = this.templates.find((t) => t.labelless && !this.builds.has(t.id));
    const row = template?.rows[0];
    if (!template || !row) return false;
    if (!this.headerHints.has(template)) return false;
    if (blank && values.length !== template.columns.length) return false;
    const start = values.find((v) => v.text.length > 0)?.start ?? prow.end;
    const build = this.tableFor(template, start);
    const node = this.labellessNode(template.id, row.key, start);
    this.buffer = [];
    // One field per column in a layout that writes empty cells (a web table's row, a TAB row): each field is its
    // column's, blank or not — dropping the blanks would slide every later number into the wrong column.
    if (blank || (this.layout !== 'space-separated' && values.length === template.columns.length))
      this.fillRow(build, node, values, prow, false);
    else
      this.fillRow(
        build,
        node,
        values.filter((v) => v.text.length > 0),
        prow,
        true,
      );
    return true;
  }

  private startRow(
    build: TableBuild,
    match: Match,
    prow: PhysicalRow,
    values: Token[],
    isGroup: boolean,
    blankGroup = false,
    /** a label alone on its line: its numbers may be on the lines below, in any layout */ labelAlone = false,
  ): void {
    const label: LabelNode = {
      text: this.src.text.slice(match.start, match.end),
      normalized: match.normalized,
      span: { start: match.start, end: match.end },
      range: this.src.index.rangeOf({ start: match.start, end: match.end }),
    };
    const node: RowNode = {
      table: build.template.id,
      key: match.form.row.key,
      label,
      labelMatch: match.kind === 'exact' ? 'exact' : match.kind,
      cells: [],
      isGroup,
      span: { start: match.start, end: match.end },
      range: label.range,
    };
    this.lastRow = { node, row: match.form.row };
    build.lastRowIndex = Math.max(build.lastRowIndex, build.template.rows.indexOf(match.form.row));
    const n = build.template.columns.length;
    let vals = this.layout === 'space-separated' ? values.filter((v) => v.text.length > 0) : values.slice();
    const over = vals.length > n;
    while (vals.length > n && vals[vals.length - 1]?.text.length === 0) vals.pop();
    while (vals.length > n && vals[0]?.text.length === 0) vals.shift();
    // More cells than columns, and a run of `|` still among those kept (`3 |` `3 |` `|||||||` for seven columns):
    // the run pads the row to the page's widest, so it is not the row's cells, and where its numbers stand is lost.
    // (Runs after the row's last column are only padding: `0 |` `||` reads as written.)
    if (over && vals.some((v) => v.run) && vals.some((v) => v.text.length > 0) && !this.paddedRows.has(build))
      this.paddedRows.set(build, vals.filter((v) => v.text.length > 0).length);
    if (isGroup && !blankGroup) vals = vals.filter((v) => v.text.length > 0);
    this.fillRow(build, node, vals, prow, labelAlone || this.layout === 'space-separated');
    if (blankGroup) build.blankGroups.push(node);
  }

  /** Puts value tokens into the row's cells; a short row stays open (PDF text) or gets absent cells. */
  private fillRow(build: TableBuild, node: RowNode, vals: Token[], prow: PhysicalRow, mayContinue: boolean): void {
    const columns = build.template.columns;
    const cells: CellNode[] = [];
    for (const [i, column] of columns.entries()) {
      const v = vals[i];
      if (!v) break;
      cells.push(this.cell(column.key, v));
    }
    build.node.rows.push(node);
    const open: OpenRow = { build, row: node, cells, needed: columns.length - cells.length, lastEnd: prow.end };
    node.cells = cells;
    this.extendRow(node, cells, prow.end);
    if (open.needed > 0 && mayContinue) this.open = open;
    else this.finishRow(open);
  }

  private continueOpen(prow: PhysicalRow): void {
    const open = this.open;
    if (!open) return;
    const columns = open.build.template.columns;
    for (const v of prow.tokens) {
      const column = columns[open.cells.length];
      if (v.text.length === 0 || open.needed === 0 || !column) continue;
      open.cells.push(this.cell(column.key, v));
      open.needed--;
    }
    open.lastEnd = prow.end;
    this.continued.add(open.row);
    this.extendRow(open.row, open.cells, prow.end);
    if (open.needed === 0) {
      this.finishRow(open);
      this.open = undefined;
    }
  }

  private closeOpen(): void {
    if (this.open) this.finishRow(this.open);
    this.open = undefined;
  }

  /** Pads a short row with absent cells at its end, so every column has a cell. */
  private finishRow(open: OpenRow): void {
    const columns = open.build.template.columns;
    if (this.readFused(open) || this.readShort(open)) return;
    // Section 四's one row with fewer numbers than columns where every cell is a field of its own (TAB rows of the
    // PDF, Word and HTML readers): which columns are missing is not known (LibreOffice cut the table at the page
    // edge). Whole column groups are a group quoted, or the pieces of a split table: read as written.
    // Lines of text as well: a number there is no field of its own, so which was left out is no better known
    // (LibreOffice's PDF of 四, its last number moved past the next heading by pdftotext).
    const fields = this.layout === 'tab-separated' || this.layout === 'cell-per-line' || this.layout === 'space-separated';
    let k = 0; // (its fields)
    for (const c of open.cells) if (c.value.kind === 'number' || c.value.kind === 'blank') k++;
    const wholeGroups = columns[k]?.group !== columns[k - 1]?.group;
    if (open.row.label === undefined && fields && k > 1 && k < columns.length && !wholeGroups) this.cutRows.add(open.build);
    const lastCell = open.cells[open.cells.length - 1];
    const at = lastCell ? Math.max(lastCell.span.end, open.row.span.end) : open.row.span.end;
    const where = this.layout === 'space-separated' || this.layout === 'cell-per-line' ? at : open.lastEnd;
    for (const column of columns.slice(open.cells.length)) {
      open.cells.push({
        column: column.key,
        raw: '',
        span: { start: where, end: where },
        range: this.src.index.rangeOf({ start: where, end: where }),
        value: { kind: 'blank' },
        present: false,
      });
    }
    open.row.cells = open.cells;
    open.build.node.span.end = Math.max(open.build.node.span.end, open.row.span.end);
  }

  /**
   * A short row whose numbers are one run of digits (`801000081` for seven
   * cells): its cells are placeholders until the table is complete and the
   * sums can choose a split (finish → splitFused).
   */
  private readFused(open: OpenRow): boolean {
    const columns = open.build.template.columns;
    const only = open.cells[0];
    if (open.cells.length !== 1 || columns.length < 2 || !only) return false;
    const run = only.raw;
    if (run.length < columns.length || !/^[-－]?[0-9０-９][0-9０-９.\-－]*$/.test(run)) return false;
    // A sign or a decimal point inside the run (`12-195`, `3160.5964`): where the cells part is not knowable.
    const plain = /^[0-9０-９]+$/.test(run);
    let digits = '';
    for (const ch of run) digits += String.fromCharCode(ch.charCodeAt(0) >= 0xff10 ? ch.charCodeAt(0) - 0xff10 + 48 : ch.charCodeAt(0));
    const offsets = runOffsets(this.src, only.span, run.length);
    const cells: CellNode[] = columns.map((c) => ({
      column: c.key,
      raw: run,
      span: { ...only.span },
      range: only.range,
      value: { kind: 'unread', run },
      present: true,
    }));
    open.row.cells = cells;
    open.build.node.span.end = Math.max(open.build.node.span.end, open.row.span.end);
    const readings = plain ? readingsOf(digits, columns.length, rowSumsOf(open.build.template)) : [];
    const fused: ReadRow = {
      kind: 'fused',
      node: open.row,
      cells,
      digits,
      offsets,
      readings,
      start: only.span.start,
      end: only.span.end,
      unknowable: !plain,
      given: [],
    };
    open.build.fused.push(fused);
    if (readings && readings.length === 1) this.applyReading(fused, readings[0] as Reading);
    return true;
  }

  /**
   * A row with fewer numbers than columns in text without cell separators
   * (empty cells of a web table vanish in its text): which columns the
   * numbers are in is known only when the sums leave one placement — or when
   * every placement gives the same numbers (six zeros for seven cells).
   */
  private readShort(open: OpenRow): boolean {
    const columns = open.build.template.columns;
    const n = columns.length;
    const k = open.cells.length;
    if (this.layout !== 'space-separated' || k < 2 || k >= n || open.row.isGroup) return false;
    const values: number[] = [];
    for (const c of open.cells) {
      if (c.value.kind !== 'number') return false;
      values.push(c.value.value);
    }
    const sums = rowSumsOf(open.build.template);
    const readings = placementsOf(values, n, sums);
    if (readings && readings.length > 1) {
      const first = placedValues(values, n, readings[0] as Reading).join(',');
      if (readings.every((r) => placedValues(values, n, r).join(',') === first)) return false; // the same numbers whichever way: read as written
    }
    const given = open.cells.map((c) => ({ ...c }));
    const start = given[0]?.span.start ?? open.row.span.end;
    const end = given[given.length - 1]?.span.end ?? start;
    const cells: CellNode[] = columns.map((c) => ({
      column: c.key,
      raw: '',
      span: { start: end, end },
      range: this.src.index.rangeOf({ start: end, end }),
      value: { kind: 'blank' },
      present: true,
    }));
    open.row.cells = cells;
    open.build.node.span.end = Math.max(open.build.node.span.end, open.row.span.end);
    const row: ReadRow = { kind: 'short', node: open.row, cells, digits: '', offsets: [], readings, start, end, unknowable: false, given };
    open.build.fused.push(row);
    if (readings && readings.length === 1) this.applyReading(row, readings[0] as Reading);
    return true;
  }

  private applyReading(row: ReadRow, reading: Reading): void {
    if (row.kind === 'short') {
      const given = row.given;
      // A blank sits just after the number before it (before the first number when it leads the row).
      let previousEnd = given[0]?.span.start ?? 0;
      row.cells.forEach((cell, i) => {
        const k = reading.indexOf(i);
        const source = k >= 0 ? given[k] : undefined;
        if (source) {
          Object.assign(cell, { raw: source.raw, span: source.span, range: source.range, value: source.value });
          previousEnd = source.span.end;
        } else
          Object.assign(cell, {
            raw: '',
            span: { start: previousEnd, end: previousEnd },
            range: this.src.index.rangeOf({ start: previousEnd, end: previousEnd }),
            value: { kind: 'blank' },
          });
      });
      return;
    }
    let from = 0;
    reading.forEach((to, i) => {
      const cell = row.cells[i] as CellNode;
      const start = row.offsets[from] as number;
      const end = (row.offsets[to - 1] as number) + 1;
      cell.span = { start, end };
      cell.range = this.src.index.rangeOf(cell.span);
      // its characters without the markup between them (`2**1` is 21)
      cell.raw = row.offsets
        .slice(from, to)
        .map((o) => this.src.masked.charAt(o))
        .join('');
      const value = Number(row.digits.slice(from, to));
      cell.value = { kind: 'number', value, fullWidth: /[０-９]/.test(cell.raw) };
      cell.segmented = true;
      from = to;
    });
  }

  /** Splits the fused rows of a complete table; what cannot be split unambiguously is reported, never guessed. */
  private splitFused(build: TableBuild): FusedRunNode[] {
    if (build.fused.length === 0) return [];
    const hopeless = new Set(resolveTable(build.node, build.template, build.fused, (row, reading) => this.applyReading(row, reading)));
    return build.fused.map((f) => {
      const span = { start: f.start, end: f.end };
      const state: FusedRunNode['state'] = !hopeless.has(f)
        ? 'split'
        : f.unknowable
          ? 'ambiguous'
          : f.readings === undefined
            ? 'too-many'
            : f.readings.length === 0
              ? 'impossible'
              : 'ambiguous';
      if (state !== 'split') {
        for (const c of f.cells) {
          c.span = { ...span };
          c.range = this.src.index.rangeOf(span);
          c.raw = this.src.masked.slice(f.start, f.end);
          c.value = { kind: 'unread', run: c.raw };
          delete c.segmented;
        }
      }
      return {
        table: build.template.id,
        row: f.node.key,
        kind: f.kind,
        run: this.src.masked.slice(f.start, f.end),
        span,
        range: this.src.index.rangeOf(span),
        state,
      };
    });
  }

  private extendRow(row: RowNode, cells: CellNode[], _end: number): void {
    const first = cells[0];
    const last = cells[cells.length - 1];
    if (first && last) row.span = { start: Math.min(row.span.start, first.span.start), end: Math.max(row.span.end, last.span.end) };
    row.range = this.src.index.rangeOf(row.span);
  }

  private cell(column: ColumnKey, token: Token): CellNode {
    const span = { start: token.start, end: token.end };
    return { column, raw: token.text, span, range: this.src.index.rangeOf(span), value: parseCellValue(token.text), present: true };
  }

  // ------------------------------------------------------------ labels

  /** Matches the end of the label buffer against the template's row labels. */
  private resolve(): Match | undefined {
    const lastToken = this.buffer[this.buffer.length - 1];
    if (!lastToken) return undefined;
    // Normalised text of the last tokens, with a map back to source offsets.
    const parts: Normalized[] = [];
    let length = 0;
    for (let i = this.buffer.length - 1; i >= 0 && length < BUFFER_CHARS; i--) {
      const t = this.buffer[i]!;
      // Only a token's tail can end a label: a 1 MB pasted line is not re-read whole.
      const n = normalize(this.src.masked, Math.max(t.start, t.end - BUFFER_CHARS * 2), t.end);
      parts.push(n);
      length += n.text.length;
    }
    parts.reverse();
    const only = parts.length === 1 ? parts[0] : undefined;
    const text = only ? only.text : parts.map((p) => p.text).join('');
    const map = only ? only.map : concatMaps(parts.map((p) => p.map));
    if (text.length === 0) return undefined;
    const best = this.longestForm(text);
    if (best) return this.match(best, best.kind, best.text.length, text, map, lastToken.end);
    // A whole label, then a note the report added (`规章（县级无此项）`, `行政处罚（件）`, `规章*`): the label's row,
    // its span the label alone. Only after no form (longer, as `（二）部分公开（…）`) matched the whole.
    const at = noteStart(text);
    const base = at > 0 ? this.longestForm(text.slice(0, at)) : undefined;
    if (base) return this.match(base, base.kind, base.text.length, text.slice(0, at), map, map[at - 1]! + 1);
    return this.fuzzy(text, map, lastToken.end);
  }

  /** The longest form that ends `text` (an exact one before a variant as long). */
  private longestForm(text: string): LabelForm | undefined {
    let best: LabelForm | undefined;
    for (const f of this.formsByLast.get(text.charCodeAt(text.length - 1)) ?? []) {
      if (!text.endsWith(f.text)) continue;
      if (!best || f.text.length > best.text.length || (f.text.length === best.text.length && f.kind === 'exact')) best = f;
    }
    return best;
  }

  private match(form: LabelForm, kind: Match['kind'], length: number, text: string, map: OffsetMap, end: number): Match {
    const at = text.length - length;
    return {
      form,
      kind,
      start: map[at] ?? end, // (a form is never empty, so `at` is inside the text)
      end,
      normalized: text.slice(at),
      before: { text: text.slice(0, at), map }, // the map's first `at` offsets are the text's: no copy
    };
  }

  /** A mistyped label: close (by edit distance) to one of the next rows expected, with the same numbering. */
  private fuzzy(text: string, map: OffsetMap, end: number): Match | undefined {
    let best: { form: LabelForm; length: number; distance: number } | undefined;
    for (const build of this.expectedTables()) {
      const rows = build.template.rows;
      for (let i = build.lastRowIndex + 1; i < Math.min(rows.length, build.lastRowIndex + 5); i++) {
        const form = this.forms.find((f) => f.row === rows[i] && f.kind === 'exact');
        if (!form || form.text.length < 5) continue;
        const limit = Math.floor(form.text.length / 4);
        for (let len = Math.max(2, form.text.length - limit); len <= Math.min(text.length, form.text.length + limit); len++) {
          const candidate = text.slice(text.length - len);
          if (candidate.slice(0, 2) !== form.text.slice(0, 2)) continue;
          const d = editDistance(candidate, form.text, limit);
          if (d <= limit && (!best || d < best.distance)) best = { form, length: len, distance: d };
        }
      }
    }
    return best ? this.match(best.form, 'fuzzy', best.length, text, map, end) : undefined;
  }

  private *expectedTables(): Iterable<{ template: TableTemplate; lastRowIndex: number }> {
    for (const t of this.templates) {
      if (!t.labelless) yield { template: t, lastRowIndex: this.builds.get(t.id)?.lastRowIndex ?? -1 };
    }
  }

  /** Group cells (三、本年度办理结果, （三）不予公开 …) just before a row label. */
  private recordGroups(build: TableBuild, match: Match): void {
    let parentKey = match.form.row.parent;
    let text = match.before.text;
    const map = match.before.map;
    while (parentKey) {
      const parent = build.template.rows.find((r) => r.key === parentKey);
      if (!parent) break;
      const form = normalizeLabel(parent.label);
      if (form.length > 0 && text.endsWith(form) && !build.node.groupLabels.some((g) => g.key === parent.key)) {
        // The form is a non-empty tail of the text, which map parallels.
        const start = map[text.length - form.length]!;
        const end = map[text.length - 1]! + 1;
        build.node.groupLabels.push({
          key: parent.key,
          label: {
            text: this.src.text.slice(start, end),
            normalized: form,
            span: { start, end },
            range: this.src.index.rangeOf({ start, end }),
          },
        });
        text = text.slice(0, text.length - form.length);
      }
      parentKey = parent.parent;
    }
  }

  // ------------------------------------------------------------ tables

  private tableFor(template: TableTemplate, start: number): TableBuild {
    let build = this.builds.get(template.id);
    if (build) return build;
    let caption: LabelNode | undefined;
    let tableStart = start;
    if (this.pendingCaption?.table === template) {
      const t = this.pendingCaption.token;
      caption = {
        text: t.text,
        normalized: normalizeLabel(t.text),
        span: { start: t.start, end: t.end },
        range: this.src.index.rangeOf(t),
      };
      tableStart = Math.min(tableStart, t.start);
    }
    const headerCells: HeaderCellNode[] = [];
    const seen = new Map<string, number>();
    for (const h of this.pendingHeaders) {
      const norm = normalizeLabel(h.text);
      if (!this.headerLabels.get(norm)?.includes(template)) continue;
      // Repeated labels (结果维持 ×3 in section 四) belong to successive column groups.
      const k = seen.get(norm) ?? 0;
      seen.set(norm, k + 1);
      const column = template.columns.filter((c) => normalizeLabel(c.label) === norm)[k]?.key;
      headerCells.push({ column, text: h.text, span: { start: h.start, end: h.end }, range: this.src.index.rangeOf(h) });
      tableStart = Math.min(tableStart, h.start);
    }
    const hint = this.headerHints.get(template);
    if (hint !== undefined && (!caption || hint > caption.span.start)) tableStart = Math.min(tableStart, hint);
    this.pendingHeaders = [];
    this.pendingCaption = undefined;
    const span = { start: tableStart, end: start };
    const node: TableNode = {
      id: template.id,
      section: this.section,
      layout: this.layout,
      caption,
      headerCells,
      rows: [],
      span,
      range: this.src.index.rangeOf(span),
      groupLabels: [],
    };
    build = { template, node, lastRowIndex: -1, fused: [], blankGroups: [] };
    this.builds.set(template.id, build);
    return build;
  }

  private finish(): RegionResult {
    const tables: TableNode[] = [];
    const unreadable: UnreadableTable[] = [];
    const fused: FusedRunNode[] = [];
    for (const t of this.templates) {
      const build = this.builds.get(t.id);
      if (!build) continue;
      // the table's range once, from its final span (each row ends it further)
      build.node.range = this.src.index.rangeOf(build.node.span);
      fused.push(...this.splitFused(build));
      if (build.blankGroups.length > 0) dropGroupLabels(build);
      const dataRows = t.rows.filter((r) => r.kind === 'data').length;
      const read = new Set(build.node.rows.map((r) => r.key)).size;
      // Most of a big table unread while numbers sit unmatched: we did not understand it.
      if (dataRows >= 6 && read < dataRows * 0.3 && this.unmatchedNumericRows.length >= 3) continue;
      // Labels alone (no cell written) are a table only with its caption or header and at least half its rows.
      const written = build.node.rows.some((r) => r.cells.some((c) => c.present));
      if (
        !written &&
        !t.labelless &&
        (read < dataRows / 2 || (!build.node.caption && build.node.headerCells.length === 0 && !this.headerHints.has(t)))
      )
        continue;
      tables.push(build.node);
    }
    const distrusted = untrustworthy(tables, this.unmatchedNumericRows, this.continued, this.dropped, this.afterWords);
    // Labels alone here (no cell written), but the table's header and a run of numbers just after the next heading: the tool wrote the
    // section's numbers after that heading (pdfminer), so which is whose is lost. A blank template has no such numbers.
    for (const node of tables) if (!hasCells(node) && this.numbersMovedOn(node.id)) distrusted.push(node);
    for (const node of distrusted) {
      tables.splice(tables.indexOf(node), 1);
      unreadable.push(this.unreadableTableOf(node));
    }
    for (const build of this.cutRows) {
      if (!tables.includes(build.node)) continue;
      tables.splice(tables.indexOf(build.node), 1);
      const n = build.node.rows[0]?.cells.filter((c) => c.present).length ?? 0;
      unreadable.push({
        ...this.unreadableTableOf(build.node),
        reason: {
          zh: `表格「${build.template.name}」的数据行只有 ${n} 格，少于 ${build.template.columns.length} 列，不知缺的是哪几列`,
          en: `the row of “${build.template.name}” has ${n} cells for ${build.template.columns.length} columns: which are missing is not known`,
        },
      });
    }
    for (const [build, n] of this.paddedRows) {
      if (!tables.includes(build.node)) continue;
      tables.splice(tables.indexOf(build.node), 1);
      unreadable.push({
        ...this.unreadableTableOf(build.node),
        reason: {
          zh: `表格「${build.template.name}」有的行只写了 ${n} 个数，又以「|」补到多于 ${build.template.columns.length} 列，不知数字在哪几列`,
          en: `a row of “${build.template.name}” has ${n} values, padded with “|” past its ${build.template.columns.length} columns: which columns its numbers are in is not known`,
        },
      });
    }
    const kept = new Set(tables.map((n) => n.id));
    const keptFused = fused.filter((f) => kept.has(f.table));
    fused.length = 0;
    fused.push(...keptFused);
    const ownTables = this.templates.filter((t) => t.section === this.section);
    const understood = ownTables.some((t) => tables.some((n) => n.id === t.id) || distrusted.some((n) => n.id === t.id));
    const first = this.unmatchedNumericRows[0];
    const last = this.unmatchedNumericRows[this.unmatchedNumericRows.length - 1];
    if (!understood && first && last && this.unmatchedNumericRows.length >= 3 && ownTables.length > 0) {
      const span = { start: this.src.lines.lineStart(first.firstLine), end: last.end };
      unreadable.push({
        section: this.section,
        span,
        range: this.src.index.rangeOf(span),
        reason: {
          zh: `有 ${this.unmatchedNumericRows.length} 行数字，但认不出对应的表格行（行名与格式中的任何一行都不相符）`,
          en: `${this.unmatchedNumericRows.length} rows of numbers whose labels match no row of the format`,
        },
      });
    }
    if (unreadable.length === 0) unreadable.push(...this.headerWithoutRows(ownTables, tables));
    // No cell at all and a table's caption there but not its rows: say it cannot be read, not that it is missing.
    const unread = this.labelsOnly ? ownTables.filter((t) => this.captionsSeen.has(t) && !tables.some((n) => n.id === t.id)) : [];
    const at = unread[0] && this.captionsSeen.get(unread[0]);
    if (at && unreadable.length === 0) {
      const names = unread.map((t) => `「${t.name}」`).join('');
      const span = { start: at.start, end: at.end };
      unreadable.push({
        section: this.section,
        span,
        range: this.src.index.rangeOf(span),
        reason: {
          zh: `表格${names}的标题在，但没有数字，也认不出其中的行`,
          en: `${unread.map((t) => `“${t.name}”`).join(', ')}: the caption is there, but no number and none of its rows`,
        },
      });
    }
    return { tables, unreadable, fused };
  }

  /**
   * A table of the section whose header stands as cells of its own (three distinct labels of three characters or
   * more: no sentence) but none of whose rows was read (antiword drops LibreOffice's 三 rows): it cannot be read,
   * it is not missing.
   */
  private headerWithoutRows(own: TableTemplate[], tables: TableNode[]): UnreadableTable[] {
    const out: UnreadableTable[] = [];
    for (const t of own) {
      const seen = this.headersSeen.get(t);
      if (t.labelless || !seen || this.builds.has(t.id) || tables.some((n) => n.id === t.id)) continue;
      if ([...seen.labels].filter((l) => l.length >= 3).length < 3) continue;
      // Header words shared with a table whose caption is there (2019's 上一年项目数量 in 五, 六 and 八): a table whose
      // own caption is not in the text is not named.
      if (t.caption && !this.captionsNamed.has(t) && own.some((u) => u !== t && this.captionsNamed.has(u) && sharesHeader(t, u))) continue;
      const span = { start: seen.first.start, end: seen.first.end };
      out.push({
        section: this.section,
        table: t.id,
        span,
        range: this.src.index.rangeOf(span),
        reason: {
          zh: `表格「${t.name}」的表头在，但认不出其中的任何一行`,
          en: `the header of “${t.name}” is there, but none of its rows`,
        },
      });
    }
    return out;
  }

  /**
   * The lines just after the region (past the next heading) start with this table's header cells and then at least
   * a row's worth of lines of nothing but numbers.
   */
  private numbersMovedOn(id: TableNode['id']): boolean {
    const template = this.templates.find((t) => t.id === id);
    if (!template || this.lastLine < 0) return false;
    const header = template.headerLabels.map(normalizeLabel).filter((h) => h.length >= 3);
    let words = '';
    let other = 0;
    let numbers = 0;
    const end = Math.min(this.src.lines.lineCount, this.lastLine + 400);
    for (let line = this.lastLine + 1; line < end; line++) {
      const text = this.src.masked.slice(this.src.lines.lineStart(line), this.src.lines.lineEnd(line)).trim();
      if (text.length === 0) continue;
      if (/^[0-9０-９]+$/.test(text)) {
        // right after the heading, or after this table's header: not another table's numbers
        if (other > 1 && !header.some((h) => words.includes(h))) return false;
        numbers++;
      } else if (numbers > 0 || ++other > 24) break;
      // (the heading, then the header's cells, wrapped)
      else words += normalizeLabel(text);
    }
    return numbers >= template.columns.length;
  }

  /** A table whose numbers could not be given to its rows: named, never read wrong. */
  private unreadableTableOf(node: TableNode): UnreadableTable {
    const template = this.templates.find((t) => t.id === node.id);
    const name = template?.name ?? node.id;
    return {
      section: this.section,
      table: node.id,
      span: node.span,
      range: node.range,
      reason: {
        zh: `表格「${name}」中有数字不属于任何一行，而有的行没有数字（文字中各数字与行、列的对应已丢失，如按列输出的 PDF 文字）`,
        en: `in “${name}” numbers belong to no row while rows have none (the text lost which number is whose, as PDF text written column by column)`,
      },
    };
  }
}

/**
 * The tables whose reading cannot be trusted: numbers that no row took, while a row of the table they stand in has
 * no number or one not read — the text lost which number is in which row, as when a PDF tool writes a table column
 * by column, or every label of a section before all its numbers. A table that reads well leaves no number unplaced
 * beside an empty row.
 */
function untrustworthy(
  tables: TableNode[],
  orphans: PhysicalRow[],
  continued: ReadonlySet<RowNode>,
  dropped: ReadonlySet<PhysicalRow>,
  afterWords: ReadonlySet<PhysicalRow>,
): TableNode[] {
  // a run not read that spans lines: numbers of several lines taken for one cell's fused digits
  const joinedLines = (node: TableNode): boolean =>
    node.rows.some((r) => r.cells.some((c) => c.value.kind === 'unread' && c.raw.includes('\n')));
  // no line of numbers left over (most tables): only a joined run can make one untrustworthy
  if (orphans.length === 0) return tables.filter(joinedLines);
  const unfilled = (r: RowNode): boolean => !r.isGroup && r.cells.some((c) => c.value.kind === 'unread' || !c.present);
  const rows = tables
    .flatMap((node) => node.rows.map((row) => ({ node, at: row.span.start, filled: !unfilled(row), later: continued.has(row) })))
    .sort((a, b) => a.at - b.at);
  // a row given the numbers of the lines after its label, with more numbers no row took after them: which are its own
  // is not proven (every label of a section written before all its numbers)
  const unproven = new Set<TableNode>();
  const lost = new Set<TableNode>();
  const suspect = new Set<TableNode>();
  for (const p of orphans) {
    // only lines of nothing but numbers: a line with words that names no row is prose or a row of another table
    // (or numbers after the start of a label that never read complete)
    if (!dropped.has(p) && !p.tokens.every((t) => t.text.length === 0 || parseCellValue(t.text).kind === 'number')) continue;
    const at = p.tokens.find((t) => t.text.length > 0)?.start;
    if (at === undefined) continue;
    // the table the numbers stand in (its caption or header to its last row) ...
    for (const node of tables) {
      if (node.span.start > at || at >= node.span.end) continue;
      suspect.add(node);
      // ... which lost the row of numbers that follow the start of a label that never read complete
      if (dropped.has(p)) lost.add(node);
    }
    // ... and the tables of the rows before them, back to the last row that took numbers: labels written before
    // their numbers. Numbers before every row are no table's (a date, a quoted figure).
    let last = -1;
    while (last + 1 < rows.length && rows[last + 1]!.at < at) last++;
    for (let i = last; i >= 0; i--) {
      const r = rows[i]!;
      suspect.add(r.node);
      // (numbers after words that named no row are that row's, not numbers of labels written before them)
      if (r.later && !afterWords.has(p)) unproven.add(r.node);
      if (r.filled && !r.later) break;
    }
  }
  return tables.filter(
    (node) => (suspect.has(node) && (node.rows.some(unfilled) || unproven.has(node))) || lost.has(node) || joinedLines(node),
  );
}

/**
 * The source offset of each character of a run read from `span`: its masked markup (`21**00000**21`) is not in the
 * run, so the n-th character is the n-th offset that is no markup.
 */
function runOffsets(src: Source, span: { start: number; end: number }, length: number): number[] {
  const out: number[] = [];
  for (let i = span.start; i < span.end && out.length < length; i++) if (!isMarkup(src, i)) out.push(i);
  while (out.length < length) out.push(span.end); // (never: the run is the span's text without its markup)
  return out;
}

/** Two tables with a distinctive header word (three characters or more) in common. */
function sharesHeader(a: TableTemplate, b: TableTemplate): boolean {
  const words = new Set(b.headerLabels.map(normalizeLabel).filter((l) => l.length >= 3 && l !== '信息内容'));
  return a.headerLabels.some((l) => words.has(normalizeLabel(l)));
}

function hasCells(node: TableNode): boolean {
  return node.rows.some((r) => r.cells.some((c) => c.present));
}

// A note after a label: a bracket of words (no digits: `（3）` may be the row's number; no bare numeral: `（一）`
// may start the next label), or footnote stars. Up to 32 in round brackets: some provinces' forms print a scope
// there (`规章（设区的市、自治州人民政府应提供相关数据）`, 19).
const NOTE = /(?:（([^（）0-9]{1,32})）|\[([^[\]0-9]{1,16})\]|【([^【】0-9]{1,16})】|〔([^〔〕0-9]{1,16})〕|[*※]+)$/;
const NUMERAL = /^[一二三四五六七八九十]+$/;

/** Where a trailing note starts in normalised label text, or -1. */
function noteStart(text: string): number {
  const m = NOTE.exec(text);
  if (!m) return -1;
  const words = m[1] ?? m[2] ?? m[3] ?? m[4];
  return words !== undefined && NUMERAL.test(words) ? -1 : m.index;
}

function concatMaps(maps: OffsetMap[]): number[] {
  const out: number[] = [];
  for (const m of maps) for (let i = 0; i < m.length; i++) out.push(m[i]!);
  return out;
}
