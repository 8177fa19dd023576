/**
 * A FactsReader that hands the work to the index worker (indexWorker.ts, bundled next to server.js).
 * If the worker cannot start or dies, files are read in-thread as before: facts late, never lost.
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from './lint/workspaceFacts';
import { readFacts, type FactsReader } from './factsReader';

export function workerFactsReader(script: string): FactsReader & { close(): void } {
  let worker: Worker | null = null;
  let failed = !fs.existsSync(script);
  let nextId = 0;
  const pending = new Map<number, { file: string; label: string; resolve: (f: FileFacts | null) => void }>();

  const fallBack = () => {
    failed = true;
    worker = null;
    const left = [...pending.values()];
    pending.clear();
    for (const p of left) void readFacts(p.file, p.label).then(p.resolve);
  };
  const start = (): Worker | null => {
    if (worker || failed) return worker;
    try {
      const w = new Worker(script);
      w.unref();
      w.on('message', (m: { id: number; facts: FileFacts | null }) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        p.resolve(m.facts);
      });
      w.on('error', fallBack);
      w.on('exit', () => {
        if (worker === w) fallBack();
      });
      worker = w;
    } catch {
      failed = true;
    }
    return worker;
  };

  const reader = (file: string, label: string): Promise<FileFacts | null> => {
    const w = start();
    if (!w) return readFacts(file, label);
    return new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, { file, label, resolve });
      w.postMessage({ id, file, label });
    });
  };
  return Object.assign(reader, {
    close() {
      const w = worker;
      worker = null;
      failed = true;
      void w?.terminate();
    },
  });
}
