/**
 * The anatomy of a MachineConfig / MachineConfigPool / MachineOSConfig rule: `meta` and a
 * `check(model, ctx)` over the file's YAML documents, reporting document ranges (YAML positions come
 * from the parser's nodes, see `rangeAt`).
 */
import type { Fix, LintOptions, OcpVersion, Range, RuleMeta, Severity } from '../core/types';
import type { YamlModel } from './model';

export interface RangeReport {
  range: Range;
  message: string;
  fixes?: Fix[] | undefined;
  /** This finding's severity when it differs by version from `meta.severity`; a user's setting for the rule still wins. */
  severity?: Severity | undefined;
}

export interface MachineConfigContext {
  options: LintOptions;
  ocp: OcpVersion | null;
  report(r: RangeReport): void;
}

export interface MachineConfigRule {
  meta: RuleMeta & { kind: 'yaml' };
  check(model: YamlModel, ctx: MachineConfigContext): void;
}
