// `.xxgk.json`, the one configuration the editor and the CLI share: its
// parsing and glob matching (pure, below) and finding the nearest file for a
// document (the io part at the end). Parsed as data only — never evaluated.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { RULES, type LocalizedText } from '../engine';

export const CONFIG_FILE = '.xxgk.json';

import type { IssuerSetting, LocaleSetting, RuleSetting } from '../../../common/settings';

export type { IssuerSetting, LocaleSetting, RuleSetting };

export interface XxgkConfig {
  /** Rule id → severity, or off. */
  rules: Record<string, RuleSetting>;
  /** Globs relative to the config file's folder: files that are not reports. */
  exclude: string[];
  /** Who issues the reports here, for the rules that differ (late-report's deadline). */
  issuerType?: IssuerSetting;
  locale?: LocaleSetting;
  /** Old agency name → current name (read by the cross-year comparison). */
  agencyAliases: Record<string, string>;
}

export const EMPTY_CONFIG: XxgkConfig = { rules: {}, exclude: [], agencyAliases: {} };

export interface ConfigProblem {
  message: LocalizedText;
  /** Offset in the file of what is wrong (0 when unknown). */
  offset: number;
}

export const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'hint', 'off'];
/** The server's own notice is configurable like a rule. */
export const EXTRA_RULE_IDS: readonly string[] = ['document-too-large'];
const KEYS = new Set(['$schema', 'rules', 'exclude', 'issuerType', 'locale', 'agencyAliases']);

export function knownRuleIds(): string[] {
  return [...RULES.map((r) => r.id), ...EXTRA_RULE_IDS];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The file's settings, or the problems that make it unusable. Any problem
 * discards the whole file (the defaults apply), so what is in force is never
 * a guess at half a file.
 */
export function parseConfig(text: string): { config: XxgkConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const where = (needle: string) => Math.max(0, text.indexOf(needle));
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(detail);
    return {
      config: EMPTY_CONFIG,
      problems: [{ message: { zh: `不是有效的 JSON：${detail}`, en: `not valid JSON: ${detail}` }, offset: at ? Number(at[1]) : 0 }],
    };
  }
  if (!isRecord(raw)) {
    return { config: EMPTY_CONFIG, problems: [{ message: { zh: '应为一个 JSON 对象 {…}', en: 'must be a JSON object {…}' }, offset: 0 }] };
  }
  const config: XxgkConfig = { rules: {}, exclude: [], agencyAliases: {} };
  for (const key of Object.keys(raw)) {
    if (!KEYS.has(key))
      problems.push({
        message: { zh: `未知的键「${key}」（可用：${[...KEYS].join('、')}）`, en: `unknown key “${key}” (known: ${[...KEYS].join(', ')})` },
        offset: where(`"${key}"`),
      });
  }
  const known = new Set(knownRuleIds());
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules))
      problems.push({ message: { zh: '“rules” 应为对象', en: '“rules” must be an object' }, offset: where('"rules"') });
    else
      for (const [id, value] of Object.entries(raw.rules)) {
        if (!known.has(id)) problems.push({ message: { zh: `未知的规则「${id}」`, en: `unknown rule “${id}”` }, offset: where(`"${id}"`) });
        else if (typeof value !== 'string' || !RULE_SETTINGS.includes(value as RuleSetting))
          problems.push({
            message: {
              zh: `规则「${id}」的值应为 ${RULE_SETTINGS.join('、')} 之一`,
              en: `rule “${id}” must be one of ${RULE_SETTINGS.join(', ')}`,
            },
            offset: where(`"${id}"`),
          });
        else config.rules[id] = value as RuleSetting;
      }
  }
  if (raw.exclude !== undefined) {
    if (!Array.isArray(raw.exclude) || raw.exclude.some((g) => typeof g !== 'string' || g.trim() === ''))
      problems.push({
        message: { zh: '“exclude” 应为非空字符串（glob）的数组', en: '“exclude” must be an array of non-empty strings (globs)' },
        offset: where('"exclude"'),
      });
    else config.exclude = (raw.exclude as string[]).slice();
  }
  if (raw.issuerType !== undefined) {
    if (raw.issuerType !== '部门' && raw.issuerType !== '人民政府')
      problems.push({
        message: {
          zh: '“issuerType” 应为 "部门" 或 "人民政府"',
          en: '“issuerType” must be "部门" (department) or "人民政府" (people’s government)',
        },
        offset: where('"issuerType"'),
      });
    else config.issuerType = raw.issuerType;
  }
  if (raw.locale !== undefined) {
    if (raw.locale !== 'auto' && raw.locale !== 'zh-cn' && raw.locale !== 'en')
      problems.push({
        message: { zh: '“locale” 应为 auto、zh-cn 或 en', en: '“locale” must be auto, zh-cn or en' },
        offset: where('"locale"'),
      });
    else config.locale = raw.locale;
  }
  if (raw.agencyAliases !== undefined) {
    if (!isRecord(raw.agencyAliases) || Object.values(raw.agencyAliases).some((v) => typeof v !== 'string' || v.trim() === ''))
      problems.push({
        message: { zh: '“agencyAliases” 应为对象：旧名称 → 现名称', en: '“agencyAliases” must be an object: old name → current name' },
        offset: where('"agencyAliases"'),
      });
    else config.agencyAliases = { ...(raw.agencyAliases as Record<string, string>) };
  }
  return problems.length > 0 ? { config: EMPTY_CONFIG, problems } : { config, problems };
}

