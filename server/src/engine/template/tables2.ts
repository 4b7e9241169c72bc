// Section 二 (proactive disclosure): four sub-tables in 2021, five in 2019.
// Source: shared/domain/report-format.md §2.1, §2.4, §2.5, §4.1.

import type { ColumnTemplate, RowTemplate, TableTemplate, ValueKind } from './types';

// Generic in their keys, so each declaration keeps its literal key (types.ts derives the key unions from them).
const col = <const K extends string>(key: K, label: string, zh: string, en: string, valueKind: ValueKind = 'count'): ColumnTemplate<K> => ({
  key,
  label,
  valueKind,
  explanation: { zh, en },
});
const row = <const K extends string>(
  key: K,
  label: string,
  zh: string,
  en: string,
  basis: string,
  variants?: string[],
): RowTemplate<K, never> => ({
  key,
  label,
  kind: 'data',
  explanation: { zh, en },
  basis,
  ...(variants ? { variants } : {}),
});

function subTable<const I extends string, C extends ColumnTemplate<string>, R extends RowTemplate<string, never>>(
  item: I,
  columns: C[],
  rows: R[],
  zh: string,
  en: string,
): TableTemplate<`S2_${I}`, C, R, never> {
  const caption = `第二十条第（${item}）项`;
  return {
    id: `S2_${item}`,
    section: 2,
    name: caption,
    caption,
    headerLabels: ['信息内容', ...columns.map((c) => c.label)],
    columns,
    rows,
    sums: [],
    explanation: { zh, en },
    basis: `《条例》${caption}`,
  };
}

const DECISIONS = col('JD', '本年处理决定数量', '本年作出的处理决定数量。', 'Decisions made during the year.');

export const PROACTIVE_2021 = [
  subTable(
    '一',
    [
      col('ZF', '本年制发件数', '本年制定发布的件数。', 'Issued during the year.'),
      col('FZ', '本年废止件数', '本年废止的件数。', 'Repealed during the year.'),
      col('XX', '现行有效件数', '截至年底现行有效的件数。', 'In force at year end.'),
    ],
    [
      row(
        'GZ',
        '规章',
        '本机关制定的规章；只有具有规章制定权的机关才制发规章，多数部门为 0。',
        'Rules issued by the agency; only bodies with rule-making power issue them.',
        '《条例》第二十条第（一）项',
      ),
      row(
        'GF',
        '行政规范性文件',
        '本机关制定的行政规范性文件。',
        'The agency’s administrative normative documents.',
        '《条例》第二十条第（一）项',
        ['规范性文件'],
      ),
    ],
    '主动公开行政法规、规章和规范性文件的情况。',
    'Proactive disclosure of rules and normative documents.',
  ),
  subTable(
    '五',
    [DECISIONS],
    [
      row(
        'XK',
        '行政许可',
        '本年作出的行政许可处理决定数量。',
        'Administrative-licensing decisions made in the year.',
        '《条例》第二十条第（五）项',
      ),
    ],
    '行政许可等对外管理服务事项的依据、条件、程序以及办理结果。',
    'Licensing and other external services: basis, conditions, procedure and results.',
  ),
  subTable(
    '六',
    [DECISIONS],
    [
      row(
        'CF',
        '行政处罚',
        '本年作出的行政处罚决定数量。',
        'Administrative-penalty decisions made in the year.',
        '《条例》第二十条第（六）项',
      ),
      row(
        'QZ',
        '行政强制',
        '本年作出的行政强制决定数量。',
        'Administrative-compulsion decisions made in the year.',
        '《条例》第二十条第（六）项',
      ),
    ],
    '行政处罚、行政强制的依据、条件、程序以及本机关认为具有一定社会影响的行政处罚决定。',
    'Penalties and compulsion: basis, conditions, procedure, and penalty decisions of some social impact.',
  ),
  subTable(
    '八',
    [
      col(
        'JE',
        '本年收费金额（单位：万元）',
        '本年行政事业性收费总额，单位为万元，可为小数。',
        'Total administrative fees collected in the year, in 10,000 yuan; may be a decimal.',
        'amount',
      ),
    ],
    [
      row(
        'SF',
        '行政事业性收费',
        '行政事业性收费项目及其依据、标准。',
        'Administrative and institutional fees with their basis and standards.',
        '《条例》第二十条第（八）项',
      ),
    ],
    '行政事业性收费项目及其依据、标准。',
    'Fee items with their basis and standards.',
  ),
];

