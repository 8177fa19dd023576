/**
 * Runs Containerfile rules over a model. The engine owns what rules must not: per-RUN caching (a
 * RUN's script is shared between lints while its text and the values of the ARG/ENV variables it
 * reads are unchanged, so `checkRun` findings are computed once per script, variable values and
 * OpenShift version), `ctx.memo`, mapping offsets to ranges, and saying where a finding's filled-in
 * variable values came from (`ARG X` at line N).
 */
import type { Diagnostic, Fix, LintOptions, LintResult, OcpVersion, RuleFailure, Severity } from '../core/types';
import { formatVersion, parseOcpVersion } from '../core/version';
import type { ContainerfileModel, RunModel } from '../containerfile/model';
import type { ContainerfileContext, ContainerfileRule, OffsetReport } from '../containerfile/rule';
import type { Script } from '../containerfile/shell';
import { byPosition, errorText, severityOf } from './results';
import { originNote, scopeOf } from '../containerfile/variables';
import { isNotNodeImage } from '../containerfile/nodeImage';

/**
 * What the engine keeps per script: `run.script` is the same object for the same RUN text and the same
 * values of the variables it reads (containerfile/variables.ts `expandScript`), so an edit to an ARG
 * default the RUN reads gives another script and the RUN is linted again. Kept on the script itself
 * (not enumerable, so a copy of the script does not take it along): two WeakMap lookups and a key string
 * per RUN and rule on every keystroke were a tenth of an edit in a 10,000-line file.
 */
interface PerScript {
  ocpKey: string;
  /** `checkRun` findings by rule slot. */
  results: (OffsetReport[] | undefined)[];
  /** `ctx.memo` facts by rule slot, then name. */
  memos: (Map<string, unknown> | undefined)[];
}
const STATE = Symbol('engine');
type WithState = Script & { [STATE]?: PerScript };

function stateOf(script: Script): PerScript {
  const s = script as WithState;
  let st = s[STATE];
  if (!st) {
    st = { ocpKey: '', results: [], memos: [] };
    Object.defineProperty(s, STATE, { value: st, enumerable: false, writable: true, configurable: true });
  }
  return st;
}
const EMPTY: OffsetReport[] = [];
const slots = new WeakMap<ContainerfileRule, number>();
let nextSlot = 0;
const slot = (r: ContainerfileRule) => {
  let s = slots.get(r);
  if (s === undefined) slots.set(r, (s = nextSlot++));
  return s;
};

function memo<T>(script: Script, ruleSlot: number, name: string, compute: (script: Script) => T): T {
  const memos = stateOf(script).memos;
  let m = memos[ruleSlot];
  if (!m) memos[ruleSlot] = m = new Map<string, unknown>();
  if (m.has(name)) return m.get(name) as T;
  const v = compute(script);
  m.set(name, v);
  return v;
}

export function runContainerfileRules(
  model: ContainerfileModel,
  rules: ContainerfileRule[],
  options: LintOptions,
  anchor: (line: number) => number,
): LintResult {
  // An application Dockerfile (FROM ubi9/ubi and nothing about nodes) is not an RHCOS layering file: no findings.
  if (isNotNodeImage(model, options)) return { diagnostics: [], failures: [], application: true };
  const ocp = parseOcpVersion(options.ocpVersion);
  const active: { rule: ContainerfileRule; severity: Severity | undefined }[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.meta.id];
    if (setting !== 'off') active.push({ rule, severity: setting });
  }
  /** `severity` is the user's setting for the rule, which wins over the finding's and the rule's own. */
  const toDiagnostic = (
    rule: ContainerfileRule,
    severity: Severity | undefined,
    r: OffsetReport,
    run: RunModel | undefined,
  ): Diagnostic => {
    const base = run?.base ?? 0;
    const range = model.index.range(r.at[0] + base, r.at[1] + base);
    const fixes: Fix[] = (r.fixes ?? []).map((f) => ({
      title: f.title,
      edits: f.edits.map((e) => ({ range: model.index.range(e.at[0] + base, e.at[1] + base), newText: e.newText })),
    }));
    return {
      ruleId: rule.meta.id,
      severity: severityOf(severity, r.severity, rule.meta),
      message: run ? r.message + originNote(run.script, scopeOf(run), r.at[0], r.at[1]) : r.message,
      range,
      fixes,
      anchorLine: anchor(range.start.line),
    };
  };

  const diagnostics: Diagnostic[] = [];
  const failures: RuleFailure[] = [];
  for (const { rule, severity } of active) {
    if (!rule.check) continue;
    const ruleSlot = slot(rule);
    const ctx: ContainerfileContext = {
      options,
      ocp,
      report: (r) => diagnostics.push(toDiagnostic(rule, severity, r, r.run)),
      memo: (run, name, compute) => memo(run.script, ruleSlot, name, compute),
    };
    try {
      rule.check(model, ctx);
    } catch (e) {
      failures.push({ ruleId: rule.meta.id, error: errorText(e) });
    }
  }
  const perRun = runChecks(model.osRuns, active, ocp, failures);
  for (const { rule, severity, run, found } of perRun) for (const r of found) diagnostics.push(toDiagnostic(rule, severity, r, run));
  diagnostics.sort(byPosition);
  return { diagnostics, failures };
}

/** Every rule's `checkRun` over the OS RUNs, from cache where the script was seen before. */
function runChecks(
  runs: RunModel[],
  active: { rule: ContainerfileRule; severity: Severity | undefined }[],
  ocp: OcpVersion | null,
  failures: RuleFailure[],
): { rule: ContainerfileRule; severity: Severity | undefined; run: RunModel; found: OffsetReport[] }[] {
  const out: { rule: ContainerfileRule; severity: Severity | undefined; run: RunModel; found: OffsetReport[] }[] = [];
  const checks = active.filter((a) => a.rule.checkRun !== undefined);
  if (checks.length === 0) return out;
  const ocpKey = ocp ? formatVersion(ocp) : '';
  const broken = new Set<ContainerfileRule>();
  for (const run of runs) {
    const c = stateOf(run.script);
    if (c.ocpKey !== ocpKey) {
      c.ocpKey = ocpKey;
      c.results = [];
    }
    for (const { rule, severity } of checks) {
      if (broken.has(rule)) continue;
      const i = slot(rule);
      let found = c.results[i];
      if (!found) {
        const reports: OffsetReport[] = [];
        try {
          rule.checkRun!(run.script, { ocp, report: (r) => reports.push(r) });
        } catch (e) {
          broken.add(rule);
          failures.push({ ruleId: rule.meta.id, error: errorText(e) });
          continue;
        }
        found = c.results[i] = reports.length ? reports : EMPTY;
      }
      if (found.length) out.push({ rule, severity, run, found });
    }
  }
  return out;
}
