// What the prose of a report says, declared as data: the phrases that quote
// a table's own quantities, the words that put a phrase in another scope,
// the topics section 一 covers and the statements sections 一 and 六 make.
// Patterns run on the prose as checks/prose.ts gives it: whitespace-free,
// full-width digits and punctuation folded (，；：（）).
// Source: shared/domain/report-format.md §3.4 and §5.

import type { LocalizedText } from '../model';
import { GROUPED_DIGITS } from '../text';
import type { ColumnKey, RowKey, TableId } from './types';

export interface CellRef {
  table: TableId;
  row: RowKey;
  column: ColumnKey;
}

export interface QuantityPhrase {
  id: string;
  name: LocalizedText;
  /** Group 1 is the number; the match ends at the number's unit. */
  pattern: RegExp;
  /**
   * Table values the number may stand for, each a sum of cells; the number
   * agrees when it equals any. The first is the one the phrase names (and a fix writes).
   */
  readings: CellRef[][];
}

const c = (table: TableId, row: RowKey, column: ColumnKey): CellRef => ({ table, row, column });
const S3 = (row: RowKey): CellRef => c('S3', row, 'TOT');

/** No word that names another procedure may stand between the verb and 申请. */
const APPLICATION = '(?:政府信息公开|信息公开|公开)?申请';
const UNIT = '(?:件|份|条|个|宗|起)';
/** The phrase's number: plain digits, or grouped by thousands (1，095 — the prose's commas are folded to ，). */
const NUMBER = `(${GROUPED_DIGITS}(?![0-9])|\\d+)`;

export const QUANTITY_PHRASES: QuantityPhrase[] = [
  {
    id: 'received',
    name: { zh: '本年新收政府信息公开申请数量', en: 'applications received' },
    pattern: new RegExp(
      `(?:收到|受理|接收|新收|接到|接收到)(?:各类|群众|公民|申请人)?(?:提出的|提交的|的)?${APPLICATION}(?:共|共计|合计|总计)?${NUMBER}${UNIT}`,
      'g',
    ),
    readings: [[S3('R1')], [S3('R1'), S3('R2')]],
  },
  {
    id: 'handled',
    name: { zh: '办理的政府信息公开申请数量', en: 'applications handled' },
    pattern: new RegExp(`(?:处理|办理|答复)(?:了)?(?:政府信息公开申请|依申请公开(?:申请|事项|件)?)(?:共|共计|合计)?${NUMBER}${UNIT}`, 'g'),
    readings: [[S3('R1')], [S3('R1'), S3('R2')], [S3('R3_7')]],
  },
  {
    id: 'carried-over',
    name: { zh: '上年结转政府信息公开申请数量', en: 'applications carried over from last year' },
    pattern: new RegExp(`上(?:一)?年(?:度)?结转(?:的)?${APPLICATION}?(?:共)?${NUMBER}${UNIT}`, 'g'),
    readings: [[S3('R2')]],
  },
  {
    id: 'concluded',
    name: { zh: '本年度办理结果总计', en: 'applications concluded' },
    pattern: new RegExp(`(?:共|已|全年)办结${APPLICATION}?(?:共)?${NUMBER}${UNIT}`, 'g'),
    readings: [[S3('R3_7')]],
  },
  {
    id: 'carried-forward',
    name: { zh: '结转下年度继续办理数量', en: 'applications carried forward' },
    pattern: new RegExp(`结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?(?:的)?${APPLICATION}?(?:共)?${NUMBER}${UNIT}`, 'g'),
    readings: [[S3('R4')]],
  },
  {
    id: 'disclosed',
    name: { zh: '予以公开数量', en: 'disclosed in full' },
    pattern: new RegExp(`(?<!部分)予以公开(?:的)?(?:共)?${NUMBER}${UNIT}`, 'g'),
    readings: [[S3('R3_1')]],
  },
  {
    id: 'partly-disclosed',
    name: { zh: '部分公开数量', en: 'disclosed in part' },
    pattern: new RegExp(`部分公开(?:的)?(?:共)?${NUMBER}${UNIT}`, 'g'),
    readings: [[S3('R3_2')]],
  },
  {
    id: 'reconsiderations',
    name: { zh: '行政复议总计', en: 'administrative reconsiderations' },
    pattern: new RegExp(`行政复议(?:申请|案件)?(?:共|共计)?${NUMBER}${UNIT}`, 'g'),
    readings: [[c('S4', 'R', 'FY.ZJ')]],
  },
  {
    id: 'lawsuits',
    name: { zh: '行政诉讼总计', en: 'lawsuits' },
    pattern: new RegExp(`行政诉讼(?:案件)?(?:共|共计)?${NUMBER}${UNIT}`, 'g'),
    readings: [[c('S4', 'R', 'ZS.ZJ'), c('S4', 'R', 'FS.ZJ')]],
  },
  {
    id: 'normative-issued',
    name: { zh: '行政规范性文件本年制发件数', en: 'normative documents issued' },
    pattern: new RegExp(`(?:制定|制发|出台|印发)(?:、|和|并)?(?:修订)?(?:的)?(?:行政)?规范性文件(?:共)?${NUMBER}${UNIT}`, 'g'),
    readings: [[c('S2_一', 'GF', 'ZF')]],
  },
  {
    id: 'normative-in-force',
    name: { zh: '行政规范性文件现行有效件数', en: 'normative documents in force' },
    pattern: new RegExp(`现行有效(?:的)?(?:行政)?规范性文件(?:共)?${NUMBER}${UNIT}`, 'g'),
    readings: [[c('S2_一', 'GF', 'XX')]],
  },
  {
    id: 'rules-issued',
    name: { zh: '规章本年制发件数', en: 'rules issued' },
    pattern: new RegExp(`(?:制定|制发|出台)(?:、|和|并)?(?:修订)?(?:的)?(?:政府)?规章(?:共)?${NUMBER}${UNIT}`, 'g'),
    readings: [[c('S2_一', 'GZ', 'ZF')]],
  },
];

