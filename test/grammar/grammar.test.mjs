// @ts-check
// The TextMate grammar, tokenized by vscode-textmate (VS Code's own engine):
// hand-written lines for each construct, then the corpus reports checked
// against the engine's reading of them (headings, row labels, numbers).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { hasScope, ROOT, GRAMMAR_PATH, scopesAt, tokenize } from './tokenize.mjs';
import { defined } from '../lib/narrow.mjs';

/** [line, the text to look at, the scope it must have (or `!scope` it must not)]. */
/** @type {[line: string, needle: string, expected: string][]} */
const CASES = [
  ['一、总体情况', '总体情况', 'markup.heading.section'],
  ['## 二、主动公开政府信息情况', '主动公开', 'markup.heading.section'],
  ['四、因政府信息公开工作被行政复议、提起行政诉讼情况', '行政复议', 'markup.heading.section'],
  ['一、本年新收政府信息公开申请数量\t\t50\t9\t0\t0\t0\t0\t59\t', '本年新收', '!markup.heading'],
  ['一、本年新收政府信息公开申请数量\t\t50\t9\t0\t0\t0\t0\t59\t', '本年新收', 'entity.name.tag.row-label'],
  ['四、结转下年度继续办理 0 0 0 0 0 0 0', '结转下年度', 'entity.name.tag.row-label'],
  ['四、结转下年度继续办理 0 0 0 0 0 0 0', '结转下年度', '!markup.heading'],
  ['山东省国防动员办公室2023年政府信息公开工作年度报告', '年度报告', 'markup.heading.title'],
  ['（一）主动公开情况。我们始终坚持以公开为常态。', '主动公开情况', 'markup.heading.subsection'],
  ['（一）主动公开情况。我们始终坚持以公开为常态。', '始终坚持', '!markup.heading'],
  ['\t（一）予以公开', '予以公开', 'entity.name.tag.row-label'],
  ['\t（一）予以公开', '予以公开', '!markup.heading'],
  ['(三) 不予公开\t1.属于国家秘密\t1\t0', '不予公开', 'entity.name.tag.row-label.group'],
  ['(三) 不予公开\t1.属于国家秘密\t1\t0', '属于国家秘密', 'entity.name.tag.row-label'],
  ['(七) 总计\t\t47\t5\t0\t0\t0\t0\t52', '总计', 'entity.name.tag.row-label.total'],
  ['(七) 总计\t\t47\t5\t0\t0\t0\t0\t52', '总计', 'markup.bold'],
  ['(七) 总计\t\t47\t5\t0\t0\t0\t0\t52', '47', 'constant.numeric.total'],
  ['规章\t0\t0\t0', '规章', 'entity.name.tag.row-label'],
  ['规章\t0\t0\t0', '\t', 'punctuation.separator.table-cell.tab'],
  ['| 行政规范性文件 | 8 | 0 | 22 |', '行政规范性文件', 'entity.name.tag.row-label'],
  ['| 行政规范性文件 | 8 | 0 | 22 |', '|', 'punctuation.separator.table-cell.pipe'],
  ['| 行政规范性文件 | 8 | 0 | 22 |', '22', 'constant.numeric'],
  ['| --- | --- | --- | --- |', '---', 'punctuation.definition.table-delimiter'],
  ['行政事业性收费 7730.28', '7730.28', 'constant.numeric'],
  ['\t22', '22', 'constant.numeric'],
  ['0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0', '0', 'constant.numeric'],
  ['第二十条 第（一）项\t\t\t', '第二十条', 'entity.name.type.table-caption'],
  ['信息内容\t本年制发件数\t本年废止件数\t现行有效件数', '本年废止件数', 'variable.other.property.column-header'],
  // Column headers are not painted as errors: no scope that the default light theme colours red (issue 10 §10).
  ['信息内容\t本年制发件数\t本年废止件数\t现行有效件数', '本年废止件数', '!entity.other.attribute-name'],
  ['\t\t申请人情况', '申请人情况', '!entity.other.attribute-name'],
  ['\t\t申请人情况', '申请人情况', '!invalid'],
  ['(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况', '勾稽', 'comment.line.balance-note'],
  ['\t[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量', 'bookmark', 'comment.other.bookmark'],
  ['\t[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量', '本年新收', 'entity.name.tag.row-label'],
  ['- 3 -', '3', 'comment.other.page-marker'],
  // Prose that mentions labels or numbers stays prose.
  ['主动公开规章和规范性文件的情况。', '规章', '!entity.name.tag'],
  ['2023年，省国动办坚持以习近平新时代中国特色社会主义思想为指导', '2023', '!constant.numeric'],
  ['长春市国动办 2023 年政府信息公开工作年度报告', '2023', '!constant.numeric'],
  ['一是加强工作人员的学习培训。', '一是', '!markup.heading'],
];

