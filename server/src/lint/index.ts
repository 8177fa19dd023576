/** The engine: text and options in, diagnostics out. Reads no files, settings or network. */
import type { Diagnostic, DocumentKind, LintOptions, LintResult, RuleFailure, RuleMeta } from '../core/types';
import { applySuppressions, parseSuppressions } from './suppressions';
import { buildModel, ContainerfileModel } from '../containerfile/model';
import { containerfileRules } from '../containerfile/rules';
import type { ContainerfileRule } from '../containerfile/rule';
import { LineIndex, lineIndexOf } from '../core/lineIndex';
import { buildYamlModel, YamlModel } from '../machineconfig/model';
import { yamlRules } from '../machineconfig/rules';
import { lintEmbedded } from './embedded';
import { runContainerfileRules } from './runContainerfile';
import { runYamlRules } from './runYaml';
import { byPosition, clampToDocument, errorText } from './results';
import { append } from '../core/arrays';

export { runContainerfileRules, runYamlRules };
export const ruleMetas: RuleMeta[] = [...containerfileRules.map((r) => r.meta), ...yamlRules.map((r) => r.meta)];
export const ruleById = new Map(ruleMetas.map((m) => [m.id, m]));
/** The id of the diagnostic that says a file was not fully checked (no rule: nothing to configure or suppress). */
export const INCOMPLETE = 'lint-incomplete';

import { MAX_LINT_CHARS } from './limits';
import { CONTAINERFILE_WORK_BUDGET, containerfileWorkOf, type Work } from './budget';
export { MAX_LINT_CHARS };

export { detectKind } from '../../../common/fileKind';

export function lint(text: string, kind: DocumentKind, options: LintOptions = {}): LintResult {
  const result = kind === 'containerfile' ? lintContainerfile(text, options) : lintYaml(text, options);
  for (const d of result.diagnostics) d.message = bounded(d.message);
  if (result.diagnostics.length) clampToDocument(result.diagnostics, lineIndexOf(text));
  if (result.failures.length) result.diagnostics.unshift(incomplete(result.failures));
  return result;
}

/** Longest message we show; messages quote user values (an osImageURL, a list of other files) that can be any size. */
export const MAX_MESSAGE_CHARS = 1000;

function bounded(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  const cut = message.length - MAX_MESSAGE_CHARS + 60;
  const left = `(${cut.toLocaleString('en-US')} characters left out)`;
  return `${message.slice(0, 700)} … ${left} … ${message.slice(-(MAX_MESSAGE_CHARS - 760))}`;
}

/** The diagnostic that says a file was not fully checked because the parser or some rules threw. */
function incomplete(failures: RuleFailure[]): Diagnostic {
  const names = [...new Set(failures.map((f) => f.ruleId))];
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return {
    ruleId: INCOMPLETE,
    severity: 'warning',
    message: bounded(
      `This file could not be fully checked: ${shown} failed (${failures[0]!.error.split('\n')[0]}). Other problems may go unreported.`,
    ),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
    anchorLine: 0,
  };
}

const SCHEMA_RULES = new Set(['yaml-syntax', 'mc-schema']);

