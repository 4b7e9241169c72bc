// `check --format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code
// scanning, the VS Code SARIF viewer). One run; written as results arrive,
// so a folder of thousands of reports never sits in memory as one log.

import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type Locale, type ReadForm, type Severity } from '../engine';
import type { FileResult, JsonDiagnostic, NativeLocation } from './types';

/**
 * Where the rule pages are published. The repository has no public home
 * yet, so this is a placeholder (`.invalid` is reserved never to resolve);
 * XXGK_DOCS_URL names the real one. SARIF wants absolute help URIs; each
 * rule also carries its page's path in the repository (`properties.docs`).
 */
export const DEFAULT_DOCS_URL = 'https://xxgk-report.invalid/';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The uriBaseId every relative artifact location is relative to: the working directory of the run. */
export const SRCROOT = 'SRCROOT';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

const MIME: Record<ReadForm, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

interface Message {
  text: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface LogicalLocation {
  name: string;
  fullyQualifiedName: string;
  kind: string;
  properties: NativeLocation;
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: Level;
  message: Message;
  locations: { physicalLocation: { artifactLocation: ArtifactLocation; region: Region }; logicalLocations?: LogicalLocation[] }[];
  partialFingerprints: Record<string, string>;
  fixes?: {
    description: Message;
    artifactChanges: { artifactLocation: ArtifactLocation; replacements: { deletedRegion: Region; insertedContent?: Message }[] }[];
    properties: { safe: boolean; preferred: boolean };
  }[];
  properties: { severity: Severity; section?: number; where?: string };
}

interface Notification {
  level: Level;
  message: Message;
  descriptor: { id: string; index: number };
  associatedRule?: { id: string; index: number };
  locations?: { physicalLocation: { artifactLocation: ArtifactLocation } }[];
}

/** What the run tells besides findings, as notification descriptors (`tool.driver.notifications`). */
const NOTIFICATIONS = [
  { id: 'unreadable', zh: '文件无法读取或检查', en: 'A file could not be read or checked' },
  {
    id: 'internal-error',
    zh: '某项检查出现内部错误，该文件的结果不完整',
    en: 'A check failed with an internal error; the file’s results are incomplete',
  },
  { id: 'skipped', zh: '不是年度报告，已跳过', en: 'Not an annual report; skipped' },
  { id: 'fixed', zh: '已应用安全修复', en: 'Safe fixes were applied' },
] as const;

type NotificationId = (typeof NOTIFICATIONS)[number]['id'];

const pascal = (id: string) => id.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());

