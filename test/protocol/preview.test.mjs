// @ts-check
// The preview panel's request (xxgk/preview) over LSP: every official table
// laid out as the form (merged header cells, rows from the template), every
// number of the report in its row and column, the cell that breaks a sum
// marked with its message, the structure following an edit, web pages mapped
// into their markup — and the panel's HTML (client/src/previewHtml.ts),
// bundled here with esbuild, escaping every text.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpus, engine, ROOT, startServer } from './harness.mjs';
import { defined } from '../lib/narrow.mjs';
/** @import { Client } from './harness.mjs' */

const MD = readFileSync(join(ROOT, 'test/fixtures/made/changchun-2023.md'), 'utf8');
const PAGE = readFileSync(join(ROOT, 'test/fixtures/html/shuyang-fagaiju-2023.html'), 'utf8');

/** Lays a table's rows on a grid (colspan/rowspan), asserting every row fills exactly `width` columns with no overlap. */
/** @param {import('../../common/protocol.ts').PreviewCell[][]} rows @param {number} width @param {string} what */
function checkGrid(rows, width, what) {
  /** @type {boolean[][]} */
  const taken = [];
  rows.forEach((row, r) => {
    taken[r] ??= new Array(width).fill(false);
    let c = 0;
    for (const cell of row) {
      while (c < width && taken[r]?.[c]) c++;
      const cs = cell.colspan ?? 1;
      const rs = cell.rowspan ?? 1;
      assert.ok(c + cs <= width, `${what}: row ${r} overflows at “${cell.text}”`);
      for (let y = r; y < r + rs; y++) {
        taken[y] ??= new Array(width).fill(false);
        for (let x = c; x < c + cs; x++) {
          const line = defined(taken[y]);
          assert.ok(!line[x], `${what}: cell “${cell.text}” overlaps at row ${y}, column ${x}`);
          line[x] = true;
        }
      }
      c += cs;
    }
  });
  taken.slice(0, rows.length).forEach((row, r) => assert.ok(row.every(Boolean), `${what}: row ${r} has a hole`));
}

const values = (/** @type {import('../../common/protocol.ts').PreviewCell[] | undefined} */ row) =>
  defined(row).filter((c) => c.kind === 'value');