/**
 * Words in the sentence before a number that put it in another scope than
 * the report's own table: another body or all of them, a part, a channel, a
 * sub-period. A number that differs in such a sentence is only a hint.
 */
export const OTHER_SCOPE = [
  '全区',
  '全市',
  '全县',
  '全省',
  '全镇',
  '全旗',
  '全系统',
  '全乡',
  '各部门',
  '各单位',
  '各乡镇',
  '各街道',
  '各级',
  '各镇',
  '部门',
  '乡镇',
  '街道',
  '本机关',
  '政府办',
  '办公室',
  '代表',
  '其中',
  '分别',
  '包括',
  '通过',
  '网上',
  '线上',
  '线下',
  '当面',
  '信函',
  '邮寄',
  '电子邮件',
  '季度',
  '上半年',
  '下半年',
  '月份',
  '月底',
  '截至',
  '截止',
];

/** Words right before a number that make it a change or a comparison, not a count. */
export const NOT_A_COUNT = /(?:增加|减少|增长|下降|同比|较上年|比上年|多|少|超过|不足|近|约|余)$/;

export interface Topic {
  id: string;
  name: string;
  /** Any of these in section 一 covers the topic. */
  words: string[];
}

/** What 总体情况 mainly covers (国办公开办函〔2021〕30号 “（一）总体情况”). */
export const OVERVIEW_TOPICS: Topic[] = [
  { id: 'proactive', name: '主动公开', words: ['主动公开'] },
  { id: 'on-request', name: '依申请公开', words: ['依申请', '公开申请'] },
  { id: 'management', name: '政府信息管理', words: ['信息管理'] },
  { id: 'platforms', name: '政府信息公开平台建设', words: ['平台', '网站'] },
  { id: 'oversight', name: '监督保障', words: ['监督保障', '保障', '考核', '培训', '督查', '监督检查'] },
];

/** What a people's government reports under 监督保障 (条例第五十条第（四）项; 30号（一）). */
export const ACCOUNTABILITY_ITEMS: Topic[] = [
  { id: 'assessment', name: '工作考核', words: ['考核'] },
  { id: 'review', name: '社会评议', words: ['评议'] },
  { id: 'accountability', name: '责任追究', words: ['责任追究', '追究责任', '追责', '问责'] },
];

/** Section 六 states the 信息处理费 charged, if only “未收取”. */
export const FEE_WORDS = ['处理费', '收取费用', '收取任何费用', '收费'];

/** Section 六 describes the fee notices that （六）2 counts. */
export const FEE_NOTICE_WORDS = ['收费通知', '缴费通知', '缴纳费用', '缴费', '收费通知书'];
