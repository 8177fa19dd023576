/**
 * With vscode-yaml active, the client gives it our schemas by content as well as by file name, so it
 * reports their schema and syntax errors; the server then leaves those two rules out for such files
 * (one diagnostic, not two) and keeps every other rule. Without vscode-yaml it reports them itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../harness/lspClient';

const MC = `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-ssh
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  kernelArguments: nosmt
  kernelType: fast
`;

async function codes(yamlExtensionActive: boolean, uri: string, text: string): Promise<string[]> {
  const s = await start({ ocpVersion: '4.16', rules: {} }, { initializationOptions: { yamlExtensionActive } });
  try {
    const published = s.diagnostics(uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return (await published).diagnostics.map((d) => String(d.code)).sort();
  } finally {
    await s.close();
  }
}

test('99-worker-ssh.yaml: vscode-yaml has the MachineConfig schema by content, so mc-schema is not reported twice', async () => {
  const uri = 'file:///w/cluster/99-worker-ssh.yaml';
  assert.ok((await codes(false, uri, MC)).includes('mc-schema'), 'without vscode-yaml the server reports the schema error');
  const withYaml = await codes(true, uri, MC);
  assert.ok(!withYaml.includes('mc-schema'), 'with vscode-yaml it is left to vscode-yaml');
  assert.ok(withYaml.includes('mc-kernel-type'), 'the other rules still run');
});
