// Where an official row stands among the rows a parsed table has: the nearest
// present rows before and after it in template order (a missing row's place,
// for the finding's anchor and for the writer that inserts it).

import type { RowNode, TableNode } from './model';
import type { TableTemplate } from './template/types';

export function presentNeighbours(table: TableNode, template: TableTemplate, index: number): { before?: RowNode; after?: RowNode } {
  const present = new Map(table.rows.map((r) => [r.key, r]));
  const before = template.rows
    .slice(0, index)
    .reverse()
    .map((r) => present.get(r.key))
    .find((r) => r);
  const after = template.rows
    .slice(index + 1)
    .map((r) => present.get(r.key))
    .find((r) => r);
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
