/**
 * Caching for the part of a rule that looks at one RUN only. A RUN's script is shared between lints
 * while its text is unchanged, so its findings (script-relative offsets) are computed once.
 */
import type { Fix, RuleContext } from '../engine/types';
import type { ContainerfileModel, RunModel } from './model';
import type { Script } from './shell';

export interface LocalEdit { start: number; end: number; newText: string }
export interface LocalReport { start: number; end: number; message: string; fixes?: { title: string; edits: LocalEdit[] }[] }

const cache = new WeakMap<Script, Map<string, unknown>>();

/** A fact about a script, computed once per script and `key`. */
export function memoScript<T>(script: Script, key: string, compute: () => T): T {
  let m = cache.get(script);
  if (!m) {
    m = new Map();
    cache.set(script, m);
  }
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}

/** Findings of `compute` for this script, cached under `key` (rule id plus whatever else they depend on). */
export function perScript(script: Script, key: string, compute: () => LocalReport[]): LocalReport[] {
  return memoScript(script, key, compute);
}

/** Reports script-relative findings at their document position. */
export function reportLocal(model: ContainerfileModel, run: RunModel, ctx: RuleContext, reports: LocalReport[]): void {
  const at = (o: number) => model.index.positionAt(o + run.base);
  for (const r of reports) {
    const fixes: Fix[] | undefined = r.fixes?.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: { start: at(e.start), end: at(e.end) }, newText: e.newText })) }));
    ctx.report({ range: { start: at(r.start), end: at(r.end) }, message: r.message, ...(fixes ? { fixes } : {}) });
  }
}
