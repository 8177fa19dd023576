/**
 * Lints the Containerfiles inside MachineOSConfigs (v1 `spec.containerFile[].content`, v1alpha1
 * `spec.buildInputs.containerFile[].content`) with the Containerfile rules, at their YAML positions.
 * What failed while linting them is returned too, so the file says it was not fully checked.
 */
import { isScalar } from 'yaml';
import type { Diagnostic, LintOptions, LintResult } from '../core/types';
import { get, nodeAt, YamlModel } from '../machineconfig/model';
import { containerFiles, owned } from '../machineconfig/queries';
import { knownPools, poolStream } from '../machineconfig/streams';

export function lintEmbedded(
  model: YamlModel,
  options: LintOptions,
  lintContainerfile: (text: string, o: LintOptions) => LintResult,
): LintResult {
  const out: Diagnostic[] = [];
  const failures: LintResult['failures'] = [];
  const mosc = owned(model, 'MachineOSConfig');
  const pools = mosc.length ? knownPools(model, options) : [];
  for (const d of mosc) {
    // The Containerfile is built for the MOSC's pool: its OS image stream, when the pool is known and names one.
    const pool = get(d.value, ['spec', 'machineConfigPool', 'name']);
    const osStream = typeof pool === 'string' ? poolStream(pools, pool) : undefined;
    const own: LintOptions = osStream ? { ...options, osStream } : options;
    for (const c of containerFiles(d)) {
      const node = nodeAt(d.doc, c.path);
      if (!isScalar(node) || !node.range) continue;
      const type = node.type;
      if (type !== 'BLOCK_LITERAL') continue; // folded or quoted: positions are not certain
      const header = model.index.positionAt(node.range[0]).line;
      const lines = c.content.split('\n');
      const firstLine = lines.findIndex((l) => l.trim() !== '');
      if (firstLine < 0) continue;
      const indent = /^ */.exec(model.index.lineText(header + 1 + firstLine))![0].length;
      const map = (p: { line: number; character: number }) => ({ line: header + 1 + p.line, character: p.character + indent });
      const result = lintContainerfile(c.content, own);
      for (const f of result.failures) failures.push({ ...f, ruleId: `${f.ruleId} (embedded Containerfile)` });
      for (const diag of result.diagnostics) {
        out.push({
          ...diag,
          range: { start: map(diag.range.start), end: map(diag.range.end) },
          anchorLine: header + 1 + diag.anchorLine,
          // Multi-line edits would lose the block's indentation; keep single-line ones.
          fixes: diag.fixes
            .filter((f) => f.edits.every((e) => !e.newText.includes('\n')))
            .map((f) => ({
              ...f,
              edits: f.edits.map((e) => ({ newText: e.newText, range: { start: map(e.range.start), end: map(e.range.end) } })),
            })),
        });
      }
    }
  }
  return { diagnostics: out, failures };
}
