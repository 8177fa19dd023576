/**
 * The index worker (dist/indexWorker.js) lowers its own thread's priority and only its own: the thread that
 * lints edits keeps the server's priority (issue 16). Reads the nice value of each thread from /proc (Linux, as CI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const niceOf = (task: string): number => {
  const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};

test('the index worker thread runs at nice 10 and the main thread keeps its priority', async () => {
  const before = new Set(fs.readdirSync('/proc/self/task'));
  const main = niceOf(String(process.pid));
  // A runner started at nice 10 or above cannot go back to 10 (no privilege): then the worker stays where it is.
  const expected = Math.max(10, main);
  const worker = new Worker(path.join(__dirname, '..', '..', 'dist', 'indexWorker.js'));
  try {
    // Its answer for a file that does not exist: by then the worker has set its priority.
    const reply = await new Promise<{ id: number; facts: unknown }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ id: 7, file: path.join(__dirname, 'no-such-file.yaml'), label: 'no-such-file.yaml' });
    });
    assert.deepEqual(reply, { id: 7, facts: null });
    const lowered = fs.readdirSync('/proc/self/task').filter((t) => !before.has(t) && niceOf(t) === expected);
    assert.equal(lowered.length, 1, `one new thread (the worker) at nice ${expected}`);
    assert.equal(niceOf(String(process.pid)), main, 'the main thread keeps its priority');
  } finally {
    await worker.terminate();
  }
});
