import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { messageText, start, Session } from '../harness/lspClient';

let s: Session;
before(async () => {
  s = await start({ ocpVersion: '4.16', rules: {} });
});
after(async () => {
  await s.close();
});

const MC = `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: os-layer-custom
spec:
  kernelType: realtme
  extensions:
    - usbguard
    - kerberos5
`;

function open(uri: string, text: string) {
  return s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
}

test('a MachineConfig YAML gets MCO diagnostics; fixes replace and remove', async () => {
  const uri = 'file:///work/mc/os-layer.yaml';
  const wait = s.diagnostics(uri, 1);
  await open(uri, MC);
  const p = await wait;
  assert.deepEqual(
    p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
    [
      ['mc-role-label', 3, 8],
      ['mc-kernel-type', 5, 14],
      ['mc-unknown-extension', 8, 6],
    ],
  );
  const ext = p.diagnostics[2]!;
  const actions = await s.conn.sendRequest<{ title: string }[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: ext.range,
    context: { diagnostics: [ext] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Change to kerberos', 'Remove this extension', 'Ignore mc-unknown-extension for this instruction'],
  );
  const role = p.diagnostics[0]!;
  const roleActions = await s.conn.sendRequest<{ title: string }[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: role.range,
    context: { diagnostics: [role] },
  });
  assert.deepEqual(
    roleActions.slice(0, 2).map((a) => a.title),
    ['Add label machineconfiguration.openshift.io/role: worker', 'Add label machineconfiguration.openshift.io/role: master'],
  );
});

test('YAML files that are not ours get no diagnostics at all', async () => {
  const uri = 'file:///work/other/deploy.yaml';
  const wait = s.diagnostics(uri, 1);
  await open(uri, 'apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: [\n');
  assert.deepEqual((await wait).diagnostics, []);
});

test('billion laughs, deep nesting and huge scalars end in bounded time with a clear message', async () => {
  const laughs = [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata: {name: x}',
    'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ];
  for (let i = 1; i < 10; i++)
    laughs.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  const uri = 'file:///work/bad/laughs.yaml';
  const wait = s.diagnostics(uri, 1);
  const t0 = Date.now();
  await open(uri, laughs.join('\n') + '\n');
  const p = await wait;
  assert.ok(Date.now() - t0 < 5000);
  assert.match(messageText(p.diagnostics[0]!), /YAML: .*alias/i);
  const deep =
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata: {name: x}\nspec: ' +
    '['.repeat(5000) +
    ']'.repeat(5000) +
    '\n';
  const uri2 = 'file:///work/bad/deep.yaml';
  const wait2 = s.diagnostics(uri2, 1);
  await open(uri2, deep);
  assert.ok((await wait2).diagnostics.length >= 1);
  const huge =
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\n  labels: {machineconfiguration.openshift.io/role: worker}\nspec:\n  osImageURL: "' +
    'a'.repeat(2_000_000) +
    '"\n';
  const uri3 = 'file:///work/bad/huge.yaml';
  const wait3 = s.diagnostics(uri3, 1);
  await open(uri3, huge);
  assert.deepEqual(
    (await wait3).diagnostics.map((d) => d.code),
    ['mc-osimageurl-not-pinned'],
  );
});

test('cross-file facts from open documents reach the other documents', async () => {
  const mine = await start({});
  try {
    const s = mine;
    const open = (uri: string, text: string) =>
      s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const cf = 'file:///work/x/Containerfile';
    const mcUri = 'file:///work/x/usbguard.yaml';
    const w1 = s.diagnostics(cf, 1);
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: cf,
        languageId: 'dockerfile',
        version: 1,
        text:
          'FROM quay.io/a/b@sha256:' +
          'a'.repeat(64) +
          '\nRUN rpm-ostree install usbguard && rpm-ostree cleanup -m && ostree container commit\n',
      },
    });
    await w1;
    const mcText =
      'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 80-usbguard\n  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n  extensions: [usbguard]\n';
    // The MachineConfig is linted at once, and again when the Containerfile's facts arrive.
    await open(mcUri, mcText);
    let message = '';
    for (let i = 0; i < 10 && !message.includes('80-usbguard'); i++) {
      const first = (await s.diagnostics(cf, 1)).diagnostics[0];
      message = first ? messageText(first) : '';
    }
    assert.match(message, /MachineConfig `80-usbguard` \(\/work\/x\/usbguard\.yaml\) already enables `usbguard`/);
  } finally {
    await mine.close();
  }
});
