import type { Rule } from '../rule';

export const RULES: Rule[] = [];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
