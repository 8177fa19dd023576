/** A pasted `oc login` command, read as oc reads it, and the token written into the kubeconfig the user chose. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { parseOcLogin, OcLoginError } from '../../client/src/cluster/ocLogin';
import { writeTokenLogin } from '../../client/src/cluster/tokenLogin';
import { Cluster } from '../../client/src/cluster/cluster';
import { startSimulator, options } from '../harness/cluster-sim/main';

const TOKEN = 'sha256~AbCdEf0123456789_-xyzXYZ';
const SERVER = 'https://api.example.openshift.com:6443';

test('the forms a console, a shell history or a chat message give all read the same', () => {
  const forms = [
    `oc login --token=${TOKEN} --server=${SERVER}`,
    `oc login --server=${SERVER} --token=${TOKEN}`,
    `oc login --token ${TOKEN} --server ${SERVER}`,
    `oc login -s ${SERVER} --token=${TOKEN}`,
    `oc login ${SERVER} --token=${TOKEN}`,
    `$ oc login --token='${TOKEN}' --server="${SERVER}"`,
    `oc login "--token=${TOKEN}" '--server=${SERVER}'`,
    `oc login --token=${TOKEN} \\\n  --server=${SERVER}`,
    `  oc login --token=${TOKEN} --server=api.example.openshift.com:6443  `,
    `oc login --token=${TOKEN} --server=${SERVER}/`,
    `/usr/local/bin/oc login --token=${TOKEN} --server=${SERVER} --loglevel 2 --request-timeout=10s`,
    `oc login --token=${TOKEN} --server=HTTPS://api.example.openshift.com:6443`,
    `oc login --token=${TOKEN} --server=${SERVER} --insecure-skip-tls-verify=false`,
  ];
  for (const f of forms) assert.deepEqual(parseOcLogin(f), { server: SERVER, token: TOKEN }, f);
});

test('a host without a port keeps none; a CA file is kept', () => {
  assert.deepEqual(parseOcLogin(`oc login --token=${TOKEN} --server=api.x.example`), { server: 'https://api.x.example', token: TOKEN });
  assert.deepEqual(parseOcLogin(`oc login --token=${TOKEN} --server=${SERVER} --certificate-authority=/etc/ca.pem`), {
    server: SERVER,
    token: TOKEN,
    certificateAuthority: '/etc/ca.pem',
  });
});

test('commands it cannot use are refused with what to do, never quoting the token', () => {
  const cases: [string, RegExp][] = [
    [`oc login --token=${TOKEN} --server=${SERVER} --insecure-skip-tls-verify`, /TLS verification off.*Remove that flag/],
    [`oc login --insecure-skip-tls-verify=true --token=${TOKEN} --server=${SERVER}`, /TLS verification off/],
    [`oc login --token=${TOKEN} --server=http://api.x:6443`, /plain http:\/\/.*https:\/\//],
    [`oc login --token=${TOKEN}`, /no --server/],
    [`oc login --server=${SERVER}`, /no --token/],
    [`oc login -u kubeadmin -p ${TOKEN} --server=${SERVER}`, /Only token logins/],
    [`oc login --token='${TOKEN} --server=${SERVER}`, /unclosed quote/],
    [`kubectl get pods`, /Paste an `oc login/],
    [``, /Paste an `oc login/],
    [`oc login --token=${TOKEN} --server`, /--server has no value/],
    [`oc login --token=${TOKEN} --server=ftp://x`, /not an https:\/\/ URL/],
    [`oc login --token=${TOKEN} --server=https://user:pw@api.x:6443`, /user name or password/],
  ];
  for (const [text, want] of cases) {
    assert.throws(
      () => parseOcLogin(text),
      (e: unknown) => e instanceof OcLoginError && want.test(e.message) && !e.message.includes(TOKEN),
      text,
    );
  }
});

test('the token goes into the chosen kubeconfig as a new user and context, mode 0600, beside what it held', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-oclogin-'));
  const file = path.join(dir, 'kubeconfig');
  const before = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'prod', cluster: { server: SERVER, 'certificate-authority-data': 'Q0E=' } }],
    users: [{ name: 'me', user: { token: 'old' } }],
    contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'me' } }],
    'current-context': 'prod',
  };
  fs.writeFileSync(file, yaml.dump(before), { mode: 0o644 });
  const name = writeTokenLogin(file, { server: SERVER, token: TOKEN });
  assert.equal(name, 'rhcos-layering/api.example.openshift.com-6443');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  const after = yaml.load(fs.readFileSync(file, 'utf8')) as typeof before;
  assert.deepEqual(after.clusters, before.clusters, 'the cluster entry with its CA is reused');
  assert.deepEqual(after.users, [...before.users, { name, user: { token: TOKEN } }]);
  assert.deepEqual(after.contexts, [...before.contexts, { name, context: { cluster: 'prod', user: name } }]);
  assert.equal(after['current-context'], 'prod', 'the current context of other tools is left alone');
  // Logging in again replaces the token, adds nothing.
  writeTokenLogin(file, { server: SERVER, token: 'sha256~second-token-value' });
  const again = yaml.load(fs.readFileSync(file, 'utf8')) as typeof before;
  assert.equal(again.users.length, 2);
  assert.deepEqual(again.users[1], { name, user: { token: 'sha256~second-token-value' } });
  assert.deepEqual(fs.readdirSync(dir), ['kubeconfig'], 'no temporary file left');
});

test('a cluster entry that skips TLS verification is not reused; a missing file is created; a broken one is left alone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-oclogin-'));
  const file = path.join(dir, 'kc');
  fs.writeFileSync(
    file,
    yaml.dump({ clusters: [{ name: 'loose', cluster: { server: SERVER, 'insecure-skip-tls-verify': true } }], users: [], contexts: [] }),
  );
  const name = writeTokenLogin(file, { server: SERVER, token: TOKEN });
  const k = yaml.load(fs.readFileSync(file, 'utf8')) as { clusters: { name: string; cluster: Record<string, unknown> }[] };
  assert.deepEqual(k.clusters[1], { name, cluster: { server: SERVER } });
  const fresh = path.join(dir, 'sub', 'new-kc');
  writeTokenLogin(fresh, { server: SERVER, token: TOKEN });
  assert.equal(fs.statSync(fresh).mode & 0o777, 0o600);
  const broken = path.join(dir, 'broken');
  fs.writeFileSync(broken, 'clusters: [\n');
  assert.throws(() => writeTokenLogin(broken, { server: SERVER, token: TOKEN }), /not valid YAML.*nothing was written/);
  assert.equal(fs.readFileSync(broken, 'utf8'), 'clusters: [\n');
});

test('a pasted login against the simulator connects with TLS verified by the CA of the chosen kubeconfig', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-oclogin-sim-'));
  const sim = await startSimulator(options({ kubeconfig: path.join(dir, 'admin'), nodes: { worker: 1, master: 1 } }));
  try {
    const admin = yaml.load(fs.readFileSync(sim.kubeconfig, 'utf8')) as {
      clusters: { name: string; cluster: { server: string } }[];
      users: { user: { token: string } }[];
    };
    // The user's kubeconfig knows the cluster (with its CA) but its token has expired.
    const chosen = path.join(dir, 'chosen');
    const expired = { ...admin, users: [{ name: 'me', user: { token: 'expired-token-value' } }] };
    fs.writeFileSync(chosen, yaml.dump(expired), { mode: 0o600 });
    const token = admin.users[0]!.user.token;
    const context = writeTokenLogin(chosen, parseOcLogin(`oc login --token=${token} --server=${admin.clusters[0]!.cluster.server}`));
    const c = await Cluster.connect({ explicit: chosen }, context);
    try {
      assert.deepEqual((await c.list('machineconfigpools')).items.map((p) => p.metadata.name).sort(), ['master', 'worker']);
    } finally {
      c.close();
    }
  } finally {
    await sim.stop();
  }
});
