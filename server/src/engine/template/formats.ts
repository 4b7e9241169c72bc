// The two official formats, assembled from the shared declarations.

import { SECTIONS } from './sections';
import { PROACTIVE_2019, PROACTIVE_2021 } from './tables2';
import { APPLICATIONS_2019, APPLICATIONS_2021, LITIGATION } from './tables34';
import type { FormatTemplate, FormatVersion, RowKey, RowTemplate, SectionId, SectionTemplate, TableId, TableTemplate } from './types';

export const FORMAT_2021: FormatTemplate = {
  version: '2021',
  name: { zh: '2021 年格式（国办公开办函〔2021〕30号）', en: '2021 format (GOV disclosure office letter 〔2021〕30)' },
  sections: SECTIONS,
  tables: [...PROACTIVE_2021, APPLICATIONS_2021, LITIGATION],
  evidence: ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额'],
};

export const FORMAT_2019: FormatTemplate = {
  version: '2019',
  name: { zh: '2019 年格式（国办公开办函〔2019〕60号，试行）', en: '2019 format (GOV disclosure office letter 〔2019〕60, trial)' },
  sections: SECTIONS,
  tables: [...PROACTIVE_2019, APPLICATIONS_2019, LITIGATION],
  evidence: ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '第（九）项', '政府集中采购', '其他对外管理服务事项'],
};

export const FORMATS: Record<FormatVersion, FormatTemplate> = { '2021': FORMAT_2021, '2019': FORMAT_2019 };

/** The template of section `id` (every format declares all six, in order). */
export function sectionTemplate(template: FormatTemplate, id: SectionId): SectionTemplate {
  const section = template.sections[id - 1];
  if (!section) throw new Error(`format ${template.version} declares no section ${id}`);
  return section;
}

export function tableTemplate(format: FormatVersion, id: TableId): TableTemplate | undefined {
  return FORMATS[format].tables.find((t) => t.id === id);
}

export function rowTemplate(table: TableTemplate, key: RowKey): RowTemplate | undefined {
  return table.rows.find((r) => r.key === key);
}

/** Children of a group row, in template order. */
export function childRows(table: TableTemplate, key: RowKey): RowTemplate[] {
  return table.rows.filter((r) => r.parent === key);
}
