// Section 三 (applications) and section 四 (reconsideration and litigation):
// identical in the 2019 and 2021 formats except for （六）其他处理.
// Source: shared/domain/report-format.md §2.2, §2.3, §3, §4.2–4.4.

import type { ColumnTemplate, RowTemplate, SumDeclaration, TableTemplate } from './types';

// Declared without the key unions (types.ts derives those from the literal keys here): `as const` and generic helpers keep them.
const APPLICANT_COLUMNS = [
  {
    key: 'NP',
    label: '自然人',
    valueKind: 'count',
    explanation: { zh: '自然人（公民个人）提出的申请。', en: 'Applications by individuals.' },
  },
  {
    key: 'BE',
    label: '商业企业',
    group: '法人或其他组织',
    valueKind: 'count',
    explanation: { zh: '商业企业提出的申请。', en: 'Applications by companies.' },
  },
  {
    key: 'RI',
    label: '科研机构',
    group: '法人或其他组织',
    valueKind: 'count',
    explanation: { zh: '科研机构提出的申请。', en: 'Applications by research institutes.' },
  },
  {
    key: 'SW',
    label: '社会公益组织',
    group: '法人或其他组织',
    valueKind: 'count',
    explanation: { zh: '社会公益组织提出的申请。', en: 'Applications by public-interest organisations.' },
  },
  {
    key: 'LS',
    label: '法律服务机构',
    group: '法人或其他组织',
    valueKind: 'count',
    explanation: { zh: '律师事务所等法律服务机构提出的申请。', en: 'Applications by legal-service providers such as law firms.' },
  },
  {
    key: 'OT',
    label: '其他',
    group: '法人或其他组织',
    valueKind: 'count',
    explanation: { zh: '其他法人或者其他组织提出的申请。', en: 'Applications by other organisations.' },
  },
  {
    key: 'TOT',
    label: '总计',
    valueKind: 'count',
    explanation: { zh: '本行六类申请人的合计。', en: 'Row total of the six applicant columns.' },
  },
] as const satisfies readonly ColumnTemplate<string>[];
type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number]['key'];

/** What a row declaration may add: its parent (kept literal, checked against RowKey in formats.ts) and variants. */
type RowExtra<P extends string> = { parent?: P; variants?: string[] };
const data = <const K extends string, const P extends string = never>(
  key: K,
  label: string,
  zh: string,
  en: string,
  basis: string,
  extra: RowExtra<P> = {},
): RowTemplate<K, P> => ({
  key,
  label,
  kind: 'data',
  explanation: { zh, en },
  basis,
  ...extra,
});
const group = <const K extends string, const P extends string = never>(
  key: K,
  label: string,
  zh: string,
  en: string,
  basis: string,
  extra: RowExtra<P> = {},
): RowTemplate<K, P> => ({
  key,
  label,
  kind: 'group',
  explanation: { zh, en },
  basis,
  ...extra,
});