/** One line saying why a config file is not used. */
export function problemSummary(problems: readonly ConfigProblem[]): LocalizedText {
  const first = problems[0]?.message ?? { zh: '', en: '' };
  const more = problems.length - 1;
  return {
    zh: `${CONFIG_FILE} 有误，已忽略整个文件（使用默认设置）：${first.zh}${more > 0 ? `；另有 ${more} 处问题` : ''}`,
    en: `${CONFIG_FILE} is invalid and ignored as a whole (defaults apply): ${first.en}${more > 0 ? `; ${more} more problem(s)` : ''}`,
  };
}

// ---------------------------------------------------------------- globs

const GLOBS = new Map<string, RegExp>();

/**
 * A glob as a regular expression over a `/`-separated relative path: `*` and
 * `?` within one segment, `**` across segments, `[…]`, `{a,b}`, `\` escapes.
 * A pattern without `/` matches a name at any depth (as .gitignore does), and
 * a pattern that names a folder matches everything under it.
 */
export function globToRegExp(glob: string): RegExp {
  let re = GLOBS.get(glob);
  if (re) return re;
  let g = glob.trim().replace(/\\(?=[/])/g, '');
  if (g.startsWith('./')) g = g.slice(2);
  const anchored = g.replace(/\/+$/, '').includes('/');
  g = g.replace(/^\/+/, '').replace(/\/+$/, '');
  let out = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i] as string;
    if (c === '\\' && i + 1 < g.length) out += escapeChar(g[++i] as string);
    else if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') {
          i++;
          out += '(?:[^/]*/)*';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let body = g.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        out += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += escapeChar(c);
  }
  while (braces-- > 0) out += ')';
  re = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${out}(?:/.*)?$`, 'u');
  if (GLOBS.size > 1000) GLOBS.clear();
  GLOBS.set(glob, re);
  return re;
}

function escapeChar(c: string): string {
  return /[.+^${}()|[\]\\*?]/.test(c) ? `\\${c}` : c;
}

/** Whether `relPath` (relative, `/`-separated) matches any of the globs. */
export function matchesAny(relPath: string, globs: readonly string[]): boolean {
  if (relPath === '' || relPath.startsWith('../')) return false;
  return globs.some((g) => globToRegExp(g).test(relPath));
}

/** A path relative to a folder, with `/` separators (for globs). */
export function relativePosix(folder: string, file: string): string {
  return relative(folder, file).split(sep).join('/');
}

/** A file name as a glob that matches exactly it (glob characters escaped). */
export function literalGlob(relPath: string): string {
  return relPath.replace(/[*?[\]{}\\]/g, (c) => `\\${c}`);
}

// ---------------------------------------------------------------- the io part

export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  /** Its folder: what `exclude` globs are relative to. */
  dir: string;
  text: string;
  config: XxgkConfig;
  problems: ConfigProblem[];
}

/** Reads and parses one config file; a file that cannot be read is a problem too. */
export function loadConfigFile(path: string): LoadedConfig {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      path: abs,
      dir: dirname(abs),
      text: '',
      config: EMPTY_CONFIG,
      problems: [{ message: { zh: `无法读取：${detail}`, en: `cannot be read: ${detail}` }, offset: 0 }],
    };
  }
  return { path: abs, dir: dirname(abs), text, ...parseConfig(text) };
}

/** The nearest `.xxgk.json` from `startDir` upwards, not above `stopDir` (when given and an ancestor). */
export function findConfigFile(startDir: string, stopDir?: string): string | undefined {
  let dir = resolve(startDir);
  const stop = stopDir === undefined ? undefined : resolve(stopDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    } catch {
      // unreadable folder: look further up
    }
    if (dir === stop) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** What a config says about one file. */
export interface FileSettings {
  rules: Record<string, RuleSetting>;
  excluded: boolean;
  issuerType?: IssuerSetting;
  locale?: LocaleSetting;
  /** Old agency names → current ones, so a renamed agency's reports still pair across years. */
  agencyAliases?: Record<string, string>;
}

export function settingsForFile(file: string, loaded: LoadedConfig | undefined): FileSettings {
  if (!loaded) return { rules: {}, excluded: false };
  const { config } = loaded;
  return {
    rules: config.rules,
    excluded: matchesAny(relativePosix(loaded.dir, resolve(file)), config.exclude),
    ...(config.issuerType ? { issuerType: config.issuerType } : {}),
    ...(config.locale ? { locale: config.locale } : {}),
    ...(Object.keys(config.agencyAliases).length > 0 ? { agencyAliases: config.agencyAliases } : {}),
  };
}

/** Finds and caches config files for many files (the CLI): one read per folder. */
export class ConfigFinder {
  private readonly byDir = new Map<string, LoadedConfig | undefined>();
  private readonly files = new Map<string, LoadedConfig>();

  /** `explicit`: --config; it applies to every file. */
  constructor(private readonly explicit?: string) {}

  forFile(file: string): LoadedConfig | undefined {
    if (this.explicit !== undefined) return this.load(resolve(this.explicit));
    const dir = dirname(resolve(file));
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const found = findConfigFile(dir);
    const loaded = found === undefined ? undefined : this.load(found);
    this.byDir.set(dir, loaded);
    return loaded;
  }

  private load(path: string): LoadedConfig {
    let loaded = this.files.get(path);
    if (!loaded) {
      loaded = loadConfigFile(path);
      this.files.set(path, loaded);
    }
    return loaded;
  }
}
