/** Runs MachineConfig rules over a YAML model: severity settings, failures kept apart, sorted results. */
import type { Diagnostic, LintOptions, LintResult, RuleFailure, Severity } from '../core/types';
import { parseOcpVersion } from '../core/version';
import type { YamlModel } from '../machineconfig/model';
import type { MachineConfigRule, RangeReport } from '../machineconfig/rule';
import { byPosition, errorText, severityOf } from './results';

export function runYamlRules(
  model: YamlModel,
  rules: MachineConfigRule[],
  options: LintOptions,
  anchor: (line: number) => number,
): LintResult {
  const diagnostics: Diagnostic[] = [];
  const failures: RuleFailure[] = [];
  const ocp = parseOcpVersion(options.ocpVersion);
  for (const rule of rules) {
    const setting = options.rules?.[rule.meta.id];
    if (setting === 'off') continue;
    const severity: Severity | undefined = setting;
    const report = (r: RangeReport) => {
      diagnostics.push({
        ruleId: rule.meta.id,
        severity: severityOf(severity, r.severity, rule.meta),
        message: r.message,
        range: r.range,
        fixes: r.fixes ?? [],
        anchorLine: anchor(r.range.start.line),
      });
    };
    try {
      rule.check(model, { options, ocp, report });
    } catch (e) {
      failures.push({ ruleId: rule.meta.id, error: errorText(e) });
    }
  }
  diagnostics.sort(byPosition);
  return { diagnostics, failures };
}