/** Lints the MachineConfig, MachineConfigPool and MachineOSConfig documents of a YAML file; other documents are left alone. */
export function lintYaml(text: string, options: LintOptions = {}): LintResult {
  if (text.length > MAX_LINT_CHARS) return tooLarge(text.length);
  if (looksBinary(text) || !/machineconfig/i.test(text)) return { diagnostics: [], failures: [] };
  let model: YamlModel;
  try {
    model = buildYamlModel(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  } catch (e) {
    return { diagnostics: [], failures: [{ ruleId: '(yaml parser)', error: errorText(e) }] };
  }
  if (!model.docs.some((d) => d.owned)) return { diagnostics: [], failures: [] };
  const rules = options.schemaValidatedElsewhere ? yamlRules.filter((r) => !SCHEMA_RULES.has(r.meta.id)) : yamlRules;
  const result = runYamlRules(model, rules, options, (l) => l);
  try {
    const embedded = lintEmbedded(model, options, lintContainerfile);
    append(result.diagnostics, embedded.diagnostics);
    append(result.failures, embedded.failures);
  } catch (e) {
    result.failures.push({ ruleId: '(embedded containerfile)', error: errorText(e) });
  }
  result.diagnostics.sort(byPosition);
  return withSuppressions(result, text, model.index);
}

export function lintContainerfile(text: string, options: LintOptions = {}): LintResult {
  if (text.length > MAX_LINT_CHARS) return tooLarge(text.length);
  if (looksBinary(text)) return { diagnostics: [], failures: [] };
  const work = containerfileWorkOf(text);
  if (work.units > (options.workBudget ?? CONTAINERFILE_WORK_BUDGET)) return overBudget(work);
  let model: ContainerfileModel;
  try {
    model = buildModel(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  } catch (e) {
    return { diagnostics: [], failures: [{ ruleId: '(parser)', error: errorText(e) }] };
  }
  // Built on the first finding: a clean 10,000-line file does not pay for 4,000 pairs per keystroke.
  let instLines: (readonly [number, number])[] | undefined;
  const anchor = (line: number) => {
    instLines ??= model.instructions.map((i) => [model.index.positionAt(i.start).line, model.index.positionAt(i.end).line] as const);
    let lo = 0,
      hi = instLines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = instLines[mid]!;
      if (line < s) hi = mid - 1;
      else if (line > e) lo = mid + 1;
      else return s;
    }
    return line;
  };
  return withSuppressions(lintModel(model, containerfileRules, options, anchor), text, model.index);
}

/** Drops what `# rhcos-lint ignore=` / `# hadolint ignore=` comments silence. */
function withSuppressions(result: LintResult, text: string, index: LineIndex): LintResult {
  // Plain substring tests: `(rhcos-lint|hadolint)[^\n]*ignore` rescans the rest of the line from every tool name (quadratic).
  if (result.diagnostics.length === 0 || !text.includes('ignore') || !/rhcos-lint|hadolint/.test(text)) return result;
  const lines = [];
  for (let i = 0; i < index.lineCount; i++) lines.push(index.lineText(i));
  return { ...result, diagnostics: applySuppressions(result.diagnostics, parseSuppressions(lines, ruleMetas)) };
}

/** Runs Containerfile rules over a built model (the rule tests call this with one rule). */
export function lintModel(
  model: ContainerfileModel,
  rules: ContainerfileRule[],
  options: LintOptions,
  anchor: (line: number) => number,
): LintResult {
  return runContainerfileRules(model, rules, options, anchor);
}

function looksBinary(text: string): boolean {
  return text.lastIndexOf('\u0000', 8191) >= 0; // searches the first 8 KiB only, without a copy
}

/** The one diagnostic for a Containerfile whose parsing alone would cost more than the work budget. */
function overBudget(work: Work): LintResult {
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    diagnostics: [
      {
        ruleId: INCOMPLETE,
        severity: 'warning',
        message:
          `This file was not checked: its ${n(work.chars)} characters, ${n(work.lines)} lines and ${n(work.words)} words ` +
          `are more than RHCOS Layering checks in one file. Split it into smaller Containerfiles, or move long scripts ` +
          `into files the build copies in, to get diagnostics.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        fixes: [],
        anchorLine: 0,
      },
    ],
    failures: [],
  };
}

/** The one diagnostic for a file over the limit; `unit` is 'bytes' when the caller did not read it to count characters. */
export function tooLarge(size: number, unit: 'characters' | 'bytes' = 'characters'): LintResult {
  return {
    diagnostics: [
      {
        ruleId: 'file-too-large',
        severity: 'info',
        message:
          `This file has ${size.toLocaleString('en-US')} ${unit}; ` +
          `RHCOS Layering lints files up to ${MAX_LINT_CHARS.toLocaleString('en-US')} characters. Split it to get diagnostics.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        fixes: [],
        anchorLine: 0,
      },
    ],
    failures: [],
  };
}
