/** Small helpers the rule runners share. */
import { comparePositions } from '../core/lineIndex';
import type { Diagnostic, RuleMeta, Severity } from '../core/types';

export const byPosition = (a: Diagnostic, b: Diagnostic): number =>
  comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId);

export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.message}` : String(e);
}

/** The user's setting for a rule wins over the severity a finding carries, which wins over the rule's default. */
export function severityOf(setting: Severity | undefined, finding: Severity | undefined, meta: RuleMeta): Severity {
  return setting ?? finding ?? meta.severity;
}
