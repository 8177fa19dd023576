/**
 * The index worker: reads workspace files and extracts their facts off the server's main thread, so
 * that parsing a 2 MB rendered MachineConfig or a large Containerfile somewhere in the workspace never
 * holds up diagnostics, completion or hover of the document being edited (issue 16).
 * Messages in: { id, file, label }; out: { id, facts } (facts null: no facts from that file).
 */
import { parentPort } from 'node:worker_threads';
import { readFacts } from './factsReader';

const port = parentPort;
if (port) {
  port.on('message', (m: { id: number; file: string; label: string }) => {
    void readFacts(m.file, m.label).then(
      (facts) => port.postMessage({ id: m.id, facts }),
      () => port.postMessage({ id: m.id, facts: null }),
    );
  });
}
