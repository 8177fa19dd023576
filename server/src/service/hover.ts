/** Hover text: the rule behind a diagnostic, or what an rpm-ostree / ostree word does. */
import type { Diagnostic } from '../core/types';
import { ruleById } from '../lint';
import type { Position } from '../core/lineIndex';
import { comparePositions, LineIndex } from '../core/lineIndex';
import { BOOTC_CONTAINER_LINT, OSTREE_CONTAINER_COMMIT, RPM_OSTREE_COMMANDS } from '../containerfile/rpmOstreeCommands';
import { ASSUMED_OCP, formatVersion } from '../core/version';

export interface HoverResult {
  markdown: string;
  range?: { start: Position; end: Position };
}

/** Where the OpenShift version the rules read came from: the setting, the connected cluster, or nowhere (assumed). */
export type VersionInEffect =
  { from: 'setting'; version: string } | { from: 'cluster'; version: string; context: string } | { from: 'none' };

/** The line a version-dependent rule's hover adds, so the user knows which reading they got and how to change it. */
export function versionLine(v: VersionInEffect): string {
  if (v.from === 'setting') return `Judged for OpenShift ${v.version} (setting \`rhcosLayering.ocpVersion\`).`;
  if (v.from === 'cluster') return `Judged for OpenShift ${v.version}, the version of the connected cluster \`${v.context}\`.`;
  return (
    `No OpenShift version set and no cluster connected: judged for the newest (${formatVersion(ASSUMED_OCP)}). ` +
    'Set `rhcosLayering.ocpVersion` (or `--ocp-version` for `rhcos-lint`) to judge for your cluster.'
  );
}

/** `severity` is the diagnostic's, which may differ from the rule's default by version. */
export function ruleMarkdown(ruleId: string, docsUri: (id: string) => string, severity?: string, version?: VersionInEffect): string | null {
  const m = ruleById.get(ruleId);
  if (!m) return null;
  const head = `**${m.title}** — \`${m.id}\` (${severity ?? m.severity})`;
  const judged = m.versionDependent && version ? `\n\n${versionLine(version)}` : '';
  return `${head}\n\n${m.why}${judged}\n\nSource: ${m.source}\n\n[Rule documentation](${docsUri(m.id)})`;
}

export function hover(
  text: string,
  pos: Position,
  diagnostics: Diagnostic[],
  docsUri: (id: string) => string,
  version?: VersionInEffect,
): HoverResult | null {
  const hits = diagnostics.filter((d) => comparePositions(d.range.start, pos) <= 0 && comparePositions(pos, d.range.end) <= 0);
  if (hits.length) {
    // Editors show the diagnostic's message themselves; the hover adds the rule behind it.
    const parts = [...new Set(hits.map((d) => d.ruleId))].map(
      (id) => ruleMarkdown(id, docsUri, hits.find((d) => d.ruleId === id)!.severity, version) ?? '',
    );
    return { markdown: parts.join('\n\n---\n\n'), range: hits[0]!.range };
  }
  const index = new LineIndex(text);
  const line = index.lineText(pos.line);
  const word = wordAt(line, pos.character);
  if (!word) return null;
  const range = { start: { line: pos.line, character: word.start }, end: { line: pos.line, character: word.end } };
  const before = line.slice(0, word.start);
  if (word.text === 'rpm-ostree')
    return {
      markdown:
        '**rpm-ostree** — the hybrid image/package system of RHCOS. In a layering Containerfile use ' +
        '`install`, `override replace|remove` and `cleanup -m` (and, up to 4.15 only, `cliwrap install-to-root ' +
        '/` before a kernel replacement).',
      range,
    };
  if (afterRpmOstreeFlags(before)) {
    const c = RPM_OSTREE_COMMANDS.find((x) => x.name === word.text);
    if (c)
      return {
        markdown: `**rpm-ostree ${c.name}** — ${c.summary}${c.container ? '' : '\n\nThis command fails in a container build.'}`,
        range,
      };
  }
  if (word.text === 'ostree' || (/\bostree\s+(container\s+)?$/.test(before) && (word.text === 'container' || word.text === 'commit'))) {
    return { markdown: `**ostree container commit** — ${OSTREE_CONTAINER_COMMIT}`, range };
  }
  if (word.text === 'bootc' || (/\bbootc\s+(container\s+)?$/.test(before) && (word.text === 'container' || word.text === 'lint'))) {
    return { markdown: `**bootc container lint** — ${BOOTC_CONTAINER_LINT}`, range };
  }
  return null;
}

/**
 * Whether `before` ends with `rpm-ostree`, blanks and options only (`rpm-ostree --quiet -y `). A token walk:
 * `rpm-ostree\s+(?:--?\S+\s+)*$` splits every `--x` two ways and backtracks exponentially in the options.
 */
function afterRpmOstreeFlags(before: string): boolean {
  if (!/\s$/.test(before)) return false;
  const tokens = before.trimEnd().split(/\s+/);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.endsWith('rpm-ostree')) return true;
    if (!(t.startsWith('-') && t.length >= 2)) return false;
  }
  return false;
}

function wordAt(line: string, ch: number): { text: string; start: number; end: number } | null {
  const re = /[A-Za-z0-9_.-]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index <= ch && ch <= m.index + m[0].length) return { text: m[0], start: m.index, end: m.index + m[0].length };
  }
  return null;
}
