/**
 * A failed on-cluster build in Problems, like the local build's problem matcher: the failing STEP on its
 * line in the MachineOSConfig YAML open or in the workspace, else in a Containerfile with the same content,
 * else in MCO's generated Containerfile (read-only). One diagnostic per pool; the pool's next successful
 * build clears it.
 */
import { Diagnostic, DiagnosticSeverity, languages, Range, Uri, workspace } from 'vscode';
import type { DiagnosticCollection } from 'vscode';
import type { BuildFeed } from '../cluster/buildFeed';
import type { BuildView } from '../cluster/builds';
import { generatedContainerfile, lastAttemptLog } from '../cluster/buildLog';
import { locateFailure, sameContent, yamlPlace } from '../cluster/buildProblems';
import { plain } from '../../../common/plainText';

export const BUILD_SCHEME = 'rhcos-build';
export const BUILD_SOURCE = 'rhcos-build';

let collection: DiagnosticCollection | undefined;
const byPool = new Map<string, Uri>();

export function buildDiagnostics(): DiagnosticCollection {
  collection ??= languages.createDiagnosticCollection(BUILD_SOURCE);
  return collection;
}

/** The read-only generated Containerfile of a build. */
export function generatedUri(mosb: string): Uri {
  return Uri.from({ scheme: BUILD_SCHEME, path: `/${mosb}/Containerfile` });
}

async function texts(glob: string, max: number): Promise<{ uri: Uri; text: string }[]> {
  const open = workspace.textDocuments.filter((d) => d.uri.scheme === 'file' || d.uri.scheme === 'untitled');
  const seen = new Set(open.map((d) => d.uri.toString()));
  const out = open.map((d) => ({ uri: d.uri, text: d.getText() }));
  for (const uri of await workspace.findFiles(glob, '**/node_modules/**', max)) {
    if (seen.has(uri.toString())) continue;
    out.push({ uri, text: new TextDecoder().decode(await workspace.fs.readFile(uri)) });
  }
  return out;
}

/** Where to show the failing line: the MOSC YAML, a Containerfile with the same content, or the generated one. */
async function place(mosc: string, content: string, contentLine: number | null, mosb: string, generatedLine: number | null) {
  if (contentLine !== null) {
    for (const f of await texts('**/*.{yaml,yml}', 500)) {
      if (!f.text.includes('MachineOSConfig')) continue;
      const p = yamlPlace(f.text, contentLine, { name: mosc, content });
      if (p) return { uri: f.uri, range: new Range(p.line, p.startCol, p.line, p.endCol) };
    }
    for (const f of await texts('**/{Containerfile,Dockerfile,*.Containerfile,*.containerfile,Containerfile.*,*.Dockerfile}', 500)) {
      if (!sameContent(f.text, content)) continue;
      const line = f.text.split(/\r?\n/)[contentLine] ?? '';
      const indent = line.length - line.trimStart().length;
      return { uri: f.uri, range: new Range(contentLine, indent, contentLine, line.trimEnd().length) };
    }
  }
  if (generatedLine !== null) return { uri: generatedUri(mosb), range: new Range(generatedLine, 0, generatedLine, 1_000) };
  return undefined;
}

/** Puts the failing step of build `b` in Problems; returns where, or undefined when the log shows no failing step. */
export async function reportFailedBuild(feed: BuildFeed, b: BuildView): Promise<Uri | undefined> {
  const cluster = feed.cluster;
  const mosc = feed.model.moscOf(b.pool);
  if (!cluster) return undefined;
  const [lines, generated] = await Promise.all([lastAttemptLog(cluster, b.name, b.job), generatedContainerfile(cluster, b.name)]);
  const content = mosc?.content ?? '';
  const f = locateFailure(lines, content, generated ?? undefined);
  if (!f) return undefined;
  const where = await place(mosc?.name ?? b.mosc, content, f.contentLine, b.name, f.generatedLine);
  if (!where) return undefined;
  clearBuildProblems(b.pool);
  const d = new Diagnostic(
    where.range,
    plain(
      `On-cluster build ${b.name} of pool ${b.pool} failed at this step (${f.step.stage ? `[${f.step.stage}/${f.step.stages}] ` : ''}STEP ${f.step.n}/${f.step.m}): ${f.error}`,
    ),
    DiagnosticSeverity.Error,
  );
  d.source = BUILD_SOURCE;
  d.code = b.name;
  buildDiagnostics().set(where.uri, [...(buildDiagnostics().get(where.uri) ?? []), d]);
  byPool.set(b.pool, where.uri);
  return where.uri;
}

export function clearBuildProblems(pool: string): void {
  const uri = byPool.get(pool);
  if (!uri || !collection) return;
  collection.set(
    uri,
    (collection.get(uri) ?? []).filter((d) => !String(d.message).includes(`of pool ${pool} `)),
  );
  byPool.delete(pool);
}