describe('preview structure', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  for (const report of corpus()) {
    test(`${report.name}: every value of section 三 in its row and column, the official headers merged`, async () => {
      await client.open(report.uri, report.text);
      const preview = defined(await client.request('xxgk/preview', { uri: report.uri }));
      const model = engine.analyse(report.text).model;
      assert.equal(preview.version, 1);
      assert.deepEqual(
        preview.tables.map((t) => t.id),
        engine.FORMATS[model.format].tables.map((t) => t.id),
        'every official table, in the form’s order',
      );
      for (const t of preview.tables) {
        checkGrid(t.header, t.width, `${t.id} header`);
        checkGrid(t.body, t.width, `${t.id} body`);
      }
      const s3 = defined(preview.tables.find((t) => t.id === 'S3'));
      const [top, middle, bottom] = s3.header;
      assert.deepEqual(
        { kind: top[0].kind, colspan: top[0].colspan, rowspan: top[0].rowspan },
        { kind: 'corner', colspan: 3, rowspan: 3 },
        'the 勾稽关系 note over the three label columns',
      );
      assert.deepEqual([top[1].text, top[1].colspan], ['申请人情况', 7]);
      assert.deepEqual(
        middle.map((c) => [c.text, c.colspan ?? 1, c.rowspan ?? 1]),
        [
          ['自然人', 1, 2],
          ['法人或其他组织', 5, 1],
          ['总计', 1, 2],
        ],
      );
      assert.deepEqual(
        bottom.map((c) => c.text),
        ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
      );
      const s4 = defined(preview.tables.find((t) => t.id === 'S4'));
      assert.deepEqual(
        s4.header[0].map((c) => [c.text, c.colspan]),
        [
          ['行政复议', 5],
          ['行政诉讼', 10],
        ],
      );
      assert.deepEqual(
        s4.header[1].slice(5).map((c) => [c.text, c.colspan]),
        [
          ['未经复议直接起诉', 5],
          ['复议后起诉', 5],
        ],
      );
      // Rows in the template's order; the group cells span their rows (三、本年度办理结果 over 22 in 2021).
      // The form's rows: every data row, or a group the report writes as one row in place of its sub-rows.
      const template = defined(engine.tableTemplate(model.format, 'S3'));
      const table = defined(model.tables.find((t) => t.id === 'S3'));
      const collapsed = template.rows.filter(
        (r) =>
          r.kind === 'group' &&
          table.rows.some((x) => x.key === r.key && x.cells.length > 0) &&
          !table.rows.some((x) => template.rows.find((c) => c.key === x.key)?.parent === r.key),
      );
      /** @type {(r: import('../../server/src/engine/index.ts').RowTemplate | undefined, g: import('../../server/src/engine/index.ts').RowTemplate) => boolean} */
      const under = (r, g) =>
        !!r &&
        (r.parent === g.key ||
          (r.parent !== undefined &&
            under(
              template.rows.find((p) => p.key === r.parent),
              g,
            )));
      const rows = template.rows.filter((r) => (r.kind === 'data' || collapsed.includes(r)) && !collapsed.some((g) => under(r, g)));
      assert.deepEqual(
        s3.rowKeys,
        rows.map((r) => r.key),
      );
      assert.equal(s3.body.length, rows.length);
      const group = defined(s3.body.flatMap((r) => r).find((c) => c.kind === 'group' && c.text === '三、本年度办理结果'));
      assert.equal(group.rowspan, rows.filter((r) => r.parent !== undefined).length);
      let checked = 0;
      rows.forEach((row, i) => {
        const written = table.rows.find((r) => r.key === row.key);
        const cells = values(s3.body[i]);
        assert.equal(cells.length, template.columns.length);
        template.columns.forEach((column, j) => {
          const cell = written?.cells.find((c) => c.column === column.key);
          if (cell?.value.kind === 'number') {
            assert.equal(cells[j].text, String(cell.value.value), `${row.key}/${column.key}`);
            assert.deepEqual(cells[j].range, cell.range, `${row.key}/${column.key}: the range to reveal`);
            checked++;
          } else if (cell?.value.kind === 'blank') assert.equal(cells[j].state, 'blank');
          else if (!cell) assert.equal(cells[j].state, 'absent');
        });
      });
      assert.ok(checked >= 100, `${checked} numbers checked`);
      await client.close(report.uri);
    });
  }

  test('a broken sum: the total marked with its message, the sum of its parts shown; an edit updates the preview', async () => {
    const uri = 'file:///preview/changchun-2023.md';
    await client.open(uri, MD, 'markdown');
    const clean = defined(await client.request('xxgk/preview', { uri }));
    const s3 = () => defined(clean.tables.find((t) => t.id === 'S3'));
    assert.equal(s3().broken, 0);
    assert.ok(
      s3()
        .body.flat()
        .every((c) => !c.severity || c.kind !== 'value'),
      'a clean table has no marked cells',
    );
    // 予以公开 自然人 25 → 26: its row total (30) and the （七）总计 column no longer hold.
    const line = MD.split('\n').findIndex((l) => l.startsWith('| （一）予以公开'));
    const at = MD.split('\n')[line].indexOf('| 25 |') + 2;
    await client.edit(uri, [{ range: { start: { line, character: at }, end: { line, character: at + 2 } }, newText: '26' }]);
    const after = defined(await client.request('xxgk/preview', { uri }));
    assert.equal(after.version, 2);
    const table = defined(after.tables.find((t) => t.id === 'S3'));
    assert.ok(table.broken >= 1, 'the table counts its broken sums');
    const row = values(table.body[2]); // （一）予以公开
    assert.equal(row[0].text, '26', 'the typed value');
    const total = row[6];
    assert.equal(total.total, true);
    assert.equal(total.severity, 'error');
    assert.equal(total.computed, '≠ 31');
    assert.ok(
      (total.messages ?? []).some((m) => /31/.test(m)),
      `the message on the total: ${total.messages}`,
    );
    await client.close(uri);
  });

  test('a missing table and a missing row are still laid out, their cells marked absent', async () => {
    const uri = 'file:///preview/no-s4.md';
    // Without the 二、上年结转 row and without section 四's table (its heading stays).
    const lines = MD.split('\n').filter((l) => !l.startsWith('| 二、上年结转'));
    const from = lines.findIndex((l) => l.startsWith('## 四、'));
    const to = lines.findIndex((l) => l.startsWith('## 五、'));
    const text = [...lines.slice(0, from + 1), '', ...lines.slice(to)].join('\n');
    await client.open(uri, text, 'markdown');
    const preview = defined(await client.request('xxgk/preview', { uri }));
    const s4 = defined(preview.tables.find((t) => t.id === 'S4'));
    assert.equal(s4.range, undefined);
    assert.ok(values(s4.body[0]).every((c) => c.state === 'absent'));
    const s3 = defined(preview.tables.find((t) => t.id === 'S3'));
    assert.equal(s3.body[1]?.[0]?.text, '二、上年结转政府信息公开申请数量');
    assert.ok(values(s3.body[1]).every((c) => c.state === 'absent' && !c.range));
    await client.close(uri);
  });

  test('a web page: each cell’s range is its number in the markup', async () => {
    const uri = 'file:///preview/shuyang.html';
    await client.open(uri, PAGE, 'html');
    const preview = defined(await client.request('xxgk/preview', { uri }));
    const doc = TextDocument.create(uri, 'html', 1, PAGE);
    const s3 = defined(preview.tables.find((t) => t.id === 'S3'));
    let n = 0;
    for (const cell of s3.body.flat()) {
      if (cell.kind !== 'value' || cell.state !== 'number') continue;
      const range = defined(cell.range, 'a number cell’s range');
      assert.equal(PAGE.slice(doc.offsetAt(range.start), doc.offsetAt(range.end)), cell.text);
      n++;
    }
    assert.ok(n >= 40, `${n} cells in the page`);
    await client.close(uri);
  });

  test('not a report: null', async () => {
    const uri = 'file:///preview/notes.txt';
    await client.open(uri, '会议记录\n\n今天讨论了三件事。');
    assert.equal(await client.request('xxgk/preview', { uri }), null);
    assert.equal(await client.request('xxgk/preview', { uri: 'file:///never-opened.txt' }), null);
    await client.close(uri);
  });
});

