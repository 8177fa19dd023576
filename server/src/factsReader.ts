/**
 * Reads one workspace file from disk and extracts the facts cross-file rules need. Runs in the index
 * worker (indexWorker.ts) for the server, in-thread for the CLI and as the server's fallback.
 */
import { promises as fsp } from 'node:fs';
import { detectKind } from './lint';
import { extractFacts, type FileFacts } from './lint/workspaceFacts';

/** Larger files are not read for facts (rendered MachineConfigs of a few MB are read). */
export const MAX_FACT_FILE_BYTES = 2 * 1024 * 1024;

/** Reads `file` and returns its facts, labelled `label`; null when it is gone, unreadable, too large or of no kind we read. */
export type FactsReader = (file: string, label: string) => Promise<FileFacts | null>;

export const readFacts: FactsReader = async (file, label) => {
  const kind = detectKind(file);
  if (!kind) return null;
  try {
    const st = await fsp.stat(file);
    if (!st.isFile() || st.size > MAX_FACT_FILE_BYTES) return null;
    return extractFacts(label, await fsp.readFile(file, 'utf8'), kind);
  } catch {
    return null;
  }
};
