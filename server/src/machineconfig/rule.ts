/**
 * The anatomy of a MachineConfig / MachineConfigPool / MachineOSConfig rule: `meta` and a
 * `check(model, ctx)` over the file's YAML documents, reporting document ranges (YAML positions come
 * from the parser's nodes, see `rangeAt`).
 */
import type { Fix, LintOptions, OcpVersion, Range, RuleMeta } from '../core/types';
import type { YamlModel } from './model';

export interface RangeReport {
  range: Range;
  message: string;
  fixes?: Fix[] | undefined;
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
