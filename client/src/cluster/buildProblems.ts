/**
 * A failed on-cluster build, placed where the user can fix it: buildah's last `[s/t] STEP n/m: …` before
 * its `Error: building at STEP "…"` (MCO:…/assets/buildah-build.sh runs `buildah bud`) is located in MCO's
 * generated Containerfile (ConfigMap `containerfile-<mosb>`, whose tail is the MOSC's NoArch content
 * verbatim, MCO:…/assets/Containerfile.on-cluster-build-template), then in that content, then in the
 * MachineOSConfig YAML (a literal block scalar: one content line per YAML line) or a Containerfile
 * with the same content. The same STEP parsing as the local build (build/steps.ts).
 */
import { isScalar, LineCounter, parseAllDocuments, Scalar } from 'yaml';
import { lineOfStep, parseStep, stagesOf } from '../build/steps';
import type { Step } from '../build/steps';

export interface BuildFailure {
  /** The step that failed, as buildah printed it. */
  step: Step;
  /** buildah's error line, without `Error: `. */
  error: string;
  /** 0-based line in the MOSC's containerFile content, or null when the failing step is MCO's own (the `configs` stage). */
  contentLine: number | null;
  /** 0-based line in the generated Containerfile, when it was given and the step could be placed. */
  generatedLine: number | null;
}

/** The failing step of a build log (one attempt's lines), or null when the log shows no step failing. */
export function failingStep(lines: readonly string[]): { step: Step; error: string } | null {
  let last: Step | null = null;
  let failed: { step: Step; error: string } | null = null;
  for (const l of lines) {
    const s = parseStep(l);
    if (s) {
      last = s;
      continue;
    }
    const e = /^Error: (building at STEP .*)$/.exec(l);
    if (e && last) failed = { step: last, error: e[1]! };
  }
  return failed;
}

const norm = (s: string) =>
  s
    .replace(/\\\s*\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Where the failing step of `lines` is in `content` (and in `generated`, the full Containerfile, when known). */
export function locateFailure(lines: readonly string[], content: string, generated?: string): BuildFailure | null {
  const f = failingStep(lines);
  if (!f) return null;
  let generatedLine: number | null = null;
  let contentLine: number | null = null;
  if (generated) {
    generatedLine = lineOfStep(stagesOf(generated), f.step);
    const at = content ? generated.lastIndexOf(content) : -1;
    if (generatedLine !== null && at >= 0) {
      const offset = generated.slice(0, at).split('\n').length - 1;
      const inContent = generatedLine - offset;
      contentLine = inContent >= 0 && inContent < content.split('\n').length ? inContent : null;
    }
  }
  if (!generated || (contentLine === null && generatedLine === null)) {
    // No generated Containerfile (MCO deleted it): the step's text names the instruction.
    const hits = stagesOf(content)
      .flat()
      .filter((i) => norm(i.text) === norm(f.step.text));
    if (hits.length === 1) contentLine = hits[0]!.line;
  }
  return { ...f, contentLine, generatedLine };
}

export interface YamlPlace {
  line: number;
  startCol: number;
  endCol: number;
}

/**
 * The YAML line of line `contentLine` of the NoArch `containerFile` content of MachineOSConfig `name`
 * (any name when undefined) in `yamlText`, or null when the document is not there, has other content,
 * or holds it in a form that is not line for line (folded or quoted).
 */
export function yamlPlace(yamlText: string, contentLine: number, expected: { name?: string; content: string }): YamlPlace | null {
  const lc = new LineCounter();
  const docs = parseAllDocuments(yamlText, { lineCounter: lc });
  if (!Array.isArray(docs)) return null;
  for (const d of docs) {
    const js = d.toJS() as {
      kind?: unknown;
      metadata?: { name?: unknown };
      spec?: { containerFile?: { containerfileArch?: unknown; content?: unknown }[] };
    } | null;
    if (js?.kind !== 'MachineOSConfig') continue;
    if (expected.name !== undefined && js.metadata?.name !== expected.name) continue;
    const files = Array.isArray(js.spec?.containerFile) ? js.spec.containerFile : [];
    const i = files.findIndex((f) => (f?.containerfileArch ?? 'NoArch') === 'NoArch');
    if (i < 0 || typeof files[i]!.content !== 'string' || !sameContent(files[i]!.content, expected.content)) continue;
    const node = d.getIn(['spec', 'containerFile', i, 'content'], true);
    if (!isScalar(node) || node.type !== Scalar.BLOCK_LITERAL || !node.range) return null;
    const header = lc.linePos(node.range[0]).line - 1; // 0-based line of `|`
    const line = header + 1 + contentLine;
    const text = yamlText.split('\n')[line] ?? '';
    const indent = text.length - text.trimStart().length;
    return { line, startCol: indent, endCol: text.trimEnd().length };
  }
  return null;
}

/** True when `file` (a Containerfile's text) is the MOSC content, ignoring trailing newlines and CRs. */
export function sameContent(file: string, content: string): boolean {
  const n = (s: string) => {
    const t = s.replace(/\r\n/g, '\n');
    let end = t.length;
    while (end > 0 && t[end - 1] === '\n') end--; // not /\n+$/: that backtracks on long runs of newlines
    return t.slice(0, end);
  };
  return n(file) === n(content);
}