/** JSON.stringify(value, null, 2), every line after the first indented by `depth` spaces: a piece of a larger document. */
function piece(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(depth)}`);
}

export interface SarifOptions {
  /** Artifact URIs are relative to this directory (the `SRCROOT` base). */
  cwd: string;
  locale: Locale;
  version: string;
  docsUrl?: string;
}

function logicalLocation(location: NativeLocation, where: string | undefined): LogicalLocation {
  if ('page' in location)
    return { name: where ?? `page ${location.page}`, fullyQualifiedName: `page[${location.page}]`, kind: 'page', properties: location };
  if ('paragraph' in location)
    return {
      name: where ?? `paragraph ${location.paragraph}`,
      fullyQualifiedName: `paragraph[${location.paragraph}]`,
      kind: 'paragraph',
      properties: location,
    };
  const path = [
    `table[${location.table}]`,
    ...(location.row !== undefined ? [`row[${location.row}]`] : []),
    ...(location.column !== undefined ? [`column[${location.column}]`] : []),
  ].join('/');
  return { name: where ?? path, fullyQualifiedName: path, kind: location.row !== undefined ? 'tableCell' : 'table', properties: location };
}

const regionOf = (d: Pick<JsonDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>): Region => ({
  startLine: d.line,
  startColumn: d.column,
  endLine: d.endLine,
  endColumn: d.endColumn,
});

export class SarifWriter {
  private readonly artifacts: {
    location: ArtifactLocation;
    mimeType: string;
    properties: { form: ReadForm; title?: string; agency?: string; year?: number };
  }[] = [];
  private readonly notifications: Notification[] = [];
  private results = 0;
  private readonly ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  private readonly docsUrl: string;

  constructor(private readonly options: SarifOptions) {
    const base = options.docsUrl ?? process.env.XXGK_DOCS_URL ?? DEFAULT_DOCS_URL;
    this.docsUrl = base.endsWith('/') ? base : `${base}/`;
  }

  /** A file's location: relative to the working directory under SRCROOT, or an absolute file URI outside it. */
  artifactLocation(file: string): ArtifactLocation {
    const rel = relative(this.options.cwd, file);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }

  private notify(id: NotificationId, level: Level, text: string, file: string, rule?: string): void {
    const index = NOTIFICATIONS.findIndex((n) => n.id === id);
    const ruleIndex = rule === undefined ? undefined : this.ruleIndex.get(rule);
    this.notifications.push({
      level,
      message: { text },
      descriptor: { id, index },
      ...(rule !== undefined && ruleIndex !== undefined ? { associatedRule: { id: rule, index: ruleIndex } } : {}),
      locations: [{ physicalLocation: { artifactLocation: this.artifactLocation(file) } }],
    });
  }

  head(): string {
    const { locale } = this.options;
    const other: Locale = locale === 'zh' ? 'en' : 'zh';
    const driver = {
      name: 'xxgk-report',
      fullName: locale === 'zh' ? '政府信息公开工作年度报告检查' : 'Government information disclosure annual report checker',
      version: this.options.version,
      semanticVersion: this.options.version,
      informationUri: this.docsUrl,
      language: locale === 'zh' ? 'zh-CN' : 'en-US',
      rules: RULES.map((r) => ({
        id: r.id,
        name: pascal(r.id),
        shortDescription: { text: r.title[locale] },
        fullDescription: { text: r.description[locale] },
        help: { text: r.description[locale] },
        helpUri: `${this.docsUrl}docs/rules/${r.id}.md`,
        defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
        properties: {
          docs: `docs/rules/${r.id}.md`,
          defaultSeverity: r.defaultSeverity,
          fixable: r.fixable,
          [other]: { shortDescription: r.title[other], fullDescription: r.description[other] },
        },
      })),
      notifications: NOTIFICATIONS.map((n) => ({ id: n.id, shortDescription: { text: n[locale] } })),
    };
    const root = pathToFileURL(this.options.cwd).href;
    return [
      '{',
      `  "$schema": ${JSON.stringify(SARIF_SCHEMA)},`,
      '  "version": "2.1.0",',
      '  "runs": [',
      '    {',
      `      "tool": ${piece({ driver }, 6)},`,
      '      "columnKind": "utf16CodeUnits",',
      `      "originalUriBaseIds": ${piece({ [SRCROOT]: { uri: root.endsWith('/') ? root : `${root}/` } }, 6)},`,
      '      "results": [',
    ].join('\n');
  }

  /** The results of one file, as text to append to the `results` array; notifications are kept for the tail. */
  add(r: FileResult): string {
    const zh = this.options.locale === 'zh';
    if (r.error) this.notify('unreadable', 'error', r.error, r.file);
    if (r.skipped) this.notify('skipped', 'note', r.skipped, r.file);
    if (r.fixed) this.notify('fixed', 'note', zh ? `已应用 ${r.fixed} 处安全修复` : `applied ${r.fixed} safe fix(es)`, r.file);
    for (const rule of r.internalErrors ?? []) {
      this.notify(
        'internal-error',
        'error',
        zh ? `规则 ${rule} 的检查出现内部错误，其结果缺失` : `rule ${rule} failed with an internal error; its findings are missing`,
        r.file,
        rule,
      );
    }
    if (!r.diagnostics) return '';
    const location: ArtifactLocation = { ...this.artifactLocation(r.file), index: this.artifacts.length };
    const info = r.report;
    this.artifacts.push({
      location: this.artifactLocation(r.file),
      mimeType: MIME[info?.form ?? 'text'],
      properties: {
        form: info?.form ?? 'text',
        ...(info?.title !== undefined ? { title: info.title } : {}),
        ...(info?.agency !== undefined ? { agency: info.agency } : {}),
        ...(info?.year !== undefined ? { year: info.year } : {}),
      },
    });
    let out = '';
    r.diagnostics.forEach((d, i) => {
      const detail = r.details?.[i];
      const ruleIndex = this.ruleIndex.get(d.rule);
      const result: SarifResult = {
        ruleId: d.rule,
        ...(ruleIndex !== undefined ? { ruleIndex } : {}),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: { artifactLocation: location, region: regionOf(d) },
            ...(d.location ? { logicalLocations: [logicalLocation(d.location, d.where)] } : {}),
          },
        ],
        // The finding's id is its rule and a structural key (sum-mismatch:S3/R3_7/TOT): stable across edits elsewhere.
        partialFingerprints: { 'xxgkFindingId/v1': d.id },
        ...(detail?.fixes && detail.fixes.length > 0
          ? {
              fixes: detail.fixes.map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [
                  {
                    artifactLocation: location,
                    replacements: fix.edits.map((e) => ({
                      deletedRegion: regionOf({ line: e.startLine, column: e.startColumn, endLine: e.endLine, endColumn: e.endColumn }),
                      ...(e.newText !== '' ? { insertedContent: { text: e.newText } } : {}),
                    })),
                  },
                ],
                properties: { safe: fix.safe, preferred: fix.preferred },
              })),
            }
          : {}),
        properties: { severity: d.severity, ...(detail ? { section: detail.section } : {}), ...(d.where ? { where: d.where } : {}) },
      };
      out += `${this.results > 0 ? ',' : ''}\n        ${piece(result, 8)}`;
      this.results++;
    });
    return out;
  }

  /** Closes the log: the artifacts, and the invocation with the exit code and what could not be read. */
  tail(exitCode: number): string {
    const invocation = {
      executionSuccessful: exitCode !== 2,
      exitCode,
      workingDirectory: { uri: pathToFileURL(this.options.cwd).href },
      toolExecutionNotifications: this.notifications,
    };
    return [
      this.results > 0 ? '\n      ],' : '],',
      `      "artifacts": ${piece(this.artifacts, 6)},`,
      `      "invocations": ${piece([invocation], 6)}`,
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
  }
}
