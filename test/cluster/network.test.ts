/**
 * Restricted networks against the cluster simulator: the API reached only through an HTTP CONNECT
 * proxy (HTTPS_PROXY or VS Code's http.proxy, NO_PROXY honoured), and a CA the kubeconfig does not
 * hold given through rhcosLayering.certificateAuthority. TLS is verified in every case.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { startConnectProxy } from '../harness/connectProxy';
import type { ConnectProxy } from '../harness/connectProxy';
import { Cluster } from '../../client/src/cluster/cluster';
import { bypassed, proxyFor } from '../../client/src/cluster/network';
import { ResourceWatcher } from '../../client/src/cluster/watcher';

/** A name only the proxy can resolve (.test never resolves in DNS): reaching it proves the tunnel was used. */
const HOST = 'api.sim.rhcos-layering.test';
let sim: Simulator;
let proxy: ConnectProxy;
let dir: string;
let port: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-network-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 20 }));
  proxy = await startConnectProxy([HOST]);
  port = new URL(sim.url).port;
});

after(async () => {
  await proxy.stop();
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The simulator's kubeconfig with the server behind a name only the proxy resolves (the certificate is for localhost). */
function behindProxy(extra: (t: string) => string = (t) => t): string {
  const text = fs
    .readFileSync(sim.kubeconfig, 'utf8')
    .replace(/server: \S+/, `server: https://${HOST}:${port}\n    tls-server-name: localhost`);
  const file = path.join(dir, `behind-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, extra(text), { mode: 0o600 });
  return file;
}

const withoutCa = (t: string) => t.replace(/ {4}certificate-authority-data: \S+\n/, '');

test('NO_PROXY as curl and Go read it: names, subdomains, ports, CIDR, *', () => {
  assert.equal(bypassed('api.corp.example', '6443', ['corp.example']), true);
  assert.equal(bypassed('api.corp.example', '6443', ['.corp.example']), true);
  assert.equal(bypassed('api.corp.example', '6443', ['*.corp.example']), true);
  assert.equal(bypassed('notcorp.example', '6443', ['corp.example']), false);
  assert.equal(bypassed('api.corp.example', '6443', ['api.corp.example:443']), false, 'another port');
  assert.equal(bypassed('api.corp.example', '6443', ['api.corp.example:6443']), true);
  assert.equal(bypassed('10.1.2.3', '6443', ['10.0.0.0/8']), true);
  assert.equal(bypassed('11.1.2.3', '6443', ['10.0.0.0/8']), false);
  assert.equal(bypassed('anything', '1', [' * ']), true);
  assert.equal(bypassed('api.corp.example', '6443', ['', ' ']), false);
});

test('proxy choice: http.proxy, then HTTPS_PROXY (HTTP_PROXY for http://), never for NO_PROXY or loopback', () => {
  const env = { HTTPS_PROXY: 'proxy.corp:3128', http_proxy: 'http://plain.corp:80', NO_PROXY: '.internal' };
  assert.deepEqual(proxyFor('https://api.c1.example:6443', { env }), { url: 'http://proxy.corp:3128', from: 'HTTPS_PROXY' });
  assert.deepEqual(proxyFor('http://api.c1.example:8080', { env }), { url: 'http://plain.corp:80', from: 'HTTP_PROXY' });
  assert.deepEqual(proxyFor('https://api.c1.example:6443', { env, httpProxy: 'http://vscode.corp:8080' }), {
    url: 'http://vscode.corp:8080',
    from: 'the setting http.proxy',
  });
  assert.equal(proxyFor('https://api.c1.internal:6443', { env, httpProxy: 'http://vscode.corp:8080' }), undefined, 'NO_PROXY');
  assert.equal(proxyFor('https://api.c1.example:6443', { env, noProxy: ['c1.example'] }), undefined, 'http.noProxy');
  assert.equal(proxyFor('https://127.0.0.1:6443', { env }), undefined, 'loopback is never proxied');
  assert.equal(proxyFor('https://localhost:6443', { env }), undefined);
  assert.equal(proxyFor('https://api.c1.example:6443', { env: {} }), undefined);
});

test('HTTPS_PROXY: lists and watches go through the CONNECT proxy, with TLS verified end to end', async () => {
  const src = { explicit: behindProxy() };
  const direct = await Cluster.connect(src, undefined, { network: { env: {} } });
  await assert.rejects(direct.list('nodes'), /Cannot reach the API server at https:\/\/api\.sim\.rhcos-layering\.test:\d+ \(ENOTFOUND\)/);
  const before = proxy.connects.length;
  const c = await Cluster.connect(src, undefined, { network: { env: { HTTPS_PROXY: proxy.url } } });
  assert.deepEqual(c.network.proxy, { url: proxy.url, from: 'HTTPS_PROXY' });
  assert.equal((await c.list('nodes')).items.length, 6);
  assert.ok(
    proxy.connects.slice(before).includes(`${HOST}:${port}`),
    `the proxy saw CONNECT ${HOST}:${port}: ${proxy.connects.join(', ')}`,
  );

  const seen: string[] = [];
  const w = new ResourceWatcher(
    c,
    'machineconfigpools',
    { onList: (_k, items) => seen.push(`list ${items.length}`), onEvent: (_k, type, o) => seen.push(`${type} ${o.metadata.name}`) },
    { timeoutSeconds: 5, minBackoffMs: 50 },
  ).start();
  try {
    const end = Date.now() + 15_000;
    while (!seen.includes('list 2') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.ok(seen.includes('list 2'), `the watch listed the pools through the proxy: ${seen.join(', ')}`);
    sim.store.mutate('machineconfigpools', 'worker', (p) => ((p.metadata.labels = { ...p.metadata.labels, proxied: 'yes' }), p));
    while (!seen.includes('MODIFIED worker') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.ok(seen.includes('MODIFIED worker'), `a watch event came through the proxy: ${seen.join(', ')}`);
  } finally {
    w.stop();
  }
  c.close();
});

test("VS Code's http.proxy is used, NO_PROXY skips it, and the kubeconfig's proxy-url wins over both", async () => {
  const src = { explicit: behindProxy() };
  const before = proxy.connects.length;
  const c = await Cluster.connect(src, undefined, { network: { env: {}, httpProxy: proxy.url } });
  assert.equal((await c.list('machineconfigpools')).items.length, 2);
  assert.equal(proxy.connects.length - before, 1);

  const skipped = await Cluster.connect(src, undefined, { network: { env: { NO_PROXY: 'rhcos-layering.test' }, httpProxy: proxy.url } });
  assert.equal(skipped.network.proxy, undefined);
  await assert.rejects(skipped.list('nodes'), /ENOTFOUND/);

  const own = { explicit: behindProxy((t) => t.replace(/( {4}tls-server-name: localhost\n)/, `$1    proxy-url: ${proxy.url}\n`)) };
  const k = await Cluster.connect(own, undefined, { network: { env: {}, httpProxy: 'http://127.0.0.1:9' } });
  assert.deepEqual(k.network.proxy, { url: proxy.url, from: 'the kubeconfig (proxy-url)' });
  assert.equal((await k.list('nodes')).items.length, 6);
});

test('rhcosLayering.certificateAuthority: a CA the kubeconfig does not hold makes TLS verify; without it a clear TLS message', async () => {
  const noCa = { explicit: path.join(dir, 'noca') };
  fs.writeFileSync(noCa.explicit, withoutCa(fs.readFileSync(sim.kubeconfig, 'utf8')), { mode: 0o600 });
  const plain = await Cluster.connect(noCa);
  await assert.rejects(
    plain.list('nodes'),
    /TLS verification of https:\/\/127\.0\.0\.1:\d+ failed .*rhcosLayering\.certificateAuthority.*verification is never turned off/,
  );
  const caFile = path.join(dir, 'sim-ca.pem');
  fs.writeFileSync(caFile, `# the simulator's CA\n${sim.tls!.cert}`);
  const c = await Cluster.connect(noCa, undefined, { network: { env: {}, certificateAuthority: caFile } });
  assert.equal(c.network.certificateAuthority, caFile);
  assert.equal((await c.list('nodes')).items.length, 6);

  // Added to, not instead of, the kubeconfig's own CA: a kubeconfig that holds the CA keeps working with any extra CA.
  const other = path.join(dir, 'other-ca.pem');
  fs.writeFileSync(other, fs.readFileSync(caFile, 'utf8').replace(sim.tls!.cert, otherCertificate()));
  const both = await Cluster.connect({ explicit: sim.kubeconfig }, undefined, { network: { env: {}, certificateAuthority: other } });
  assert.equal((await both.list('machineconfigpools')).items.length, 2);
  // And a CA that is not the server's does not make it trusted.
  const wrong = await Cluster.connect(noCa, undefined, { network: { env: {}, certificateAuthority: other } });
  await assert.rejects(wrong.list('nodes'), /TLS verification of .* failed/);

  // Through the proxy as well: the CA is checked on the tunnelled connection.
  const proxied = await Cluster.connect({ explicit: behindProxy(withoutCa) }, undefined, {
    network: { env: { https_proxy: proxy.url }, certificateAuthority: caFile },
  });
  assert.equal((await proxied.list('nodes')).items.length, 6);
});

test('a CA file that is missing or holds no certificate is refused with what to fix, before any request', async () => {
  const src = { explicit: sim.kubeconfig };
  await assert.rejects(
    Cluster.connect(src, undefined, { network: { certificateAuthority: path.join(dir, 'absent.pem') } }),
    /certificate authority file .*absent\.pem \(rhcosLayering\.certificateAuthority\) cannot be read: it does not exist\. Fix the path, or clear the setting\./,
  );
  const junk = path.join(dir, 'junk.pem');
  fs.writeFileSync(junk, 'not a certificate\n');
  await assert.rejects(
    Cluster.connect(src, undefined, { network: { certificateAuthority: junk } }),
    /holds no PEM certificate \("-----BEGIN CERTIFICATE-----"\)/,
  );
  fs.writeFileSync(junk, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  await assert.rejects(
    Cluster.connect(src, undefined, { network: { certificateAuthority: junk } }),
    /Certificate 1 of 1 in .*junk\.pem \(rhcosLayering\.certificateAuthority\) is not a valid X\.509 certificate/,
  );
});

/** A second self-signed CA (another simulator's), which does not sign this simulator's certificate. */
function otherCertificate(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-other-ca-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path.join(d, 'k'),
      '-out',
      path.join(d, 'c'),
      '-days',
      '1',
      '-subj',
      '/CN=other',
    ],
    { stdio: 'ignore' },
  );
  const cert = fs.readFileSync(path.join(d, 'c'), 'utf8');
  fs.rmSync(d, { recursive: true, force: true });
  return cert;
}
