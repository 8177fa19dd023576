/**
 * Workspace facts are read in the index worker (server/src/indexWorker.ts), after the first diagnostics:
 * a Containerfile opened at start is linted at once, then linted again with the MachineConfigs the index
 * found; a file event updates the facts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { start, messageText } from '../harness/lspClient';

const BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
const MC = `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-usbguard
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  extensions: [usbguard]
`;

test('facts from the workspace index arrive after the first diagnostics and follow file events', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-index-'));
  // Files the index must read past: a large rendered MachineConfig without extensions, a large Containerfile.
  fs.writeFileSync(path.join(dir, 'mc.yaml'), MC);
  fs.writeFileSync(
    path.join(dir, 'rendered.yaml'),
    MC.replace('99-worker-usbguard', 'rendered-worker').replace('  extensions: [usbguard]\n', `  osImageURL: ${BASE}\n`) +
      '# ' +
      'x'.repeat(1_000_000) +
      '\n',
  );
  fs.mkdirSync(path.join(dir, 'big'));
  fs.writeFileSync(path.join(dir, 'big', 'Containerfile'), `FROM ${BASE}\n` + 'RUN echo a && echo b\n'.repeat(3000));
  const s = await start({ ocpVersion: '4.16', rules: {} }, { root: dir });
  try {
    const file = path.join(dir, 'Containerfile');
    const uri = pathToFileURL(file).toString();
    const text = `FROM ${BASE}\nRUN rpm-ostree install usbguard && ostree container commit\n`;
    const conflicts = (p: { diagnostics: { code?: unknown; message: string | { value: string } }[] }) =>
      p.diagnostics.filter((d) => d.code === 'rpm-conflicts-machineconfig').map(messageText);
    const first = s.diagnostics(uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    const before = conflicts(await first);
    assert.equal(before.length, 1, 'the rule reports the extension RPM at once');
    // Once indexed, the message names the MachineConfig that enables the extension.
    let named: string[] = before;
    for (let i = 0; i < 5 && !named[0]!.includes('99-worker-usbguard'); i++) named = conflicts(await s.diagnostics(uri, 1));
    assert.match(named[0]!, /MachineConfig `99-worker-usbguard` \(mc\.yaml\) already enables `usbguard`/);
    await s.status((x) => !x.indexing);

    // The MachineConfig is deleted: the next lint no longer names it.
    fs.rmSync(path.join(dir, 'mc.yaml'));
    const after = s.diagnostics(uri, 1);
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, 'mc.yaml')).toString(), type: FileChangeType.Deleted }],
    });
    const gone = conflicts(await after);
    assert.equal(gone.length, 1);
    assert.doesNotMatch(gone[0]!, /99-worker-usbguard/);

    // It comes back with a file event: read again (in the worker), named again.
    fs.writeFileSync(path.join(dir, 'mc.yaml'), MC);
    const again = s.diagnostics(uri, 1);
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, 'mc.yaml')).toString(), type: FileChangeType.Created }],
    });
    assert.match(conflicts(await again)[0]!, /99-worker-usbguard/);
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