const ROWS_BEFORE_OTHER = [
  data(
    'R1',
    '一、本年新收政府信息公开申请数量',
    '报告年度内收到的政府信息公开申请数量。',
    'Applications received during the reporting year.',
    '《条例》第二十七条至第三十一条',
  ),
  data(
    'R2',
    '二、上年结转政府信息公开申请数量',
    '上一年度收到、跨年度继续办理的申请数量，应等于上一年度报告的“四、结转下年度继续办理”。',
    'Applications from earlier years still open at last year end; should equal last year’s row 四.',
    '表内定义',
  ),
  group(
    'R3',
    '三、本年度办理结果',
    '本年度办结的申请，每件申请只计入一种办理结果。',
    'Applications concluded this year, each counted once under one outcome.',
    '表内定义',
  ),
  data(
    'R3_1',
    '（一）予以公开',
    '全部予以提供，或告知获取方式和途径（含已主动公开的信息）。',
    'Provided in full, or the applicant was told where to get it.',
    '《条例》第三十六条第（一）（二）项',
    { parent: 'R3' },
  ),
  data(
    'R3_2',
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    '对不应公开的内容作区分处理后提供其余部分；区分处理的申请只计入本行。',
    'Partly provided after separating out non-disclosable content; such applications count only here.',
    '《条例》第三十七条',
    {
      parent: 'R3',
      variants: ['（二）部分公开（区分处理的，只计这一情况，不计其他情形）', '（二）部分公开'],
    },
  ),
  group(
    'R3_3',
    '（三）不予公开',
    '依法不予公开，每件按一种理由（1–8）计数。',
    'Refused on a statutory ground, each counted under one reason 1–8.',
    '《条例》第三十六条第（三）项',
    { parent: 'R3' },
  ),
  data(
    'R3_3_1',
    '1.属于国家秘密',
    '依法确定为国家秘密的政府信息。',
    'Information lawfully classified as a state secret.',
    '《条例》第十四条',
    { parent: 'R3_3' },
  ),
  data(
    'R3_3_2',
    '2.其他法律行政法规禁止公开',
    '法律、行政法规禁止公开的政府信息。',
    'Disclosure prohibited by other laws or administrative regulations.',
    '《条例》第十四条',
    {
      parent: 'R3_3',
      variants: ['2.其他法律行政止公开', '2.其他法律、行政法规禁止公开'],
    },
  ),
  data(
    'R3_3_3',
    '3.危及“三安全一稳定”',
    '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息。',
    'Disclosure could endanger national, public or economic security or social stability.',
    '《条例》第十四条',
    { parent: 'R3_3' },
  ),
  data(
    'R3_3_4',
    '4.保护第三方合法权益',
    '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，第三方不同意公开且不公开不会对公共利益造成重大影响。',
    'Would harm a third party’s lawful rights (trade secrets, privacy) without consent or overriding public interest.',
    '《条例》第十五条、第三十二条',
    { parent: 'R3_3' },
  ),
  data(
    'R3_3_5',
    '5.属于三类内部事务信息',
    '人事管理、后勤管理、内部工作流程等内部事务信息。',
    'Internal affairs: personnel, logistics, internal workflow.',
    '《条例》第十六条第一款',
    {
      parent: 'R3_3',
      variants: ['5.属于三类内容事务信息'],
    },
  ),
  data(
    'R3_3_6',
    '6.属于四类过程性信息',
    '讨论记录、过程稿、磋商信函、请示报告等过程性信息。',
    'Process information: discussion records, drafts, consultation letters, requests for instructions.',
    '《条例》第十六条第二款',
    { parent: 'R3_3' },
  ),
  data('R3_3_7', '7.属于行政执法案卷', '行政执法案卷信息。', 'Administrative law-enforcement case files.', '《条例》第十六条第二款', {
    parent: 'R3_3',
  }),
  data(
    'R3_3_8',
    '8.属于行政查询事项',
    '法律、行政法规对信息的获取另有规定的（如工商、不动产登记资料），告知按规定办理。',
    'Records with a separate statutory access route (e.g. business or property registration); the applicant is referred there.',
    '《条例》第三十六条第（七）项',
    { parent: 'R3_3' },
  ),
  group('R3_4', '（四）无法提供', '行政机关无法提供所申请的信息。', 'The agency could not provide the information.', '表内定义', {
    parent: 'R3',
  }),
  data(
    'R3_4_1',
    '1.本机关不掌握相关政府信息',
    '经检索没有所申请的信息，或该信息不属于本机关负责公开。',
    'After a search the information does not exist, or it is not this agency’s to disclose.',
    '《条例》第三十六条第（四）（五）项',
    { parent: 'R3_4' },
  ),
  data(
    'R3_4_2',
    '2.没有现成信息需要另行制作',
    '需要对现有信息进行加工、分析才能提供，行政机关可以不予提供。',
    'Would require compiling or analysing information into something new.',
    '《条例》第三十八条',
    { parent: 'R3_4' },
  ),
  data(
    'R3_4_3',
    '3.补正后申请内容仍不明确',
    '经告知补正后，申请内容仍不明确。',
    'The request remained unclear after the applicant was asked to clarify it.',
    '《条例》第三十条',
    { parent: 'R3_4' },
  ),
  group('R3_5', '（五）不予处理', '不作为政府信息公开申请处理。', 'Not handled as a disclosure request.', '表内定义', { parent: 'R3' }),
  data(
    'R3_5_1',
    '1.信访举报投诉类申请',
    '以政府信息公开申请形式进行信访、投诉、举报的，告知通过相应渠道提出。',
    'Petitions, complaints or reports in the form of a disclosure request.',
    '《条例》第三十九条第一款',
    { parent: 'R3_5' },
  ),
  data(
    'R3_5_2',
    '2.重复申请',
    '已就申请事项作出答复后，申请人重复申请公开相同信息。',
    'The same information requested again after a reply was given.',
    '《条例》第三十六条第（六）项',
    { parent: 'R3_5' },
  ),
  data(
    'R3_5_3',
    '3.要求提供公开出版物',
    '要求提供政府公报、报刊、书籍等公开出版物，可告知获取途径。',
    'Request for published materials; the applicant may be told where to get them.',
    '《条例》第三十九条第二款',
    { parent: 'R3_5' },
  ),
  data(
    'R3_5_4',
    '4.无正当理由大量反复申请',
    '申请的数量、频次明显超过合理范围且无正当理由。',
    'Number or frequency clearly beyond a reasonable range without good reason.',
    '《条例》第三十五条',
    { parent: 'R3_5' },
  ),
  data(
    'R3_5_5',
    '5.要求行政机关确认或重新出具已获取信息',
    '要求行政机关确认或者重新出具已经获取的信息；此类别由报告格式设定，《条例》中未见单独条款。',
    'Asks the agency to confirm or re-issue information already obtained; a category set by the template, no single article.',
    '报告格式设定的类别',
    { parent: 'R3_5' },
  ),
];

