// Which agency a report is by, from its title: the words before the year
// (沭阳县发展和改革局2023年政府信息公开工作年度报告 → 沭阳县发展和改革局), or,
// when the title starts with the year, the words between it and
// 政府信息公开 (2023年沭阳县发展和改革局政府信息公开工作年度报告).

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

/** The agency named in a report's title, or undefined when the title does not say. */
export function agencyFromTitle(title: string | undefined, year?: number): string | undefined {
  if (!title) return undefined;
  // Agency names have no spaces; titles wrap and space out the year (长春市国动办 2023 年…).
  const t = title.replace(/[\s\u3000]+/g, '').replace(/^[《〈「]+/u, '');
  const matches = [...t.matchAll(YEAR)];
  const value = (m: RegExpMatchArray) => {
    const y = m[1];
    return /^[0-9０-９]+$/.test(y) ? Number(y.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))) : chineseYear(y);
  };
  const m = matches.find((x) => year !== undefined && value(x) === year) ?? matches[0];
  if (!m || m.index === undefined) return undefined;
  const before = t.slice(0, m.index).replace(TRAILING, '');
  if (before) return before;
  const after = t.slice(m.index + m[0].length).replace(LEADING, '');
  const end = after.search(/政府信息公开|政务公开|信息公开/);
  const name = (end >= 0 ? after.slice(0, end) : '').replace(TRAILING, '');
  return name || undefined;
}
