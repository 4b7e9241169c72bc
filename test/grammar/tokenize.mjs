// @ts-check
// Loads the TextMate grammar with vscode-textmate + vscode-oniguruma (the
// same engine VS Code uses) and tokenizes text line by line.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Both are CommonJS bundles: their whole module is the default export (typed by the types they ship).
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'xxgk-report.tmLanguage.json');

/** @type {Promise<import('vscode-textmate').IGrammar | null> | undefined} */
let grammarPromise;

/** The grammar, loaded once. */
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

/**
 * One token of a line: its text, where it starts and ends on the line, and its scopes without the root scope.
 * @typedef {{ text: string, start: number, end: number, scopes: string[] }} Token
 */

/**
 * Tokens per line, scopes without the root scope.
 * @param {string} text
 * @returns {Promise<Token[][]>}
 */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  if (!grammar) throw new Error(`no grammar text.xxgk-report in ${GRAMMAR_PATH}`);
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

/**
 * Scopes of the token covering `character` on a tokenized line.
 * @param {Token[]} lineTokens
 * @param {number} character
 * @returns {string[]}
 */
export function scopesAt(lineTokens, character) {
  return lineTokens.find((t) => t.start <= character && character < t.end)?.scopes ?? [];
}

/**
 * Whether a scope is `prefix` or under it.
 * @param {readonly string[]} scopes
 * @param {string} prefix
 */
export function hasScope(scopes, prefix) {
  return scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));
}