for (const [line, needle, expected] of CASES) {
  test(`grammar: ${JSON.stringify(needle)} in ${JSON.stringify(line.slice(0, 24))}… is ${expected}`, async () => {
    const [tokens] = await tokenize(line);
    const at = line.indexOf(needle);
    assert.ok(at >= 0, 'needle must occur in the line');
    const scopes = scopesAt(tokens, at);
    if (expected.startsWith('!')) assert.ok(!hasScope(scopes, expected.slice(1)), `got ${scopes.join(' ')}`);
    else assert.ok(hasScope(scopes, expected), `got ${scopes.join(' ') || '(no scope)'}`);
  });
}

test('grammar JSON is generated from syntaxes/xxgk-report.tmLanguage.mjs', async () => {
  const { default: source } = await import(pathToFileURL(join(ROOT, 'syntaxes', 'xxgk-report.tmLanguage.mjs')).href);
  assert.deepEqual(
    JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')),
    JSON.parse(JSON.stringify(source)),
    'run: node syntaxes/xxgk-report.tmLanguage.mjs',
  );
});

// ------------------------------------------------- the corpus, against the engine

function corpusFiles() {
  const own = join(ROOT, 'test', 'fixtures', 'corpus');
  const dir = existsSync(own) && readdirSync(own).some((f) => f.endsWith('.txt')) ? own : '/work/shared/corpus';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

const enginePath = join(ROOT, 'server', 'out', 'engine.js');

for (const { name, text } of corpusFiles()) {
  test(`grammar on ${name} agrees with the engine`, async (t) => {
    assert.ok(existsSync(enginePath), 'run `npm run build` first (the test compares with server/out/engine.js)');
    const { analyse } = (await import('../lib/bundles.mjs')).engine;
    const model = analyse(text).model;
    const started = performance.now();
    const lines = await tokenize(text);
    const elapsed = performance.now() - started;

    await t.test('tokenizes quickly (no runaway pattern)', () => assert.ok(elapsed < 1000, `${elapsed.toFixed(0)} ms`));

    await t.test('section headings are exactly the engine’s six headings', () => {
      const grammarHeadings = lines.flatMap((tokens, i) =>
        tokens.some((tok) => hasScope(tok.scopes, 'markup.heading.section')) ? [i] : [],
      );
      assert.deepEqual(
        grammarHeadings,
        model.sections.map((s) => s.heading.range.start.line),
      );
    });

    await t.test('every data-row label of 二 and 三 starts as a row label', () => {
      const missed = model.tables
        .filter((tb) => tb.section === 2 || tb.section === 3)
        .flatMap((tb) => tb.rows)
        .filter((row) => row.label && !row.isGroup)
        .map((row) => ({ row, label: defined(row.label, `${row.key}'s label`) }))
        .filter(({ label }) => !hasScope(scopesAt(lines[label.range.start.line], label.range.start.character), 'entity.name.tag.row-label'))
        .map(({ row, label }) => `${row.key} ${label.text}`);
      assert.deepEqual(missed, []);
    });

    await t.test('every number the engine reads in a table is a numeric token', () => {
      const missed = model.tables
        .flatMap((tb) => tb.rows.flatMap((row) => row.cells))
        .filter((cell) => cell.value.kind === 'number')
        .filter((cell) => !hasScope(scopesAt(lines[cell.range.start.line], cell.range.start.character), 'constant.numeric'))
        .map((cell) => `${cell.column}@${cell.range.start.line + 1}:${cell.range.start.character}`);
      assert.deepEqual(missed, []);
    });
  });
}
