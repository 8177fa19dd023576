/**
 * The index worker: reads workspace files and extracts their facts off the server's main thread, so
 * that parsing a 2 MB rendered MachineConfig or a large Containerfile somewhere in the workspace never
 * holds up diagnostics, completion or hover of the document being edited (issue 16).
 * Messages in: { id, file, label }; out: { id, facts } (facts null: no facts from that file).
 */
import * as os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { readFacts } from './factsReader';

/**
 * The worker gives way to the main thread: on Linux a thread's nice value is its own (setpriority on the calling
 * thread), so this thread yields the core to an edit's lint on a busy 2-core machine while the server's main
 * thread keeps its priority. Elsewhere (or without permission) it may apply to the process or fail: then nothing.
 */
export const WORKER_NICE = 10;

const port = parentPort;
if (port) {
  if (process.platform === 'linux') {
    try {
      os.setPriority(WORKER_NICE);
    } catch {
      // not allowed here: the worker runs at the server's priority, as before
    }
  }
  port.on('message', (m: { id: number; file: string; label: string }) => {
    void readFacts(m.file, m.label).then(
      (facts) => port.postMessage({ id: m.id, facts }),
      () => port.postMessage({ id: m.id, facts: null }),
    );
  });
}