const ROWS_AFTER_OTHER = [
  data('R3_7', '（七）总计', '以上各项办理结果之和（按列）。', 'Sum of all outcome rows above, per column.', '表内定义', { parent: 'R3' }),
  data(
    'R4',
    '四、结转下年度继续办理',
    '年底尚未办结、转入下一年度继续办理的申请数量。',
    'Applications still open at year end, carried into next year.',
    '《条例》第三十三条（答复期限）',
  ),
];

const OTHER_GROUP_2021 = [
  group('R3_6', '（六）其他处理', '其他处理情形。', 'Other outcomes.', '表内定义', { parent: 'R3', variants: ['（六）其他'] }),
  data(
    'R3_6_1',
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '申请人无正当理由逾期不补正，视为放弃申请，行政机关不再处理。',
    'The applicant did not clarify in time; the application is treated as withdrawn.',
    '《条例》第三十条',
    { parent: 'R3_6' },
  ),
  data(
    'R3_6_2',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '已发出信息处理费收费通知，申请人逾期未缴纳。',
    'A processing-fee notice was issued and not paid in time.',
    '《条例》第四十二条；《政府信息公开信息处理费管理办法》',
    { parent: 'R3_6' },
  ),
  data('R3_6_3', '3.其他', '其他办结情形。', 'Any other conclusion.', '表内定义', { parent: 'R3_6' }),
];

const OTHER_ROW_2019 = [
  data(
    'R3_6',
    '（六）其他处理',
    '其他处理情形（2019 年格式为单独一行）。',
    'All other outcomes (a single row in the 2019 format).',
    '表内定义',
    { parent: 'R3', variants: ['（六）其他'] },
  ),
];

type ApplicationRow =
  | (typeof ROWS_BEFORE_OTHER)[number]
  | (typeof ROWS_AFTER_OTHER)[number]
  | (typeof OTHER_GROUP_2021)[number]
  | (typeof OTHER_ROW_2019)[number];

/** Section 三's table around its （六）其他处理 rows; its sums name only keys of its own columns and rows. */
function applicationsTable(
  otherRows: readonly ApplicationRow[],
): TableTemplate<'S3', ColumnTemplate<ApplicantColumn>, ApplicationRow, SumDeclaration<ApplicantColumn, ApplicationRow['key']>> {
  const rows = [...ROWS_BEFORE_OTHER, ...otherRows, ...ROWS_AFTER_OTHER];
  return {
    id: 'S3',
    section: 3,
    name: '收到和处理政府信息公开申请情况',
    headerLabels: [
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '申请人情况',
      '自然人',
      '法人或其他组织',
      ...APPLICANT_COLUMNS.map((c) => c.label),
    ],
    columns: [...APPLICANT_COLUMNS],
    rows,
    sums: [
      {
        kind: 'across',
        target: 'TOT',
        parts: ['NP', 'BE', 'RI', 'SW', 'LS', 'OT'],
        description: { zh: '每行的总计等于六类申请人之和', en: 'each row’s total is the sum of the six applicant columns' },
      },
      {
        kind: 'down',
        target: 'R3_7',
        parts: ['R3_1', 'R3_2', 'R3_3', 'R3_4', 'R3_5', 'R3_6'],
        description: { zh: '（七）总计等于各项办理结果之和', en: '(7) total is the sum of all result rows' },
      },
      {
        kind: 'balance',
        left: ['R1', 'R2'],
        right: ['R3_7', 'R4'],
        description: {
          zh: '第一项加第二项之和等于第三项加第四项之和',
          en: 'item 1 + item 2 = item 3 + item 4',
        },
      },
    ],
    explanation: {
      zh: '按申请人类型统计本年新收、上年结转、本年度办理结果和结转下年度的政府信息公开申请。',
      en: 'Applications by type of applicant: new, carried over, results, carried forward.',
    },
    basis: '《条例》第五十条第（二）项',
  };
}

