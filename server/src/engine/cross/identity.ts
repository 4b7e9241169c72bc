// Who a report is by and which year it is for, read from its title, and the
// key under which two reports of one agency meet (the cross-report rules and
// the CLI summary both use it). Pure: no file system.
//
// Agency: the words before the year (沭阳县发展和改革局2023年政府信息公开工作年度报告
// → 沭阳县发展和改革局), or, when the title starts with the year, the words
// between it and 政府信息公开 (2023年沭阳县发展和改革局政府信息公开工作年度报告).

function chineseYear(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 10 + '〇一二三四五六七八九'.indexOf(ch === '零' ? '〇' : ch);
  return n;
}

// A year as reports write it: 2023, ２０２３, 二〇二三 / 二零二三, then 年 or 年度.
const YEAR = /([0-9０-９]{4}|[〇零一二三四五六七八九]{4})年度?/g;

// Joining words and brackets left at the cut: 某某局关于2023年…, 某某局（2023年度）…
const TRAILING = /(关于|的|[（(【[《〈「:：\-—–_·、,，])+$/u;
const LEADING = /^([）)】\]》〉」:：\-—–_·、,，])+/u;
/** What a title says after the agency when the year comes last (某某局政府信息公开工作年度报告（2023年）). */
const REPORT_WORDS = /(政府信息公开|政务公开|信息公开)(工作)?(年度)?(工作)?(报告)?$/u;

function yearValue(y: string): number {
  return /^[0-9０-９]+$/.test(y) ? Number(y.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))) : chineseYear(y);
}

/** The title without spaces (titles wrap and space out the year: 长春市国动办 2023 年…) and opening quotes. */
function compact(title: string): string {
  return title.replace(/[\s\u3000]+/g, '').replace(/^[《〈「]+/u, '');
}

/** The agency named in a report's title, or undefined when the title does not say. */
export function agencyFromTitle(title: string | undefined, year?: number): string | undefined {
  if (!title) return undefined;
  const t = compact(title);
  const matches = [...t.matchAll(YEAR)];
  const m = matches.find((x) => year !== undefined && yearValue(x[1] ?? '') === year) ?? matches[0];
  if (!m || m.index === undefined) return undefined;
  const before = t.slice(0, m.index).replace(TRAILING, '').replace(REPORT_WORDS, '').replace(TRAILING, '');
  if (before) return before;
  const after = t.slice(m.index + m[0].length).replace(LEADING, '');
  const end = after.search(/政府信息公开|政务公开|信息公开/);
  const name = (end >= 0 ? after.slice(0, end) : '').replace(TRAILING, '');
  return name || undefined;
}

/** The year a title names (the first year in it), when the model did not give one. */
export function yearFromTitle(title: string | undefined): number | undefined {
  if (!title) return undefined;
  const m = YEAR.exec(compact(title));
  YEAR.lastIndex = 0;
  return m ? yearValue(m[1] ?? '') : undefined; // (YEAR's group is not optional)
}

/** Full-width letters and digits folded, spaces, quotes and brackets dropped: how names are compared. */
export function normaliseAgency(name: string): string {
  return name
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000"'“”‘’《》〈〉「」【】()（）[\]]/g, '')
    .replace(REPORT_WORDS, '')
    .replace(/(关于|的)+$/u, '');
}

// A higher-level place before the agency (淮安市洪泽区人民政府 is 洪泽区人民政府): dropped
// only while what follows still starts with a place, so 淮安市公安局 stays itself.
const HIGHER_PLACE = /^[\u4e00-\u9fff]{2,7}?(省|自治区|市|自治州|地区|盟)/u;
const PLACE = /^[\u4e00-\u9fff]{2,7}?(市|区|县|旗|自治县|镇|乡|街道)/u;

/** The agency's key: normalised, higher-level place names dropped, then aliases (old → current name) followed. */
export function agencyKey(name: string, aliases: Readonly<Record<string, string>> = {}): string {
  const table = aliasTable(aliases);
  let current = canonical(normaliseAgency(name));
  for (let i = 0; i < 8; i++) {
    const next = table.get(current);
    if (next === undefined || next === current) break;
    current = next;
  }
  return current;
}

function canonical(name: string): string {
  let n = name;
  for (;;) {
    const m = HIGHER_PLACE.exec(n);
    if (!m) return n;
    const rest = n.slice(m[0].length);
    if (!PLACE.test(rest)) return n;
    n = rest;
  }
}

const ALIAS_CACHE = new WeakMap<object, Map<string, string>>();

function aliasTable(aliases: Readonly<Record<string, string>>): Map<string, string> {
  let table = ALIAS_CACHE.get(aliases);
  if (!table) {
    table = new Map();
    for (const [from, to] of Object.entries(aliases)) {
      if (typeof from !== 'string' || typeof to !== 'string') continue;
      table.set(canonical(normaliseAgency(from)), canonical(normaliseAgency(to)));
    }
    ALIAS_CACHE.set(aliases, table);
  }
  return table;
}

export interface ReportIdentity {
  /** The agency as the title writes it (spaces removed). */
  agency: string;
  /** What two reports of one agency share (see agencyKey). */
  key: string;
  year: number;
}

/** Agency and year of a report from its title; undefined when the title does not name both. */
export function reportIdentity(
  title: string | undefined,
  year: number | undefined,
  aliases: Readonly<Record<string, string>> = {},
): ReportIdentity | undefined {
  const y = year ?? yearFromTitle(title);
  const agency = agencyFromTitle(title, y);
  if (y === undefined || !agency) return undefined;
  const key = agencyKey(agency, aliases);
  return key.length >= 2 ? { agency, key, year: y } : undefined;
}
