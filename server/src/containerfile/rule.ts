/**
 * Rules that judge one RUN at a time implement `checkRun(script, ocp)`. A RUN's script is shared
 * between lints while its text is unchanged, so the engine computes those findings once per script
 * (and OpenShift version) and only maps them to document positions afterwards.
 */
import type { Fix, LintOptions, OcpVersion, Rule, RuleContext, RuleFailure, Diagnostic, Severity } from '../core/types';
import { formatVersion } from '../core/version';
import type { ContainerfileModel, RunModel } from './model';
import type { Script } from './shell';

export interface LocalEdit { start: number; end: number; newText: string }
export interface LocalReport { start: number; end: number; message: string; fixes?: { title: string; edits: LocalEdit[] }[] }

export interface ContainerfileRule extends Rule<ContainerfileModel> {
  /** Findings in one RUN of an OS stage, in script offsets. Must depend only on its arguments. */
  checkRun?(script: Script, ocp: OcpVersion | null): LocalReport[];
}

const memo = new WeakMap<Script, Map<string, unknown>>();

/** A fact about a script, computed once per script and `key`. */
export function memoScript<T>(script: Script, key: string, compute: () => T): T {
  let m = memo.get(script);
  if (!m) {
    m = new Map();
    memo.set(script, m);
  }
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}

interface Cached { ocpKey: string; results: (LocalReport[] | undefined)[] }
const results = new WeakMap<Script, Cached>();
const EMPTY: LocalReport[] = [];
const slots = new WeakMap<ContainerfileRule, number>();
let nextSlot = 0;
const slot = (r: ContainerfileRule) => {
  let s = slots.get(r);
  if (s === undefined) slots.set(r, (s = nextSlot++));
  return s;
};

/** Runs every rule's `checkRun` over the OS RUNs, from cache where the script was seen before. */
export function runLocalRules(
  model: ContainerfileModel,
  rules: ContainerfileRule[],
  options: LintOptions,
  ocp: OcpVersion | null,
  anchor: (line: number) => number,
): { diagnostics: Diagnostic[]; failures: RuleFailure[] } {
  const diagnostics: Diagnostic[] = [];
  const failures: RuleFailure[] = [];
  const active = rules.map((r) => ({ r, i: slot(r), severity: (options.rules?.[r.meta.id] ?? r.meta.severity) as Severity | 'off' }))
    .filter((x) => x.r.checkRun && x.severity !== 'off');
  if (active.length === 0) return { diagnostics, failures };
  const ocpKey = ocp ? formatVersion(ocp) : '';
  const broken = new Set<number>();
  for (const run of model.osRuns) {
    let c = results.get(run.script);
    if (!c || c.ocpKey !== ocpKey) {
      c = { ocpKey, results: [] };
      results.set(run.script, c);
    }
    for (const { r, i, severity } of active) {
      if (broken.has(i)) continue;
      let found = c.results[i];
      if (!found) {
        try {
          found = r.checkRun!(run.script, ocp);
          if (found.length === 0) found = EMPTY;
        } catch (e) {
          broken.add(i);
          failures.push({ ruleId: r.meta.id, error: e instanceof Error ? e.message : String(e) });
          continue;
        }
        c.results[i] = found;
      }
      if (found.length === 0) continue;
      const at = (o: number) => model.index.positionAt(o + run.base);
      for (const f of found) {
        const fixes: Fix[] = (f.fixes ?? []).map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: { start: at(e.start), end: at(e.end) }, newText: e.newText })) }));
        const range = { start: at(f.start), end: at(f.end) };
        diagnostics.push({ ruleId: r.meta.id, severity: severity as Severity, message: f.message, range, fixes, anchorLine: anchor(range.start.line) });
      }
    }
  }
  return { diagnostics, failures };
}

/** Reports script-relative findings from a rule's `check` at their document position. */
export function reportLocal(model: ContainerfileModel, run: RunModel, ctx: RuleContext, reports: LocalReport[]): void {
  const at = (o: number) => model.index.positionAt(o + run.base);
  for (const r of reports) {
    const fixes: Fix[] = (r.fixes ?? []).map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: { start: at(e.start), end: at(e.end) }, newText: e.newText })) }));
    ctx.report({ range: { start: at(r.start), end: at(r.end) }, message: r.message, fixes });
  }
}
