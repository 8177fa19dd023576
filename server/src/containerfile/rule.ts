/**
 * The anatomy of a Containerfile rule. A rule has `meta` and one or both of two checks, and reports
 * through its context in offsets:
 *
 * - `checkRun(script, ctx)` looks at one RUN of an OS stage. Offsets are in the RUN's script. The
 *   engine caches the findings per script text and OpenShift version and maps them to the document,
 *   so the check may use nothing but its arguments (which is why its context has no `options`).
 * - `check(model, ctx)` looks at the whole file. Offsets are in the document, or in a RUN's script
 *   when the report names that `run`. `ctx.memo(run, name, compute)` keeps a fact about a RUN's
 *   script across lints (the engine keys it by rule id and `name`).
 */
import type { LintOptions, OcpVersion, RuleMeta, Severity } from '../core/types';
import type { ContainerfileModel, RunModel } from './model';
import type { Script } from './shell';

export interface OffsetEdit {
  /** [start, end) offsets; start === end inserts. */
  at: readonly [number, number];
  newText: string;
}
export interface OffsetFix {
  title: string;
  edits: OffsetEdit[];
}

export interface OffsetReport {
  at: readonly [number, number];
  message: string;
  fixes?: OffsetFix[] | undefined;
  /** This finding's severity when it differs by version from `meta.severity`; a user's setting for the rule still wins. */
  severity?: Severity | undefined;
}

export interface RunContext {
  ocp: OcpVersion | null;
  /** Offsets in the RUN's script. */
  report: (r: OffsetReport) => void;
}

export interface ContainerfileContext {
  options: LintOptions;
  ocp: OcpVersion | null;
  /** Offsets in the document, or in `run`'s script when given. */
  report: (r: OffsetReport & { run?: RunModel | undefined }) => void;
  /** A fact about `run`'s script, computed once per script text for this rule and `name`. */
  memo<T>(run: RunModel, name: string, compute: (script: Script) => T): T;
}

export interface ContainerfileRule {
  meta: RuleMeta & { kind: 'containerfile' };
  checkRun?(script: Script, ctx: RunContext): void;
  check?(model: ContainerfileModel, ctx: ContainerfileContext): void;
}