export const APPLICATIONS_2021 = applicationsTable(OTHER_GROUP_2021);
export const APPLICATIONS_2019 = applicationsTable(OTHER_ROW_2019);

// ---------------------------------------------------------------- section 四

const OUTCOMES = [
  { key: 'WC', label: '结果维持', zh: '行政机关的行为被维持。', en: 'The agency’s act was upheld.' },
  {
    key: 'JZ',
    label: '结果纠正',
    zh: '行政机关的行为被纠正（如撤销、责令重新答复、确认违法）。',
    en: 'The agency’s act was corrected (revoked, ordered to reply again, held unlawful).',
  },
  { key: 'QT', label: '其他结果', zh: '驳回、终止、撤回等其他结果。', en: 'Other conclusions, e.g. dismissal, termination, withdrawal.' },
  { key: 'WJ', label: '尚未审结', zh: '年底尚未审结。', en: 'Not concluded at year end.' },
  { key: 'ZJ', label: '总计', zh: '本组四种结果之和。', en: 'Sum of the four outcomes in this group.' },
] as const;

const GROUPS = [
  { key: 'FY', label: '行政复议', zh: '行政复议', en: 'reconsideration' },
  { key: 'ZS', label: '未经复议直接起诉', zh: '行政诉讼·未经复议直接起诉', en: 'lawsuits filed directly' },
  { key: 'FS', label: '复议后起诉', zh: '行政诉讼·复议后起诉', en: 'lawsuits filed after reconsideration' },
] as const;

/** A section-四 column: group and outcome, `FY.WC`. */
type LitigationColumn = `${(typeof GROUPS)[number]['key']}.${(typeof OUTCOMES)[number]['key']}`;

const LITIGATION_COLUMNS: ColumnTemplate<LitigationColumn>[] = GROUPS.flatMap((g) =>
  OUTCOMES.map((o) => ({
    key: `${g.key}.${o.key}` as const,
    label: o.label,
    group: g.label,
    valueKind: 'count' as const,
    explanation: { zh: `${g.zh}：${o.zh}`, en: `${g.en}: ${o.en}` },
  })),
);

export const LITIGATION: TableTemplate<
  'S4',
  ColumnTemplate<LitigationColumn>,
  RowTemplate<'R', never>,
  SumDeclaration<LitigationColumn, never>
> = {
  id: 'S4',
  section: 4,
  name: '行政复议、行政诉讼情况',
  headerLabels: ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
  columns: LITIGATION_COLUMNS,
  rows: [
    data(
      'R',
      '（数据行）',
      '本机关因政府信息公开工作被申请行政复议、提起行政诉讼的案件数。',
      'Cases of reconsideration and litigation about this agency’s disclosure work.',
      '《条例》第五十条第（三）项、第五十一条',
    ),
  ],
  labelless: true,
  sums: GROUPS.map((g) => ({
    kind: 'across' as const,
    target: `${g.key}.ZJ` as const,
    parts: (['WC', 'JZ', 'QT', 'WJ'] as const).map((o) => `${g.key}.${o}` as const),
    description: { zh: `${g.label}的总计等于四种结果之和`, en: `the ${g.en} total is the sum of its four outcomes` },
  })),
  explanation: {
    zh: '因政府信息公开工作被申请行政复议、提起行政诉讼（未经复议直接起诉、复议后起诉）的案件，按结果统计。',
    en: 'Reconsideration and litigation cases (filed directly or after reconsideration), by outcome.',
  },
  basis: '《条例》第五十条第（三）项、第五十一条',
};
