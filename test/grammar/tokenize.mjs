// Loads the TextMate grammar with vscode-textmate + vscode-oniguruma (the
// same engine VS Code uses) and tokenizes text line by line.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'xxgk-report.tmLanguage.json');

let grammarPromise;

export function loadGrammar() {
  grammarPromise ??= (async () => {
    await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === 'text.xxgk-report' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    return registry.loadGrammar('text.xxgk-report');
  })();
  return grammarPromise;
}

/** Tokens per line: [{ text, start, end, scopes }], scopes without the root scope. */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  return text.split(/\r\n|\r|\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes.slice(1),
    }));
  });
}

/** Scopes of the token covering `character` on a tokenized line. */
export function scopesAt(lineTokens, character) {
  return lineTokens.find((t) => t.start <= character && character < t.end)?.scopes ?? [];
}

export function hasScope(scopes, prefix) {
  return scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));
}
