// Generates, from the engine's rule registry, the settings schema of
// `xxgk.rules` in package.json (every rule id a property: its severities as
// an enum, its default severity, a description in both languages through
// package.nls*.json) and schemas/xxgk.schema.json for `.xxgk.json`.
//   node scripts/rules-schema.mjs           exit 1 and say what is stale
//   node scripts/rules-schema.mjs --write   rewrite the files
// test/engine/rules-schema.test.mjs fails when they are stale.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { RULES } = require('../server/out/engine.js');

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/** The registry's rules and the server's own notice, which is configured like a rule. */
export function ruleEntries() {
  return [
    ...RULES.map((r) => ({ id: r.id, default: r.defaultSeverity, title: r.title, description: r.description })),
    {
      id: 'document-too-large',
      default: 'info',
      title: { zh: '文档过大，未检查', en: 'Document too large, not checked' },
      description: {
        zh: '超过检查上限（一千万个字符）的文档不检查，只给出这一条说明。',
        en: 'A document over the limit (ten million characters) is not checked; this one notice says so.',
      },
    },
  ];
}

const nlsKey = (id) => `configuration.rules.${id}`;

/** `contributes.configuration.properties["xxgk.rules"]`. */
export function rulesSetting() {
  const properties = {};
  for (const r of ruleEntries()) {
    properties[r.id] = {
      type: 'string',
      enum: SEVERITIES,
      enumDescriptions: SEVERITIES.map((s) => `%configuration.rules.${s}%`),
      default: r.default,
      // A plain description: VS Code substitutes %key% anywhere in the manifest, and the
      // Settings UI and settings.json completion both show `description` of a nested property.
      description: `%${nlsKey(r.id)}%`,
    };
  }
  return {
    scope: 'resource',
    type: 'object',
    default: {},
    properties,
    additionalProperties: false,
    markdownDescription: '%configuration.rules.description%',
  };
}

/** The nls keys of the rule descriptions, per language file. */
export function nlsEntries() {
  const en = {};
  const zh = {};
  for (const r of ruleEntries()) {
    en[nlsKey(r.id)] = `${r.title.en} (default: ${r.default}). ${r.description.en}`;
    zh[nlsKey(r.id)] = `${r.title.zh}（默认：${r.default}）。${r.description.zh}`;
  }
  return { 'package.nls.json': en, 'package.nls.zh-cn.json': zh };
}

/** schemas/xxgk.schema.json. */
export function configSchema() {
  const rules = {};
  for (const r of ruleEntries()) {
    rules[r.id] = {
      enum: SEVERITIES,
      default: r.default,
      description: `${r.title.zh}：${r.description.zh}\n${r.title.en}: ${r.description.en}`,
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '.xxgk.json',
    description: '政府信息公开工作年度报告检查的配置（编辑器与命令行共用） / Configuration of the annual report checker (editor and CLI)',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      rules: {
        description:
          '各规则的严重程度，off 为不检查；本文件优先于编辑器设置 xxgk.rules / Severity per rule, off to turn it off; wins over xxgk.rules',
        type: 'object',
        properties: rules,
        additionalProperties: false,
      },
      exclude: {
        description:
          '不是年度报告的文件：glob，相对于本文件所在文件夹（不含 / 的模式匹配任意层级） / Files that are not reports: globs relative to this file’s folder (a pattern without / matches at any depth)',
        type: 'array',
        items: { type: 'string', minLength: 1 },
      },
      issuerType: {
        description:
          '报告的发布机关类型：部门（1月31日前公布）或人民政府（3月31日前公布）；缺省时从标题判断 / Issuer: 部门 (department, by 31 January) or 人民政府 (people’s government, by 31 March); read from the title when absent',
        enum: ['部门', '人民政府'],
      },
      locale: {
        description: '消息语言：auto 跟随编辑器显示语言 / Message language: auto follows the editor’s display language',
        enum: ['auto', 'zh-cn', 'en'],
        default: 'auto',
      },
      agencyAliases: {
        description: '机关旧名称 → 现名称（跨年度比较时视为同一机关） / Old agency name → current name (one agency across years)',
        type: 'object',
        additionalProperties: { type: 'string', minLength: 1 },
      },
    },
    additionalProperties: false,
  };
}

async function format(text, filepath) {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...options, filepath });
}

/** What each generated file should hold, parsed (the test compares data, not formatting). */
export function expected() {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
  pkg.contributes.configuration.properties['xxgk.rules'] = rulesSetting();
  const nls = {};
  for (const [file, entries] of Object.entries(nlsEntries())) {
    const current = JSON.parse(readFileSync(`${ROOT}${file}`, 'utf8'));
    // Rule keys no longer in the registry go; every other key stays as it is.
    for (const k of Object.keys(current))
      if (k.startsWith('configuration.rules.') && !/\.(description|error|warning|info|hint|off)$/.test(k) && !(k in entries))
        delete current[k];
    nls[file] = { ...current, ...entries };
  }
  return { 'package.json': pkg, ...nls, 'schemas/xxgk.schema.json': configSchema() };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const want = expected();
  let stale = 0;
  for (const [file, data] of Object.entries(want)) {
    let current;
    try {
      current = JSON.parse(readFileSync(`${ROOT}${file}`, 'utf8'));
    } catch {
      current = undefined;
    }
    if (JSON.stringify(current) === JSON.stringify(data)) continue;
    stale++;
    if (process.argv.includes('--write')) {
      mkdirSync(`${ROOT}schemas`, { recursive: true });
      writeFileSync(`${ROOT}${file}`, await format(JSON.stringify(data, null, 2) + '\n', `${ROOT}${file}`));
      console.log(`wrote ${file}`);
    } else console.log(`${file} is stale (run: node scripts/rules-schema.mjs --write)`);
  }
  if (stale > 0 && !process.argv.includes('--write')) process.exitCode = 1;
}
