/**
 * The import layers of .dependency-cruiser.cjs hold, and no two folders import each other, directly or
 * round a longer loop: a file in a/ importing a/b/ while a file in a/b/ imports one in a/ is the cycle a -> a/b -> a.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ICruiseResult } from 'dependency-cruiser' with { 'resolution-mode': 'import' };

const root = path.resolve(__dirname, '..', '..');
const AREAS = ['client', 'server', 'common', 'test', 'scripts', 'bench'];

async function cruiseRepo(): Promise<ICruiseResult> {
  // dependency-cruiser is ESM only; these tests run as CommonJS under tsx.
  const { cruise } = await import('dependency-cruiser');
  const { default: extractDepcruiseOptions } = await import('dependency-cruiser/config-utl/extract-depcruise-options');
  const { default: extractTSConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
  const options = await extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(path.join(root, 'tsconfig.json'));
  const { output } = await cruise(AREAS, { ...options, baseDir: root }, {}, { tsConfig });
  assert.ok(typeof output === 'object');
  return output;
}

const result = cruiseRepo();

test('no import breaks a layer rule of .dependency-cruiser.cjs', async () => {
  const { violations } = (await result).summary;
  const lines = violations.map((v) => `${v.rule.name}: ${[v.from, ...(v.cycle?.map((c) => c.name) ?? [v.to])].join(' -> ')}`);
  assert.deepEqual(lines, []);
});

/** Folder -> folder -> one import that makes the edge (for the message). */
function folderGraph(r: ICruiseResult): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const ours = (p: string) => !p.startsWith('node_modules/');
  for (const m of r.modules) {
    if (m.coreModule || m.couldNotResolve || !ours(m.source)) continue;
    for (const d of m.dependencies) {
      const [from, to] = [path.posix.dirname(m.source), path.posix.dirname(d.resolved)];
      if (d.coreModule || d.couldNotResolve || !ours(d.resolved) || from === to) continue;
      const edges = graph.get(from) ?? graph.set(from, new Map()).get(from)!;
      if (!edges.has(to)) edges.set(to, `${m.source} imports ${d.resolved}`);
    }
  }
  return graph;
}

/** The strongly connected components with more than one folder (Tarjan). */
function loops(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) visit(w);
      if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, low.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc = stack.splice(stack.indexOf(v));
    if (scc.length > 1) found.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** One cycle through `start` inside its component, as folders, with the import behind each step. */
function cycleThrough(graph: Map<string, Map<string, string>>, scc: string[], start: string): string {
  const back = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!scc.includes(w) || back.has(w)) continue;
      back.set(w, v);
      if (w === start) queue.length = 0;
      else queue.push(w);
    }
  }
  const steps: string[] = [];
  for (let w = start, v = back.get(w)!; ; w = v, v = back.get(v)!) {
    steps.unshift(`  ${v} -> ${w}  (${graph.get(v)!.get(w)})`);
    if (v === start) break;
  }
  return steps.join('\n');
}

test('no cycle between folders', async () => {
  const graph = folderGraph(await result);
  const cycles = loops(graph).map((scc) => `${scc.join(', ')}:\n${cycleThrough(graph, scc, scc[0]!)}`);
  assert.equal(cycles.length, 0, `folders that import each other:\n${cycles.join('\n')}`);
});
