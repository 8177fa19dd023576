/**
 * The server's view of the workspace for cross-file rules: facts from files on disk (scanned once,
 * then kept current from file-watcher events) and from open documents (which win over disk).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { detectKind } from './lint';
import { extractFacts, FileFacts, joinFacts, WorkspaceFacts } from './lint/workspaceFacts';
import { readFacts, type FactsReader } from './factsReader';

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.cache', 'test-output']);
const MAX_FILES = 5000;
/**
 * Files handed to the reader at a time: two keep the worker busy (one parsing, one queued) while the next is
 * found; more would leave a queue the worker keeps parsing after an edit arrives (issue 16).
 */
const IN_FLIGHT = 2;

export class WorkspaceIndex {
  private readonly disk = new Map<string, FileFacts>();
  private readonly open = new Map<string, FileFacts>();

  /**
   * `read` extracts a file's facts: the server passes one that runs in a worker thread (indexWorkerClient.ts).
   * `idle` resolves when the scan may go on: the server's resolves once no lint is pending, so that on a 2-core
   * machine the worker does not take the core an edit's diagnostics need.
   */
  constructor(
    private readonly roots: string[],
    private readonly read: FactsReader = readFacts,
    private readonly idle: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Walks the workspace folders once, reading the files our rules care about; resolves to how many it read. */
  async scan(): Promise<number> {
    let seen = 0;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 8 || seen >= MAX_FILES) return;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (seen >= MAX_FILES) return;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP.has(e.name)) await walk(p, depth + 1);
        } else if (e.isFile() && detectKind(e.name)) {
          seen++;
          await this.idle();
          // A few reads in flight: the worker parses one while the next is read from disk.
          const read: Promise<void> = this.readFile(p).finally(() => inFlight.delete(read));
          inFlight.add(read);
          if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
        }
      }
    };
    const inFlight = new Set<Promise<void>>();
    for (const r of this.roots) await walk(r, 0);
    await Promise.all(inFlight);
    return seen;
  }

  async readFile(file: string): Promise<void> {
    if (!detectKind(file)) return;
    const facts = await this.read(file, this.label(file));
    if (facts) this.disk.set(file, facts);
    else this.disk.delete(file);
  }

  deleted(file: string): void {
    this.disk.delete(file);
  }

  /** Updates an open document's facts; returns which kinds of fact changed (the documents that read them are linted again). */
  setOpen(file: string, text: string): { machineConfigs: boolean; containerfileRpms: boolean } {
    const kind = detectKind(file);
    if (!kind) return { machineConfigs: false, containerfileRpms: false };
    const facts = extractFacts(this.label(file), text, kind);
    const before = this.open.get(file) ?? this.disk.get(file) ?? { machineConfigs: [], containerfileRpms: [] };
    this.open.set(file, facts);
    return {
      machineConfigs: JSON.stringify(before.machineConfigs) !== JSON.stringify(facts.machineConfigs),
      containerfileRpms: JSON.stringify(before.containerfileRpms) !== JSON.stringify(facts.containerfileRpms),
    };
  }

  closed(file: string): void {
    this.open.delete(file);
  }

  /** Everything but `file` itself. */
  factsFor(file: string): WorkspaceFacts {
    const all: FileFacts[] = [];
    for (const [p, f] of this.disk) if (!this.open.has(p)) all.push(f);
    for (const f of this.open.values()) all.push(f);
    return joinFacts(all, this.label(file));
  }

  /** A workspace-relative path, for messages. */
  label(file: string): string {
    for (const r of this.roots) {
      const rel = path.relative(r, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    return file;
  }
}
