/**
 * Facts about other files of the workspace that cross-file rules need. The caller (server or CLI)
 * reads the files and passes the facts in; the engine itself reads nothing.
 */
import { buildYamlModel, get } from '../machineconfig/model';
import { nameOf, owned, roleOf } from '../machineconfig/queries';
import { buildModel, lastModel } from '../containerfile/model';
import { osInstalls } from '../containerfile/queries';
import type { DocumentKind, WorkspaceFacts } from '../core/types';
import { MAX_LINT_CHARS } from './limits';
import { CONTAINERFILE_WORK_BUDGET, containerfileWork } from './budget';

export type FileFacts = WorkspaceFacts;
export type { WorkspaceFacts };

export function extractFacts(file: string, text: string, kind: DocumentKind): FileFacts {
  const facts: FileFacts = { machineConfigs: [], containerfileRpms: [] };
  // The limit lint has: a file too large to lint is too large to parse for facts.
  if (text.length > MAX_LINT_CHARS) return facts;
  try {
    if (kind === 'yaml') {
      if (!/machineconfig/i.test(text)) return facts;
      const model = buildYamlModel(text);
      for (const d of owned(model, 'MachineConfigPool')) {
        const stream = get(d.value, ['spec', 'osImageStream', 'name']);
        const selector = get(d.value, ['spec', 'machineConfigSelector']);
        (facts.pools ??= []).push({
          file,
          name: nameOf(d),
          ...(typeof stream === 'string' && stream ? { stream } : {}),
          ...(selector !== undefined ? { machineConfigSelector: selector } : {}),
        });
      }
      for (const d of owned(model, 'MachineConfig')) {
        const url = get(d.value, ['spec', 'osImageURL']);
        const ext = get(d.value, ['spec', 'extensions']);
        const pool = roleOf(d);
        facts.machineConfigs.push({
          file,
          name: nameOf(d),
          ...(pool ? { pool } : {}),
          ...(typeof url === 'string' && url ? { osImageURL: url } : {}),
          extensions: Array.isArray(ext) ? ext.filter((x): x is string => typeof x === 'string') : [],
        });
      }
    } else {
      // The open document's facts come right after its lint, from the same text: its model is reused. Else the
      // budget lint has: a Containerfile too costly to lint is too costly to parse for facts.
      let model = lastModel(text);
      if (!model) {
        if (containerfileWork(text).units > CONTAINERFILE_WORK_BUDGET) return facts;
        model = buildModel(text);
      }
      for (const i of osInstalls(model)) {
        facts.containerfileRpms.push({ file, rpm: i.pkg.name, line: model.index.positionAt(i.run.base + i.word.start).line });
      }
    }
  } catch {
    // Facts are best effort: a file that does not parse contributes none.
  }
  return facts;
}

/** Joins per-file facts, leaving out one file (the document being linted, whose own content is used). */
export function joinFacts(perFile: Iterable<FileFacts>, except?: string): WorkspaceFacts {
  const out: WorkspaceFacts = { machineConfigs: [], containerfileRpms: [], pools: [] };
  for (const f of perFile) {
    for (const m of f.machineConfigs) if (m.file !== except) out.machineConfigs.push(m);
    for (const r of f.containerfileRpms) if (r.file !== except) out.containerfileRpms.push(r);
    for (const p of f.pools ?? []) if (p.file !== except) out.pools!.push(p);
  }
  return out;
}

/**
 * Every file's facts joined once; `forFile(f)` is everything but `f`'s own. A file that contributes
 * nothing gets the shared arrays, so n files cost one join, not n.
 */
export function indexFacts(perFile: Map<string, FileFacts>): { forFile(file: string): WorkspaceFacts } {
  const all = joinFacts(perFile.values());
  return {
    forFile(file) {
      const own = perFile.get(file);
      if (!own || (own.machineConfigs.length === 0 && own.containerfileRpms.length === 0 && !own.pools?.length)) return all;
      return joinFacts([all], file);
    },
  };
}
