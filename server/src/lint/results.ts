/** Small helpers the rule runners share. */
import { comparePositions, type LineIndex, type Position, type Range } from '../core/lineIndex';
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

/**
 * Keeps every diagnostic range and quick-fix edit inside the document: lines within the line count,
 * characters within their line (its break excluded), the end not before the start. Rules and parsers
 * compute positions many ways (offsets in a RUN's script, YAML node ranges, parser errors); this is
 * the one place that guarantees what the editor receives.
 */
export function clampToDocument(diagnostics: Diagnostic[], index: LineIndex): void {
  const lengths = new Map<number, number>();
  const clampPos = (p: Position): Position => {
    const line = Math.max(0, Math.min(Number.isFinite(p.line) ? Math.trunc(p.line) : 0, index.lineCount - 1));
    let length = lengths.get(line);
    if (length === undefined) lengths.set(line, (length = index.lineText(line).length));
    const character = Math.max(0, Math.min(Number.isFinite(p.character) ? Math.trunc(p.character) : 0, length));
    return line === p.line && character === p.character ? p : { line, character };
  };
  const clampRange = (r: Range): Range => {
    const start = clampPos(r.start);
    let end = clampPos(r.end);
    if (comparePositions(end, start) < 0) end = start;
    return start === r.start && end === r.end ? r : { start, end };
  };
  for (const d of diagnostics) {
    d.range = clampRange(d.range);
    for (const f of d.fixes) f.edits = f.edits.map((e) => ({ ...e, range: clampRange(e.range) }));
  }
}
