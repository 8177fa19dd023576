/**
 * The workspace scan gives way to edits: it hands a file to the reader only when the server says no lint is
 * pending, and keeps at most two files with the reader, so an edit arriving mid-scan finds the worker nearly idle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import type { FileFacts } from '../../server/src/lint/workspaceFacts';

test('the scan reads no file while a lint is pending and goes on when it is done', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-scan-'));
  for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(dir, `mc${i}.yaml`), 'kind: ConfigMap\n');
  const read: string[] = [];
  let open = 0;
  let mostOpen = 0;
  const reader = async (file: string): Promise<FileFacts | null> => {
    read.push(path.basename(file));
    mostOpen = Math.max(mostOpen, ++open);
    await new Promise((r) => setTimeout(r, 5));
    open--;
    return { machineConfigs: [], containerfileRpms: [] };
  };
  // The "server": busy (a lint pending) until the test lets it go idle.
  let busy = true;
  let wake: () => void = () => {};
  const idle = () => (busy ? new Promise<void>((r) => (wake = r)) : Promise.resolve());
  const index = new WorkspaceIndex([dir], reader, idle);
  const scanned = index.scan();
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(read, [], 'nothing read while the lint is pending');
  busy = false;
  wake();
  assert.equal(await scanned, 6);
  assert.equal(read.length, 6);
  assert.ok(mostOpen <= 2, `at most two files with the reader at once, saw ${mostOpen}`);
  fs.rmSync(dir, { recursive: true, force: true });
});
