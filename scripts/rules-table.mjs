// Prints README's rule table from the engine's registry; `--write` updates
// README.md between its markers. The registry test fails when they differ.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { RULES } = require('../server/out/engine.js');

export function rulesTable() {
  const rows = RULES.map(
    (r) =>
      `| \`${r.id}\` | ${r.defaultSeverity} | ${r.fixable ? 'yes' : '—'} | ${r.title.zh} — ${r.description.zh} | ${r.description.en} |`,
  );
  return ['| rule | default | fix | 说明 | description |', '|---|---|---|---|---|', ...rows].join('\n');
}

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

export function readmeWithTable(readme) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < 0) throw new Error('README.md lacks the rules markers');
  return readme.slice(0, a + START.length) + '\n' + rulesTable() + '\n' + readme.slice(b);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const path = new URL('../README.md', import.meta.url);
  if (process.argv.includes('--write')) writeFileSync(path, readmeWithTable(readFileSync(path, 'utf8')));
  else console.log(rulesTable());
}
