/** The schema vscode-yaml is given for a YAML file by its content (apiVersion/kind), from the bundled schemas' own enums. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chooseSchemas, documentHeads, parseSchemaUri, schemaContent, schemaEntry, schemaUri } from '../../common/schemaChoice';
import type { SchemaEntry } from '../../common/schemaChoice';

const dir = path.join(__dirname, '..', '..', 'schemas');
const read = (id: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, `${id}.schema.json`), 'utf8'));
const entries = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => schemaEntry(f.replace('.schema.json', ''), read(f.replace('.schema.json', ''))))
  .filter((e): e is SchemaEntry => e !== null);

const MC = 'machineconfiguration.openshift.io/v1';
const ssh = `# 99-worker-ssh.yaml, as MCO names them
apiVersion: ${MC}
kind: MachineConfig
metadata:
  name: 99-worker-ssh
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  config:
    ignition:
      version: 3.4.0
`;

test('every bundled schema declares its kind and apiVersions, so the choice needs no list of its own', () => {
  assert.deepEqual(entries.map((e) => e.id).sort(), [
    'machineconfig',
    'machineconfigpool',
    'machineconfiguration',
    'machineosconfig',
    'pinnedimageset',
  ]);
  assert.deepEqual(entries.find((e) => e.id === 'machineosconfig')?.apiVersions, [MC, 'machineconfiguration.openshift.io/v1alpha1']);
});

test('a MachineConfig named 99-worker-ssh.yaml gets the MachineConfig schema by content', () => {
  assert.deepEqual(chooseSchemas(ssh, entries), ['machineconfig']);
  assert.equal(schemaUri(['machineconfig']), 'rhcoslayering://schema/machineconfig');
  const content = JSON.parse(schemaContent('rhcoslayering://schema/machineconfig', read)!) as { title: string };
  assert.equal(content.title, 'MachineConfig (machineconfiguration.openshift.io/v1)');
});

test('pools and MachineOSConfigs (v1 and v1alpha1), quoted values and comments', () => {
  assert.deepEqual(chooseSchemas(`apiVersion: "${MC}"\nkind: 'MachineConfigPool' # infra\nmetadata: {name: infra}\n`, entries), [
    'machineconfigpool',
  ]);
  assert.deepEqual(chooseSchemas(`kind: MachineOSConfig\napiVersion: machineconfiguration.openshift.io/v1alpha1\n`, entries), [
    'machineosconfig',
  ]);
  assert.deepEqual(chooseSchemas(`apiVersion: operator.openshift.io/v1\nkind: MachineConfiguration\n`, entries), ['machineconfiguration']);
});

test('other YAML gets nothing from us: a Deployment, a workflow, a wrong apiVersion, a nested kind, a comment', () => {
  for (const text of [
    'apiVersion: apps/v1\nkind: Deployment\n',
    'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
    'apiVersion: machineconfiguration.openshift.io/v2\nkind: MachineConfig\n',
    `apiVersion: ${MC}\nspec:\n  kind: MachineConfig\n`,
    `# apiVersion: ${MC}\n# kind: MachineConfig\n`,
    `apiVersion: v1\nkind: ConfigMap\ndata:\n  mc.yaml: |\n    apiVersion: ${MC}\n    kind: MachineConfig\n`,
    '',
  ])
    assert.equal(chooseSchemas(text, entries), null, text);
});

test('several documents get a schemaSequence, one entry per document, {} for the ones that are not ours', () => {
  const text = `---\n# a pool and its config\napiVersion: ${MC}\nkind: MachineConfigPool\n---\napiVersion: v1\nkind: Namespace\n--- # the MC\n${ssh}`;
  assert.deepEqual(documentHeads(text), [
    { apiVersion: MC, kind: 'MachineConfigPool' },
    { apiVersion: 'v1', kind: 'Namespace' },
    { apiVersion: MC, kind: 'MachineConfig' },
  ]);
  const ids = chooseSchemas(text, entries)!;
  assert.deepEqual(ids, ['machineconfigpool', null, 'machineconfig']);
  const uri = schemaUri(ids);
  assert.equal(uri, 'rhcoslayering://schema/machineconfigpool+-+machineconfig');
  assert.deepEqual(parseSchemaUri(uri), ids);
  const seq = (JSON.parse(schemaContent(uri, read)!) as { schemaSequence: { title?: string }[] }).schemaSequence;
  assert.deepEqual(
    seq.map((s) => s.title ?? '{}'),
    ['MachineConfigPool (machineconfiguration.openshift.io/v1)', '{}', 'MachineConfig (machineconfiguration.openshift.io/v1)'],
  );
  assert.equal(schemaContent('kubernetes://schema/x', read), undefined, 'another contributor’s URI');
});
