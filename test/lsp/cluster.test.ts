/** The server takes the connected cluster's facts (rhcosLayering/clusterFacts) over real LSP stdio. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, Session } from '../harness/lspClient';

const CLUSTER_BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'c'.repeat(64);
const OTHER = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
let s: Session;

/** Diagnostics publishes for `uri` until one satisfies `pred` (a workspace scan may publish in between). */
async function until(uri: string, pred: (d: { code?: unknown }[]) => boolean, send: () => Promise<void>) {
  let next = s.diagnostics(uri, 1);
  await send();
  for (let i = 0; i < 5; i++) {
    const p = await next;
    if (pred(p.diagnostics)) return p.diagnostics;
    next = s.diagnostics(uri, 1);
  }
  throw new Error('never published the expected diagnostics');
}

before(async () => {
  s = await start({ ocpVersion: '', rules: {} });
});
after(async () => {
  await s.close();
});

test('connected: FROM another build warns, the quick fix inserts the cluster base image; disconnected: silent again', async () => {
  const uri = 'file:///work/cluster/Containerfile';
  const text = `FROM ${OTHER}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`;
  const first = s.diagnostics(uri, 1);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  assert.deepEqual((await first).diagnostics, []);
  const d = await until(
    uri,
    (x) => x.length > 0,
    () =>
      s.conn.sendNotification('rhcosLayering/clusterFacts', {
        context: 'prod',
        baseImage: CLUSTER_BASE,
        ocpVersion: '4.16',
        pools: ['master', 'worker'],
      }),
  );
  assert.deepEqual(
    d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.character]),
    [['from-not-cluster-base', 2, 0, 5, 123]],
  );
  const actions = await s.conn.sendRequest<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>(
    'textDocument/codeAction',
    {
      textDocument: { uri },
      range: d[0]!.range,
      context: { diagnostics: d },
    },
  );
  assert.equal(actions[0]!.title, 'Use the base image of cluster prod');
  assert.equal(actions[0]!.edit.changes[uri]![0]!.newText, CLUSTER_BASE);
  assert.deepEqual(
    await until(
      uri,
      (x) => x.length === 0,
      () => s.conn.sendNotification('rhcosLayering/clusterFacts', null),
    ),
    [],
  );
});

test("a version-dependent rule's hover says which OpenShift version it judged for and where that came from", async () => {
  const uri = 'file:///work/cluster/version/Containerfile';
  const text = `FROM ${OTHER}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m`;
  const hoverText = async () =>
    (
      await s.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 2 },
      })
    )?.contents.value ?? '';
  const first = s.diagnostics(uri, 1);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  assert.ok((await first).diagnostics.some((x) => x.code === 'missing-ostree-commit'));
  assert.match(await hoverText(), /No OpenShift version set and no cluster connected: judged for the newest \(4\.23\)/);
  await until(
    uri,
    (x) => x.some((y) => y.code === 'from-not-cluster-base'),
    () => s.conn.sendNotification('rhcosLayering/clusterFacts', { context: 'prod', baseImage: CLUSTER_BASE, ocpVersion: '5.0' }),
  );
  const connected = await hoverText();
  assert.match(connected, /Judged for OpenShift 5\.0, the version of the connected cluster `prod`/);
  assert.doesNotMatch(connected, /newest/);
  await until(
    uri,
    (x) => !x.some((y) => y.code === 'from-not-cluster-base'),
    () => s.conn.sendNotification('rhcosLayering/clusterFacts', null),
  );
});

test('the server tells the status item which version the rules read and where it came from, and when the workspace is indexed', async () => {
  const fresh = await start({ ocpVersion: '', rules: {} });
  try {
    // No workspace folder: the scan has nothing to read, so it ends at once.
    await fresh.status((x) => x.indexing);
    assert.deepEqual(await fresh.status((x) => !x.indexing), { ocpVersion: '4.23', from: 'assumed', context: null, indexing: false });
    await fresh.conn.sendNotification('rhcosLayering/clusterFacts', { context: 'prod', ocpVersion: '4.18' });
    assert.deepEqual(await fresh.status((x) => x.from === 'cluster'), {
      ocpVersion: '4.18',
      from: 'cluster',
      context: 'prod',
      indexing: false,
    });
    fresh.settings = { ocpVersion: '4.16', rules: {} };
    await fresh.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(await fresh.status((x) => x.from === 'setting'), {
      ocpVersion: '4.16',
      from: 'setting',
      context: 'prod',
      indexing: false,
    });
    const before = fresh.statuses.length;
    await fresh.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await fresh.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///none' }, position: { line: 0, character: 0 } });
    assert.equal(fresh.statuses.length, before, 'nothing changed, nothing sent');
  } finally {
    await fresh.close();
  }
});

test('the server tells the client which open documents are layering Containerfiles and MachineConfigs, for its context keys', async () => {
  const fresh = await start({ ocpVersion: '4.16', rules: {} });
  const roles: { uri: string; layeringContainerfile: boolean; machineConfig: boolean }[] = [];
  fresh.conn.onNotification('rhcosLayering/documentRole', (r: (typeof roles)[number]) => {
    roles.push(r);
  });
  const open = async (uri: string, languageId: string, text: string) => {
    const published = fresh.diagnostics(uri, 1);
    await fresh.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await published;
  };
  try {
    await open('file:///w/layered/Containerfile', 'dockerfile', `FROM ${OTHER}\nRUN rpm-ostree install tree && ostree container commit`);
    await open('file:///w/app/Dockerfile', 'dockerfile', 'FROM registry.access.redhat.com/ubi9/ubi\nRUN dnf install -y python3\n');
    await open('file:///w/mc/99-worker-ssh.yaml', 'yaml', mcYaml);
    await open('file:///w/other/deploy.yaml', 'yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n');
    const cleared = fresh.diagnostics('file:///w/layered/Containerfile');
    await fresh.conn.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///w/layered/Containerfile' } });
    await cleared;
    // A request answered after the close: every notification sent before it has arrived.
    await fresh.conn.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///w/app/Dockerfile' },
      position: { line: 0, character: 0 },
    });
    assert.deepEqual(roles, [
      { uri: 'file:///w/layered/Containerfile', layeringContainerfile: true, machineConfig: false },
      { uri: 'file:///w/mc/99-worker-ssh.yaml', layeringContainerfile: false, machineConfig: true },
      { uri: 'file:///w/layered/Containerfile', layeringContainerfile: false, machineConfig: false },
    ]);
  } finally {
    await fresh.close();
  }
});

const mcYaml = [
  'apiVersion: machineconfiguration.openshift.io/v1',
  'kind: MachineConfig',
  'metadata:',
  '  name: 99-worker-ssh',
  '  labels:',
  '    machineconfiguration.openshift.io/role: worker',
  'spec:',
  '  config:',
  '    ignition:',
  '      version: 3.2.0',
  '',
].join('\n');
