/** Small helpers the rule runners share. */
import { comparePositions } from '../core/lineIndex';
import type { Diagnostic } from '../core/types';

export const byPosition = (a: Diagnostic, b: Diagnostic): number =>
  comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId);

export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.message}` : String(e);
}