describe('preview HTML', async () => {
  const bundled = await build({
    entryPoints: [join(ROOT, 'client/src/previewHtml.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
  });
  const { renderPreviewBody, renderPreviewPage, escapeHtml } = await import(
    `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
  );
  const strings = new Proxy({}, { get: (_, k) => (k === 'broken' ? '{0} 处不符' : `«${String(k)}»`) });
  const cell = (/** @type {object} */ extra) => ({ kind: 'value', text: '1', state: 'number', ...extra });
  const result = (/** @type {object[]} */ cells, extra = {}) => ({
    uri: 'file:///x',
    version: 1,
    title: '某局<b>2023</b>年报告',
    format: '2021',
    tables: [
      {
        id: 'S3',
        section: 3,
        sectionTitle: '三、收到和处理政府信息公开申请情况',
        name: '收到和处理',
        hasSums: true,
        width: 2,
        range: { start: { line: 1, character: 0 }, end: { line: 9, character: 0 } },
        header: [
          [
            { kind: 'corner', text: '<i>注</i>' },
            { kind: 'header', text: '自然人' },
          ],
        ],
        body: [cells],
        broken: 1,
        ...extra,
      },
    ],
  });

  test('every text is escaped: a label with <script> shows as text', () => {
    const html = renderPreviewBody(
      result([
        { kind: 'label', text: '<script>alert(1)</script>', written: '"><img src=x onerror=alert(1)>' },
        cell({ messages: ['<script>x</script> & "quoted"'], severity: 'error' }),
      ]),
      strings,
    );
    assert.ok(!/<script/i.test(html), html);
    assert.ok(!/<img/i.test(html), html);
    assert.ok(!/<b>|<i>/.test(html), 'title and header texts escaped');
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /title="[^"]*&lt;script&gt;x&lt;\/script&gt; &amp; &quot;quoted&quot;/);
    assert.equal(escapeHtml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
  });

  test('merges, marks, blank / unread / absent cells and the reveal range', () => {
    const html = renderPreviewBody(
      result(
        [
          { kind: 'group', text: '三', rowspan: 22 },
          cell({
            total: true,
            computed: '≠ 58',
            severity: 'error',
            range: { start: { line: 3, character: 4 }, end: { line: 3, character: 6 } },
          }),
        ],
        { header: [[{ kind: 'header', text: '申请人情况', colspan: 2 }]] },
      ),
      strings,
    );
    assert.match(html, /<th class="header" colspan="2"/);
    assert.match(html, /<th class="group" rowspan="22"/);
    assert.match(html, /class="value number total sev-error" data-range="3,4,3,6" tabindex="0"/);
    assert.match(html, /<span class="computed">≠ 58<\/span>/);
    assert.match(html, /1 处不符/);
    const states = renderPreviewBody(
      result([cell({ state: 'blank', text: '' }), cell({ state: 'unread', text: '801000081' })], { width: 2, header: [] }),
      strings,
    );
    assert.match(states, /class="value blank"[^>]*><\/td>/, 'a blank cell stays visibly blank');
    assert.match(states, /class="value unread"[^>]*title="«unread»：801000081[^"]*"><span class="mark">\?<\/span>/);
  });

  test('the page: a strict CSP, the script and style nonce’d, nothing remote', () => {
    const page = renderPreviewPage({
      nonce: 'abc123',
      cspSource: 'vscode-webview://x',
      body: '<p>b</p>',
      version: 3,
      lang: 'zh-cn',
      title: '<t>',
    });
    const csp = defined(/http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page))[1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.ok(!/unsafe-inline|unsafe-eval|https?:/.test(csp), csp);
    assert.equal([...page.matchAll(/<script/g)].length, 1);
    assert.match(page, /<script nonce="abc123">/);
    assert.match(page, /<style nonce="abc123">/);
    assert.ok(!/https?:\/\//.test(page), 'no remote resources');
    assert.match(page, /<title>&lt;t&gt;<\/title>/);
  });
});
