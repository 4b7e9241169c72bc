// The six section headings (the same in the 2019 and 2021 formats).
// Source: shared/domain/report-format.md §1; they mirror 条例第五十条（一）–（五）.

import type { SectionTemplate } from './types';

export const SECTIONS: SectionTemplate[] = [
  {
    id: 1,
    numeral: '一',
    title: '一、总体情况',
    variants: ['一、政府信息公开总体情况', '一、政府信息公开工作总体情况'],
    keys: [['总体情况'], ['总体', '情况'], ['概述'], ['基本情况']],
    explanation: {
      zh: '概述本机关贯彻落实《条例》的情况，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面（国办公开办函〔2021〕30号）。各级人民政府还应在监督保障部分报告工作考核、社会评议和责任追究结果情况。',
      en: 'An overview of how the agency implemented the Regulations: proactive disclosure, disclosure on application, information management, disclosure platforms, supervision and safeguards (GOV disclosure office letter 〔2021〕30). People’s governments also report appraisal, public review and accountability results here.',
    },
    basis: '《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号',
  },
  {
    id: 2,
    numeral: '二',
    title: '二、主动公开政府信息情况',
    variants: ['二、行政机关主动公开政府信息情况', '二、主动公开政府信息工作情况'],
    keys: [['主动公开']],
    explanation: {
      zh: '主动公开政府信息的情况，以统计表列出：第二十条第（一）项（规章、行政规范性文件）、第（五）项（行政许可）、第（六）项（行政处罚、行政强制）、第（八）项（行政事业性收费）。',
      en: 'Proactive disclosure, as statistical tables for Article 20 items (1) rules and normative documents, (5) licensing, (6) penalties and compulsion, (8) administrative fees.',
    },
    basis: '《条例》第五十条第（一）项、第二十条',
  },
  {
    id: 3,
    numeral: '三',
    title: '三、收到和处理政府信息公开申请情况',
    variants: ['三、行政机关收到和处理政府信息公开申请情况'],
    keys: [['收到', '处理', '申请'], ['依申请'], ['收到和处理']],
    explanation: {
      zh: '收到和处理政府信息公开申请的情况，以统计表按申请人类型列出新收、上年结转、办理结果和结转下年度的申请数量；表头注明勾稽关系：第一项加第二项之和等于第三项加第四项之和。',
      en: 'Applications received and handled, as a table by type of applicant: new, carried over, results and carried forward; the header states the balance: item 1 + item 2 = item 3 + item 4.',
    },
    basis: '《条例》第五十条第（二）项',
  },
  {
    id: 4,
    numeral: '四',
    title: '四、政府信息公开行政复议、行政诉讼情况',
    variants: [
      '四、因政府信息公开工作被行政复议、提起行政诉讼情况',
      '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      '四、政府信息公开行政复议和行政诉讼情况',
      '四、政府信息公开行政复议及行政诉讼情况',
    ],
    keys: [['行政复议'], ['行政诉讼']],
    explanation: {
      zh: '因政府信息公开工作被申请行政复议、提起行政诉讼的情况，以统计表按结果维持、结果纠正、其他结果、尚未审结及总计列出。',
      en: 'Administrative reconsideration and litigation about the agency’s disclosure work, as a table of upheld, corrected, other, pending and total.',
    },
    basis: '《条例》第五十条第（三）项',
  },
  {
    id: 5,
    numeral: '五',
    title: '五、存在的主要问题及改进情况',
    variants: ['五、政府信息公开工作存在的主要问题及改进情况', '五、存在的主要问题及改进措施'],
    keys: [
      ['主要问题', '改进'],
      ['存在', '问题'],
    ],
    explanation: {
      zh: '政府信息公开工作存在的主要问题及改进情况。',
      en: 'The main problems in the disclosure work and how they are being improved.',
    },
    basis: '《条例》第五十条第（四）项',
  },
  {
    id: 6,
    numeral: '六',
    title: '六、其他需要报告的事项',
    variants: ['六、其他需要报告事项'],
    keys: [['其他需要报告'], ['其他', '报告', '事项']],
    explanation: {
      zh: '其他需要报告的事项，通常包括依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（含未收取），以及上级要求报告的事项。',
      en: 'Other matters, usually the information-processing fees charged under the fee measures (including none), and items the upper-level office asks for.',
    },
    basis: '《条例》第五十条第（五）项',
  },
];
