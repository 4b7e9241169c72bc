// @ts-check
// The rule pages: every rule of the registry has docs/rules/<id>.md (SARIF's
// helpUri points there), every page is a rule's, and each page has its
// Chinese part — the title line, the level line and the four sections —
// then, after a rule, its short English part. A rule id a page mentions
// must exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { engine } from '../lib/bundles.mjs';

const { RULES } = engine;

const dir = fileURLToPath(new URL('../../docs/rules/', import.meta.url));
const ids = new Set(RULES.map((r) => r.id));
const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();

/** The Chinese sections every page has, in this order (as the first pages were written). */
const SECTIONS = ['检查什么', '示例', '修改', '依据'];
const CJK = /[\u4e00-\u9fff]/;

/** Words that look like rule ids but are ordinary English (add here rather than misspell a rule). */
const NOT_RULES = new Set(['full-width', 'half-width']);
/** Every hyphen-separated word used in some rule id. */
const VOCABULARY = new Set(RULES.flatMap((r) => r.id.split('-')));

/** @param {string} a @param {string} b */
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/**
 * Rule ids a page names: any `id-shaped` word in backticks, and bare words
 * that can only be meant as one — made of rule-id words (`missing-heading`
 * is not, `table-missing` is) or a near miss of an id (`sum-mismatchs`).
 * Fenced examples (report text) and file names (`report-format.md`) are not
 * looked at; plain English such as “re-checked” passes.
 */
/** @param {string} markdown */
function namedRules(markdown) {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
  const shape = /(?<![\w./\\-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/-]|\.[a-z])/g;
  const out = new Set();
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(m[1])) out.add(m[1]);
  for (const [word] of prose.matchAll(shape)) {
    if (ids.has(word) || NOT_RULES.has(word)) {
      if (ids.has(word)) out.add(word);
      continue;
    }
    const fromRuleWords = word.split('-').every((w) => VOCABULARY.has(w));
    const nearMiss = [...ids].some((id) => distance(word, id) <= 2);
    if (fromRuleWords || nearMiss) out.add(word);
  }
  return out;
}

test('the rule pages directory exists', () => {
  assert.ok(existsSync(dir), 'docs/rules/ is missing');
  assert.ok(pages.length > 0, 'docs/rules/ has no pages');
});

for (const rule of RULES) {
  test(`rule ${rule.id} has its page docs/rules/${rule.id}.md`, () => {
    assert.ok(pages.includes(`${rule.id}.md`), `no page docs/rules/${rule.id}.md`);
  });
}

for (const page of pages) {
  const id = page.replace(/\.md$/, '');
  const rule = RULES.find((r) => r.id === id);
  test(`page ${page}`, async (t) => {
    assert.ok(rule, `docs/rules/${page} is not named after a rule of the registry`);
    const text = readFileSync(dir + page, 'utf8').replace(/\r\n/g, '\n');
    const lines = text.split('\n');

    await t.test('title and level lines (Chinese, from the registry)', () => {
      assert.equal(lines[0], `# ${rule.id} ${rule.title.zh}`, 'the first line is “# <id> <Chinese title>”');
      const level = lines.find((l) => l.startsWith('默认级别：'));
      assert.ok(level, 'a “默认级别：… · 可修复：…” line');
      assert.match(level, new RegExp(`^默认级别：${rule.defaultSeverity}\\b`), `default level is ${rule.defaultSeverity}`);
      assert.match(level, new RegExp(`可修复：${rule.fixable ? '是' : '否'}`), `可修复 says ${rule.fixable ? '是' : '否'}`);
    });

    // Chinese first, then a rule (---), then the English part.
    const rule_ = lines.lastIndexOf('---');
    assert.ok(rule_ > 0, 'a “---” line separates the Chinese part from the English part');
    const chinese = lines.slice(0, rule_);
    const english = lines
      .slice(rule_ + 1)
      .join('\n')
      .trim();

    await t.test('Chinese part: its four sections, in order, each written in Chinese', () => {
      const headings = chinese.filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
      assert.deepEqual(headings, SECTIONS, `sections ${SECTIONS.map((s) => `“## ${s}”`).join(', ')}`);
      for (const name of SECTIONS) {
        const start = chinese.indexOf(`## ${name}`);
        const next = chinese.findIndex((l, i) => i > start && l.startsWith('## '));
        const body = chinese
          .slice(start + 1, next < 0 ? undefined : next)
          .join('\n')
          .trim();
        assert.ok(body.length > 0, `“## ${name}” is empty`);
        assert.match(body, CJK, `“## ${name}” is written in Chinese`);
      }
      assert.ok(!chinese.some((l) => l.startsWith('*English.*')), 'the English part comes after the Chinese one');
    });

    await t.test('English part: “*English.*” and a sentence', () => {
      assert.ok(english.startsWith('*English.* '), 'after “---”, a paragraph starting “*English.* ”');
      const words = english.slice('*English.* '.length).match(/[A-Za-z]{2,}/g) ?? [];
      assert.ok(words.length >= 5, 'the English part says something in English');
    });

    await t.test('names only rules that exist', () => {
      const unknown = [...namedRules(text)].filter((x) => !ids.has(x));
      assert.deepEqual(unknown, [], `not rule ids: ${unknown.join(', ')}`);
    });
  });
}

test('the rule-name scan finds misspelt and invented rule ids', () => {
  const found = (/** @type {string} */ s) => [...namedRules(s)].filter((x) => !ids.has(x));
  assert.deepEqual(found('由 `sum-mismatchs` 报告'), ['sum-mismatchs']);
  assert.deepEqual(found('left to missing-rows.'), ['missing-rows']);
  assert.deepEqual(found('见 table-missing。'), ['table-missing']);
  assert.deepEqual(found('见 `no-such-rule`'), ['no-such-rule']);
  assert.deepEqual(found('sum-mismatch, re-checked, report-format.md §3, `server/src/engine/template/phrases.ts`'), []);
  assert.deepEqual(found('```\nsome-example text\n```\n'), []);
});