const PREVIOUS = col('SN', '上一年项目数量', '上一年末的项目数量。', 'Number of items at the end of last year.');
const CHANGE = col('ZJ', '本年增/减', '本年项目数量的增减（可为负数）。', 'Net change during the year (may be negative).', 'delta');
const DECISIONS_2019 = col('JD', '处理决定数量', '本年作出的处理决定数量。', 'Decisions made during the year.');

export const PROACTIVE_2019 = [
  subTable(
    '一',
    [
      col('XZ', '本年新制作数量', '本年新制作的件数。', 'Newly produced during the year.'),
      col('XG', '本年新公开数量', '本年新公开的件数。', 'Newly published during the year.'),
      col('ZS', '对外公开总数量', '累计对外公开的件数。', 'Cumulatively published.'),
    ],
    [
      row('GZ', '规章', '本机关制定的规章。', 'Rules issued by the agency.', '《条例》第二十条第（一）项'),
      row('GF', '规范性文件', '本机关制定的规范性文件。', 'The agency’s normative documents.', '《条例》第二十条第（一）项', [
        '行政规范性文件',
      ]),
    ],
    '主动公开规章和规范性文件的情况（2019 年格式）。',
    'Proactive disclosure of rules and normative documents (2019 format).',
  ),
  subTable(
    '五',
    [PREVIOUS, CHANGE, DECISIONS_2019],
    [
      row('XK', '行政许可', '行政许可项目及处理决定。', 'Licensing items and decisions.', '《条例》第二十条第（五）项'),
      row(
        'QT',
        '其他对外管理服务事项',
        '行政许可、处罚、强制以外的其他行政权力事项。',
        'Administrative-power matters other than licensing, penalty and compulsion.',
        '《条例》第二十条第（五）项',
      ),
    ],
    '行政许可及其他对外管理服务事项。',
    'Licensing and other external services.',
  ),
  subTable(
    '六',
    [PREVIOUS, CHANGE, DECISIONS_2019],
    [
      row('CF', '行政处罚', '行政处罚项目及处理决定。', 'Penalty items and decisions.', '《条例》第二十条第（六）项'),
      row('QZ', '行政强制', '行政强制项目及处理决定。', 'Compulsion items and decisions.', '《条例》第二十条第（六）项'),
    ],
    '行政处罚、行政强制事项。',
    'Penalties and compulsion.',
  ),
  subTable(
    '八',
    [PREVIOUS, CHANGE],
    [row('SF', '行政事业性收费', '行政事业性收费项目。', 'Administrative fee items.', '《条例》第二十条第（八）项')],
    '行政事业性收费项目。',
    'Administrative fee items.',
  ),
  subTable(
    '九',
    [
      col('XM', '采购项目数量', '政府集中采购项目数量。', 'Number of centralised procurement projects.'),
      col('JE', '采购总金额', '政府集中采购总金额（格式未规定单位）。', 'Total procurement value (no unit set by the template).', 'amount'),
    ],
    [
      row(
        'CG',
        '政府集中采购',
        '政府集中采购项目的目录、标准、实施情况。',
        'Centralised government procurement.',
        '《条例》第二十条第（九）项',
      ),
    ],
    '政府集中采购（2019 年格式，2021 年格式已删除）。',
    'Centralised procurement (2019 format only).',
  ),
];
