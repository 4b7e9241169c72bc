// @ts-check
// `extract`: what the engine read, as JSON or CSV, for a person or a
// spreadsheet. Run as a user runs it: a process, real files. The numbers
// below were read off the fixture texts by hand, not copied from the output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { defined } from '../lib/narrow.mjs';
import { extracted, extractResults, jsonResults } from '../lib/cli.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const corpus = join(root, 'test/fixtures/corpus');
const made = join(root, 'test/fixtures/made');

/** @param {string[]} args @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options] */
function run(args, options = {}, program = cli) {
  const r = spawnSync(process.execPath, [program, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' }, ...options });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** @param {Record<string, string | Uint8Array>} [files] */
function scratch(files = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-extract-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
const reports = (/** @type {string} */ dir) =>
  readdirSync(dir)
    .filter((n) => /\.(txt|md)$/.test(n))
    .sort()
    .map((n) => join(dir, n));
const FIXTURES = [...reports(corpus), ...reports(made)];
const fixtureName = (/** @type {string} */ path) => path.slice(path.lastIndexOf('/') + 1).replace(/\.(txt|md)$/, '');

/** `extract` as JSON, every file read (exit 0). @param {string[]} args */
function extractJson(args) {
  const r = run(['extract', ...args]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  return extractResults(r.out).map(extracted);
}

// ---------------------------------------------------------------- known numbers

const zeros = (/** @type {number} */ n) => Array(n).fill(0);
const S3_COLUMNS = ['NP', 'BE', 'RI', 'SW', 'LS', 'OT', 'TOT'];
const S4_COLUMNS = ['FY', 'ZS', 'FS'].flatMap((g) => ['WC', 'JZ', 'QT', 'WJ', 'ZJ'].map((o) => `${g}.${o}`));
const S3_2021_ROWS = [
  'R1',
  'R2',
  'R3_1',
  'R3_2',
  'R3_3_1',
  'R3_3_2',
  'R3_3_3',
  'R3_3_4',
  'R3_3_5',
  'R3_3_6',
  'R3_3_7',
  'R3_3_8',
  'R3_4_1',
  'R3_4_2',
  'R3_4_3',
  'R3_5_1',
  'R3_5_2',
  'R3_5_3',
  'R3_5_4',
  'R3_5_5',
  'R3_6_1',
  'R3_6_2',
  'R3_6_3',
  'R3_7',
  'R4',
];
/** One （六）其他处理 row instead of its three sub-rows: the 2019 format's data row, or a 2021 report that collapses the group. */
const S3_SINGLE_OTHER_ROWS = [...S3_2021_ROWS.filter((k) => !k.startsWith('R3_6_')).slice(0, -2), 'R3_6', 'R3_7', 'R4'];
/** @param {string[]} columns @param {(number | null | string)[]} values */
const row = (columns, values) => Object.fromEntries(columns.map((c, i) => [c, values[i]]));
const s3 = (/** @type {(number | null | string)[]} */ values) => row(S3_COLUMNS, values);
const s4 = (/** @type {(number | null | string)[]} */ values) => ({ R: row(S4_COLUMNS, values) });

const CHANGCHUN_S2_2021 = {
  S2_一: { GZ: { ZF: 0, FZ: 0, XX: 0 }, GF: { ZF: 0, FZ: 0, XX: 2 } },
  S2_五: { XK: { JD: 95 } },
  S2_六: { CF: { JD: 1 }, QZ: { JD: 0 } },
  S2_八: { SF: { JE: 6510 } },
};
const CHANGCHUN_S3 = {
  R1: s3([50, 9, 0, 0, 0, 0, 59]),
  R2: s3(zeros(7)),
  R3_1: s3([25, 5, 0, 0, 0, 0, 30]),
  R3_2: s3([14, 0, 0, 0, 0, 0, 14]),
  R3_3_1: s3([1, 0, 0, 0, 0, 0, 1]),
  R3_4_1: s3([7, 0, 0, 0, 0, 0, 7]),
  R3_7: s3([47, 5, 0, 0, 0, 0, 52]),
  R4: s3([3, 4, 0, 0, 0, 0, 7]),
};

/** Per fixture: format, year, S3 row keys in order, and cells known from the text (every other S3 and S2 cell is 0). */
/** @type {Record<string, { format: '2021' | '2019', year: number, s3Rows: string[], tables: Record<string, Record<string, Record<string, number | null | string>>> }>} */
const EXPECTED = {
  'changchun-guodongban-2023': {
    format: '2021',
    year: 2023,
    s3Rows: S3_2021_ROWS,
    tables: { ...CHANGCHUN_S2_2021, S3: CHANGCHUN_S3, S4: s4(zeros(15)) },
  },
  'changchun-2023': {
    format: '2021',
    year: 2023,
    s3Rows: S3_2021_ROWS,
    tables: { ...CHANGCHUN_S2_2021, S3: CHANGCHUN_S3, S4: s4(zeros(15)) },
  },
  'changchun-2019-format': {
    format: '2019',
    year: 2019,
    s3Rows: S3_SINGLE_OTHER_ROWS,
    tables: {
      S2_一: { GZ: { XZ: 0, XG: 0, ZS: 0 }, GF: { XZ: 0, XG: 0, ZS: 2 } },
      S2_五: { XK: { SN: 12, ZJ: -1, JD: 95 }, QT: { SN: 3, ZJ: 0, JD: 4 } },
      S2_六: { CF: { SN: 20, ZJ: 2, JD: 1 }, QZ: { SN: 5, ZJ: 0, JD: 0 } },
      S2_八: { SF: { SN: 2, ZJ: 0 } },
      S2_九: { CG: { XM: 3, JE: 160.5964 } },
      S3: { ...CHANGCHUN_S3, R3_6: s3(zeros(7)) },
      S4: s4(zeros(15)),
    },
  },
  'hongze-2023': {
    format: '2021',
    year: 2023,
    s3Rows: S3_SINGLE_OTHER_ROWS,
    tables: {
      S2_一: { GZ: { ZF: 0, FZ: 0, XX: 0 }, GF: { ZF: 0, FZ: 5, XX: 5 } },
      S2_五: { XK: { JD: 550 } },
      S2_六: { CF: { JD: 4119 }, QZ: { JD: 195 } },
      S2_八: { SF: { JE: 7730.28 } },
      S3: {
        R1: s3([21, 0, 0, 0, 0, 0, 21]),
        R3_1: s3(zeros(7)),
        R3_2: s3([4, 0, 0, 0, 0, 0, 4]),
        R3_3_1: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_3_6: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_3_7: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_4_1: s3([10, 0, 0, 0, 0, 0, 10]),
        R3_4_2: s3([3, 0, 0, 0, 0, 0, 3]),
        R3_5_1: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_6: s3(zeros(7)), // （六）其他处理 written as one row in a 2021-format report: the collapsed group row
        R3_7: s3([21, 0, 0, 0, 0, 0, 21]),
        R4: s3(zeros(7)),
      },
      // The report's own row is `10 1 0 0 0 0 0 0 0 0 5 0 0 0 0`: its totals are wrong (check reports them), not the reading.
      S4: s4([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]),
    },
  },
  'hongze-2024': {
    format: '2021',
    year: 2024,
    s3Rows: S3_SINGLE_OTHER_ROWS,
    tables: {
      S2_一: { GZ: { ZF: 0, FZ: 0, XX: 0 }, GF: { ZF: 3, FZ: 0, XX: 8 } },
      S2_五: { XK: { JD: 9487 } },
      S2_六: { CF: { JD: 2776 }, QZ: { JD: 84 } },
      S2_八: { SF: { JE: 7545 } },
      S3: {
        R1: s3([95, 0, 0, 0, 0, 0, 95]),
        R3_1: s3([50, 0, 0, 0, 0, 0, 50]),
        R3_2: s3([9, 0, 0, 0, 0, 0, 9]),
        R3_3_3: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_3_6: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_3_7: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_4_1: s3([31, 0, 0, 0, 0, 0, 31]),
        R3_4_2: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_5_1: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_6: s3(zeros(7)),
        R3_7: s3([95, 0, 0, 0, 0, 0, 95]),
        R4: s3(zeros(7)),
      },
      S4: s4([1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]),
    },
  },
  'shandong-guodongban-2023': {
    format: '2021',
    year: 2023,
    s3Rows: S3_2021_ROWS,
    tables: {
      S2_一: { GZ: { ZF: 0, FZ: 0, XX: 0 }, GF: { ZF: 8, FZ: 0, XX: 22 } },
      S2_五: { XK: { JD: 0 } },
      S2_六: { CF: { JD: 0 }, QZ: { JD: 0 } },
      S2_八: { SF: { JE: 0 } },
      S3: {
        R1: s3([3, 0, 0, 0, 0, 0, 3]),
        R3_1: s3([1, 0, 0, 0, 0, 0, 1]),
        R3_3_1: s3([2, 0, 0, 0, 0, 0, 2]),
        R3_7: s3([3, 0, 0, 0, 0, 0, 3]),
        R4: s3(zeros(7)),
      },
      S4: s4([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
    },
  },
};

/** @type {Record<string, Record<string, [string[], string[]]>>} */
const S2_SHAPE = {
  2021: {
    S2_一: [
      ['GZ', 'GF'],
      ['ZF', 'FZ', 'XX'],
    ],
    S2_五: [['XK'], ['JD']],
    S2_六: [['CF', 'QZ'], ['JD']],
    S2_八: [['SF'], ['JE']],
  },
  2019: {
    S2_一: [
      ['GZ', 'GF'],
      ['XZ', 'XG', 'ZS'],
    ],
    S2_五: [
      ['XK', 'QT'],
      ['SN', 'ZJ', 'JD'],
    ],
    S2_六: [
      ['CF', 'QZ'],
      ['SN', 'ZJ', 'JD'],
    ],
    S2_八: [['SF'], ['SN', 'ZJ']],
    S2_九: [['CG'], ['XM', 'JE']],
  },
};

test('JSON on every fixture report: format, year, title, sections, and the numbers in the text under the template’s keys', () => {
  assert.deepEqual(Object.keys(EXPECTED).sort(), FIXTURES.map(fixtureName).sort(), 'a fixture without expected numbers');
  const results = extractJson(FIXTURES);
  assert.deepEqual(
    results.map((r) => r.file),
    FIXTURES,
  );
  for (const r of results) {
    const name = fixtureName(r.file);
    const want = defined(EXPECTED[name], name);
    const lines = readFileSync(r.file, 'utf8').split(/\r\n|\n|\r/);
    assert.deepEqual(
      Object.keys(r),
      ['file', 'format', 'title', 'year', 'sections', 'unreadable', 'unsplit', 'repeated', 'tables', 'segmented'],
      name,
    );
    assert.equal(r.format, want.format, name);
    assert.equal(r.year, want.year, name);
    assert.match(defined(r.title), new RegExp(`${want.year}\\s*年政府信息公开工作年度报告$`), name);
    assert.deepEqual(
      r.sections.map((s) => s.id),
      [1, 2, 3, 4, 5, 6],
      name,
    );
    for (const s of r.sections)
      assert.ok(defined(lines[s.line - 1]).includes(s.heading), `${name}: section ${s.id} is “${s.heading}” on line ${s.line}`);
    assert.deepEqual(r.unreadable, [], name);
    assert.deepEqual(r.unsplit, [], name);
    assert.deepEqual(r.repeated, [], name);
    assert.deepEqual(r.segmented, [], name);

    // Every table of the format, in the template's order, with every row and column.
    const s2 = defined(S2_SHAPE[want.format]);
    assert.deepEqual(Object.keys(r.tables), [...Object.keys(s2), 'S3', 'S4'], name);
    for (const [id, [rows, columns]] of Object.entries(s2)) {
      const table = defined(r.tables[id]);
      assert.deepEqual(Object.keys(table), rows, `${name} ${id}`);
      for (const k of rows) assert.deepEqual(Object.keys(defined(table[k])), columns, `${name} ${id} ${k}`);
    }
    const rS3 = defined(r.tables.S3);
    assert.deepEqual(Object.keys(rS3), want.s3Rows, name);
    for (const k of want.s3Rows) assert.deepEqual(Object.keys(defined(rS3[k])), S3_COLUMNS, `${name} S3 ${k}`);
    const rS4 = defined(r.tables.S4);
    assert.deepEqual(Object.keys(rS4), ['R'], name);
    assert.deepEqual(Object.keys(defined(rS4.R)), S4_COLUMNS, name);

    // The known numbers; every S3 cell not listed is 0 in these reports.
    for (const [id, rows] of Object.entries(want.tables)) {
      for (const [k, cells] of Object.entries(rows)) assert.deepEqual(r.tables[id]?.[k], cells, `${name} ${id} ${k}`);
    }
    for (const [k, cells] of Object.entries(rS3)) if (!want.tables.S3?.[k]) assert.deepEqual(cells, s3(zeros(7)), `${name} S3 ${k}`);
  }
});

test('cell counts: S3 has 25 rows × 7 in the 2021 format, 23 × 7 with a single （六）其他处理 row (hongze, the 2019 format)', () => {
  const count = (/** @type {Record<string, Record<string, unknown>>} */ rows) =>
    Object.values(rows).reduce((n, cells) => n + Object.keys(cells).length, 0);
  const byName = Object.fromEntries(extractJson(FIXTURES).map((r) => [fixtureName(r.file), r]));
  const counts = Object.fromEntries(
    Object.entries(byName).map(([name, r]) => [name, Object.fromEntries(Object.entries(r.tables).map(([id, rows]) => [id, count(rows)]))]),
  );
  const t2021 = { S2_一: 6, S2_五: 1, S2_六: 2, S2_八: 1 };
  assert.deepEqual(counts, {
    'changchun-guodongban-2023': { ...t2021, S3: 175, S4: 15 },
    'changchun-2023': { ...t2021, S3: 175, S4: 15 },
    'shandong-guodongban-2023': { ...t2021, S3: 175, S4: 15 },
    'hongze-2023': { ...t2021, S3: 161, S4: 15 },
    'hongze-2024': { ...t2021, S3: 161, S4: 15 },
    'changchun-2019-format': { S2_一: 6, S2_五: 6, S2_六: 6, S2_八: 2, S2_九: 2, S3: 161, S4: 15 },
  });
});

// ---------------------------------------------------------------- CSV

/** A strict RFC 4180 reader: CRLF record ends, quotes only around a whole field. */
/** @param {string} text */
function parseCsv(text) {
  /** @type {string[][]} */
  const records = [];
  /** @type {string[]} */
  let record = [];
  let field = '';
  let quoted = false;
  let closed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        closed = true;
      }
    } else if (c === ',') {
      record.push(field);
      field = '';
      closed = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      closed = false;
      i++;
    } else if (closed || c === '\r' || c === '\n' || (c === '"' && field !== ''))
      throw new Error(`not RFC 4180 at offset ${i}: ${JSON.stringify(text.slice(i - 20, i + 20))}`);
    else if (c === '"') quoted = true;
    else field += c;
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

/** The JSON output as CSV records would carry it: one per cell, in the same order. */
/** @param {import('../lib/cli.mjs').ExtractedJson[]} results */
function jsonAsRecords(results) {
  /** @type {string[][]} */
  const out = [];
  for (const r of results) {
    for (const [table, rows] of Object.entries(r.tables ?? {})) {
      for (const [key, cells] of Object.entries(rows))
        for (const [column, value] of Object.entries(cells)) out.push([r.file, table, key, column, value === null ? '' : String(value)]);
    }
  }
  return out;
}

test('CSV: UTF-8 with a BOM, a header, one CRLF record per cell; read back it is the JSON, cell for cell', () => {
  const r = run(['extract', '--format', 'csv', ...FIXTURES]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const raw = spawnSync(process.execPath, [cli, 'extract', '--format=csv', FIXTURES[0]]).stdout;
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark first');
  assert.ok(r.out.startsWith('\uFEFFfile,table,row,column,value\r\n'));
  const [header, ...records] = parseCsv(r.out.slice(1));
  assert.deepEqual(header, ['file', 'table', 'row', 'column', 'value']);
  assert.ok(records.every((x) => x.length === 5));
  const json = extractJson(FIXTURES);
  assert.deepEqual(records, jsonAsRecords(json));
  assert.equal(records.length, 6 * 15 + 3 * 175 + 3 * 161 + 5 * 10 + 22);
  assert.ok(
    records.some(
      ([file, table, key, column, value]) =>
        file.endsWith('hongze-2023.txt') && table === 'S2_八' && key === 'SF' && column === 'JE' && value === '7730.28',
    ),
  );
});

test('blank cells (empty, or a dash) are null in JSON and empty in CSV; text that is not a number is kept as written and quoted when it must be', () => {
  const text = readFileSync(join(corpus, 'changchun-guodongban-2023.txt'), 'utf8');
  const r1 = '一、本年新收政府信息公开申请数量\t\t50\t9\t0\t0\t0\t0\t59\t';
  assert.ok(text.includes(r1));
  const dir = scratch({ 'a, "quoted" name.txt': text.replace(r1, '一、本年新收政府信息公开申请数量\t\t50\tN/A\t\t—\t0\t"1,2"\t59\t') });
  try {
    const [json] = extractJson([dir]);
    assert.deepEqual(json.tables.S3.R1, { NP: 50, BE: 'N/A', RI: null, SW: null, LS: 0, OT: '"1,2"', TOT: 59 });
    const csv = run(['extract', '--format', 'csv', dir]);
    assert.equal(csv.code, 0);
    const file = join(dir, 'a, "quoted" name.txt');
    assert.ok(csv.out.includes(`"${file.replace(/"/g, '""')}",S3,R1,OT,"""1,2"""\r\n`));
    assert.ok(csv.out.includes(`,S3,R1,RI,\r\n`));
    const [, ...records] = parseCsv(csv.out.slice(1));
    assert.deepEqual(records, jsonAsRecords([json]));
    assert.deepEqual(
      records.filter((x) => x[2] === 'R1').map((x) => x[4]),
      ['50', 'N/A', '', '', '0', '"1,2"', '59'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- files, directories, failures

test('a directory argument is walked like check walks it: its reports in name order, .expected.json ignored', () => {
  const walked = extractJson([corpus]);
  assert.deepEqual(
    walked.map((r) => r.file),
    reports(corpus),
  );
  assert.deepEqual(walked, extractJson(reports(corpus)));
  const both = extractJson([corpus, made]);
  assert.equal(both.length, FIXTURES.length);
});

test('non-reports are skipped and unreadable files get an error, exactly as check words them; exit 0 only when every file was read', () => {
  const report = readFileSync(join(corpus, 'shandong-guodongban-2023.txt'), 'utf8');
  const dir = scratch({
    'binary.txt': Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x10, 0x13]),
    'notes.md': '# 会议纪要\n\n今天讨论预算。\n',
    'empty.txt': '',
    'report.txt': report,
  });
  try {
    const r = run(['extract', dir]);
    assert.equal(r.code, 2, 'the binary file could not be read');
    const results = extractResults(r.out);
    const byName = Object.fromEntries(results.map((x) => [x.file.slice(dir.length + 1), x]));
    assert.deepEqual(Object.keys(byName), ['binary.txt', 'empty.txt', 'notes.md', 'report.txt']);
    assert.deepEqual(byName['binary.txt'], { file: join(dir, 'binary.txt'), error: 'binary file (not text)' });
    assert.deepEqual(byName['notes.md'], { file: join(dir, 'notes.md'), skipped: '不是政府信息公开工作年度报告，已跳过' });
    assert.deepEqual(byName['empty.txt'], { file: join(dir, 'empty.txt'), skipped: '不是政府信息公开工作年度报告，已跳过（空文件）' });
    assert.equal(extracted(byName['report.txt']).tables.S3?.R1?.TOT, 3);
    // The same words as check, in both languages.
    for (const lang of ['zh', 'en']) {
      const checked = jsonResults(run(['check', '--format', 'json', '--lang', lang, dir, join(dir, 'missing.txt')]).out).filter(
        (x) => !x.diagnostics,
      );
      const failed = extractResults(run(['extract', '--lang', lang, dir, join(dir, 'missing.txt')]).out).filter((x) => !('tables' in x));
      assert.deepEqual(failed, checked, lang);
    }

    // CSV: the reasons go to stderr, stdout stays a clean table.
    const csv = run(['extract', '--format', 'csv', dir]);
    assert.equal(csv.code, 2);
    assert.deepEqual(csv.err.trim().split('\n').sort(), [
      `${join(dir, 'binary.txt')}: 无法读取: binary file (not text)`,
      `${join(dir, 'empty.txt')}: 不是政府信息公开工作年度报告，已跳过（空文件）`,
      `${join(dir, 'notes.md')}: 不是政府信息公开工作年度报告，已跳过`,
    ]);
    const [, ...records] = parseCsv(csv.out.slice(1));
    assert.equal(records.length, 6 + 1 + 2 + 1 + 175 + 15);
    assert.ok(records.every((x) => x[0] === join(dir, 'report.txt')));

    rmSync(join(dir, 'binary.txt'));
    const clean = run(['extract', dir]);
    assert.equal(clean.code, 0, 'skipped non-reports are not a failure');
    assert.equal(
      run(['extract', '--format', 'csv', '--lang', 'en', join(dir, 'notes.md')]).err,
      `${join(dir, 'notes.md')}: not an annual disclosure report, skipped\n`,
    );
    assert.equal(run(['extract', join(dir, 'missing.txt')]).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same decoding as check: GBK, UTF-16 and a BOM read the same numbers; a report piped to /dev/stdin is read', () => {
  const text = readFileSync(join(corpus, 'hongze-2023.txt'), 'utf8');
  const dir = scratch({
    'gbk.txt': iconv.encode(text, 'gbk'),
    'utf16le-bom.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]),
    'utf16be.txt': iconv.encode(text, 'utf16be'),
    'utf8-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    'utf8.txt': text,
  });
  try {
    const results = extractJson([dir]);
    assert.equal(results.length, 5);
    const strip = (/** @type {import('../lib/cli.mjs').ExtractedJson} */ { file: _file, ...rest }) => rest;
    const reference = strip(defined(results.find((r) => r.file.endsWith('/utf8.txt'))));
    assert.equal(reference.tables.S4?.R?.['FY.WC'], 10);
    for (const r of results) assert.deepEqual(strip(r), reference, r.file);
    // Through a real pipe, as a shell makes one.
    const piped = spawnSync('sh', ['-c', 'cat "$1" | "$2" "$3" extract /dev/stdin', 'sh', join(dir, 'gbk.txt'), process.execPath, cli], {
      encoding: 'utf8',
    });
    assert.equal(piped.status, 0, piped.stderr);
    assert.deepEqual(strip(extracted(extractResults(piped.stdout)[0])), reference);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a table the reader could not understand is listed under unreadable (JSON) and noted on stderr (CSV)', () => {
  // hongze-2023 with every section-三 row label replaced by words of no row of the format.
  const lines = readFileSync(join(corpus, 'hongze-2023.txt'), 'utf8').split('\n');
  const first = lines.findIndex((l) => l.startsWith('一、本年新收政府信息公开申请数量'));
  const last = lines.findIndex((l) => l.startsWith('四、结转下年度继续办理'));
  const garbled = lines.map((l, i) => (i >= first && i <= last ? l.replace(/^.*?((?: \d+){7})$/, `甲乙丙丁事项${i}$1`) : l)).join('\n');
  const dir = scratch({ 'garbled.txt': garbled });
  try {
    const [r] = extractJson([dir]);
    assert.equal(r.unreadable.length, 1);
    assert.equal(r.unreadable[0].section, 3);
    assert.equal(r.unreadable[0].line, first + 1);
    assert.match(r.unreadable[0].reason, /认不出对应的表格行/);
    assert.equal(r.tables.S3, undefined, 'no numbers for the table that was not read');
    assert.deepEqual(r.tables.S4.R['FY.WC'], 10, 'the rest is still read');
    const en = extracted(extractResults(run(['extract', '--lang', 'en', dir]).out)[0]);
    assert.match(en.unreadable[0].reason, /rows of numbers whose labels match no row of the format/);
    const csv = run(['extract', '--format', 'csv', dir]);
    assert.equal(csv.code, 0, 'the file was read; the note says what is missing');
    assert.match(csv.err, new RegExp(`^${join(dir, 'garbled.txt')}:${first + 1}: 第三部分的表格无法识别: 有 \\d+ 行数字`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a repeated row or table: the first is given (the row the sums read), the repeat is listed, and noted on stderr (CSV)', () => {
  const text = readFileSync(join(corpus, 'changchun-guodongban-2023.txt'), 'utf8');
  const r1 = '一、本年新收政府信息公开申请数量\t\t50\t9\t0\t0\t0\t0\t59\t';
  const r2 = '二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t';
  const s3 = text.slice(text.indexOf('三、收到和处理政府信息公开申请情况'), text.indexOf('四、政府信息公开行政复议、行政诉讼情况'));
  const dir = scratch({
    'row.txt': text.replace(r2, `${r2}\n${r1.replace('\t50\t', '\t51\t')}`),
    'table.txt': `${text}\n${s3.replace(r1, r1.replace('\t50\t', '\t70\t'))}`,
  });
  try {
    /** @param {string} file @param {string} needle */
    const lineOf = (file, needle, from = 0) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    const [row, table] = extractJson([dir]);
    assert.equal(row.tables.S3.R1.NP, 50);
    assert.deepEqual(row.repeated, [{ table: 'S3', row: 'R1', line: lineOf('row.txt', '\t51\t') }]);
    assert.equal(table.tables.S3.R1.NP, 50);
    assert.equal(table.repeated.length, 1);
    assert.equal(table.repeated[0].table, 'S3');
    assert.equal(table.repeated[0].row, null);
    const second = lineOf('table.txt', '三、收到和处理政府信息公开申请情况', lineOf('table.txt', '六、其他需要报告的事项'));
    assert.ok(table.repeated[0].line > second && table.repeated[0].line <= lineOf('table.txt', '\t70\t'), `line ${table.repeated[0].line}`);
    const csv = run(['extract', '--format', 'csv', '--lang', 'en', dir]);
    assert.equal(csv.code, 0);
    assert.deepEqual(csv.err.trim().split('\n'), [
      `${join(dir, 'row.txt')}:${row.repeated[0].line}: row R1 of table S3 appears again; only the first is extracted`,
      `${join(dir, 'table.txt')}:${table.repeated[0].line}: table S3 appears again; only the first is extracted`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('segmented cells are listed with their table, row, column, value and 1-based position', async () => {
  // Independent of how the reader decides: a build of the real CLI whose engine marks two cells as a segmenting reader would.
  const { build } = await import('esbuild');
  const dir = scratch();
  try {
    const engine = join(root, 'server/src/engine/index.ts');
    const shim = join(dir, 'engine-shim.mjs');
    writeFileSync(
      shim,
      `export * from ${JSON.stringify(engine)};
import { analyse as read } from ${JSON.stringify(engine)};
export function analyse(text, options) {
  const analysis = read(text, options);
  for (const t of analysis.model.tables) for (const r of t.rows) for (const c of r.cells) {
    if ((t.id === 'S3' && r.key === 'R1' && c.column === 'TOT') || (t.id === 'S4' && c.column === 'FY.ZJ')) c.segmented = true;
  }
  return analysis;
}
`,
    );
    const program = join(dir, 'cli.cjs');
    await build({
      entryPoints: [join(root, 'server/src/cli.ts')],
      outfile: program,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
      plugins: [
        {
          name: 'segmenting-engine',
          setup: (b) => b.onResolve({ filter: /^\.\/engine$/ }, (args) => (args.importer.endsWith('cli.ts') ? { path: shim } : undefined)),
        },
      ],
    });
    const file = join(corpus, 'changchun-guodongban-2023.txt');
    const lines = readFileSync(file, 'utf8').split('\n');
    const r1 = lines.findIndex((l) => l.startsWith('一、本年新收政府信息公开申请数量'));
    const s4 = lines.findIndex((l) => /^0(\t0){14}$/.test(l));
    const r = run(['extract', file], {}, program);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(extracted(extractResults(r.out)[0]).segmented, [
      { table: 'S3', row: 'R1', column: 'TOT', value: 59, line: r1 + 1, col: lines[r1].lastIndexOf('\t59') + 2 },
      { table: 'S4', row: 'R', column: 'FY.ZJ', value: 0, line: s4 + 1, col: 9 },
    ]);
    assert.deepEqual(extractJson([file])[0].segmented, [], 'the real build: nothing fused in this report');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the real reader on fused digits: a row it split is listed under segmented; a row it could not split holds the run, listed under unsplit', () => {
  const text = readFileSync(join(corpus, 'hongze-2023.txt'), 'utf8');
  const total = '（七）总计 21 0 0 0 0 0 21';
  const notHeld = '1.本机关不掌握相关政府信息 10 0 0 0 0 0 10';
  assert.ok(text.includes(total) && text.includes(notHeld));
  // 210000021 splits one way only (21|0|0|0|0|0|21); 1000000010 in no way that makes the row's total hold.
  const dir = scratch({
    'fused.txt': text.replace(total, '（七）总计 210000021').replace(notHeld, '1.本机关不掌握相关政府信息 1000000010'),
  });
  try {
    const file = join(dir, 'fused.txt');
    const lines = readFileSync(file, 'utf8').split('\n');
    const totalLine = lines.findIndex((l) => l.startsWith('（七）总计')) + 1;
    const runLine = lines.findIndex((l) => l.includes('1000000010')) + 1;
    const [r] = extractJson([file]);
    assert.deepEqual(r.tables.S3.R3_7, s3([21, 0, 0, 0, 0, 0, 21]));
    const start = lines[totalLine - 1].indexOf('210000021') + 1;
    assert.deepEqual(
      r.segmented,
      S3_COLUMNS.map((column, i) => ({
        table: 'S3',
        row: 'R3_7',
        column,
        value: [21, 0, 0, 0, 0, 0, 21][i],
        line: totalLine,
        col: start + [0, 2, 3, 4, 5, 6, 7][i],
      })),
    );
    assert.deepEqual(r.tables.S3.R3_4_1, s3(Array(7).fill('1000000010')));
    assert.deepEqual(r.unsplit, [
      { table: 'S3', row: 'R3_4_1', run: '1000000010', line: runLine, col: lines[runLine - 1].indexOf('1000000010') + 1 },
    ]);
    const csv = run(['extract', '--format', 'csv', '--lang', 'en', file]);
    assert.equal(csv.code, 0);
    assert.equal(
      csv.err,
      `${file}:${runLine}:${r.unsplit[0].col}: the numbers of row R3_4_1 of table S3 run together (1000000010) and could not be split; its cells hold the run as written\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('piped into head: stops quietly when the reader has had enough', () => {
  // Enough output (about 2 MB) that writes are still going when head exits.
  const files = Array(40).fill(FIXTURES).flat();
  for (const format of ['csv', 'json']) {
    const r = spawnSync(
      'bash',
      [
        '-c',
        '"$@" | head -c 100 >/dev/null; exit "${PIPESTATUS[0]}"',
        'bash',
        process.execPath,
        cli,
        'extract',
        '--format',
        format,
        ...files,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.stderr, '', format);
    assert.equal(r.status, 0, format);
  }
});

test('usage problems exit 2 with the usage text; --help exits 0 and describes both commands', () => {
  for (const args of [
    ['extract'],
    ['extract', '--format', 'xml', 'x'],
    ['extract', '--format', 'text', 'x'],
    ['extract', '--format'],
    ['extract', '--fix', 'x'],
    ['extract', '--lang', 'fr', 'x'],
    ['check', '--format', 'xml', 'x'],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /usage/, args.join(' '));
    assert.equal(r.out, '', args.join(' '));
  }
  assert.match(run(['extract', '--format', 'xml', 'x']).err, /^--format must be json or csv\n/);
  for (const args of [['--help'], ['extract', '--help'], ['check', '-h']]) {
    const r = run(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.out, /cli\.js check \[--format text\|json\|csv\|sarif\]/);
    assert.match(r.out, /cli\.js extract \[--format json\|csv\]/);
  }
});
