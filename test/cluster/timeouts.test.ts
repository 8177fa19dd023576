/** Every request has a deadline and a cancel: a server that accepts TCP and never answers, and a connection being replaced. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { silentServer } from '../harness/silentServer';
import type { SilentServer } from '../harness/silentServer';
import { Cluster } from '../../client/src/cluster/cluster';
import { layerMachineConfig } from '../../client/src/cluster/apply';

let sim: Simulator;
let silent: SilentServer;
let hung: string;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-timeouts-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig') }));
  silent = await silentServer();
  hung = path.join(dir, 'hung');
  // The simulator's CA and token, a server that never answers: nothing here turns TLS verification off.
  fs.writeFileSync(hung, fs.readFileSync(sim.kubeconfig, 'utf8').replace(/server: \S+/, `server: https://127.0.0.1:${silent.port}`));
});

after(async () => {
  await silent.close();
  await sim.stop();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, f: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

test('a server that accepts TCP and never answers: list and the dry run fail within their deadline, saying so', async () => {
  const c = await Cluster.connect({ explicit: hung }, undefined, { timeoutMs: 1_000 });
  const t0 = Date.now();
  await assert.rejects(
    c.list('machineconfigpools'),
    new RegExp(
      `The API server at https://127\\.0\\.0\\.1:${silent.port} did not answer within 1 s while trying to list machineconfigpools`,
    ),
  );
  await assert.rejects(c.create(layerMachineConfig('worker', 'quay.io/x/y@sha256:' + 'd'.repeat(64)), true), /did not answer within 1 s/);
  assert.ok(Date.now() - t0 < 20_000, `both failed in ${Date.now() - t0} ms`);
  await until('the sockets to the silent server closed', () => silent.sockets() === 0);
});

test('close() cancels what is in flight at once and closes its sockets', async () => {
  const c = await Cluster.connect({ explicit: hung });
  const pending = c.list('nodes');
  await until('the request reached the server', () => silent.sockets() > 0);
  const t0 = Date.now();
  c.close();
  await assert.rejects(pending, /Cancelled: list nodes/);
  assert.ok(Date.now() - t0 < 2_000);
  await until('the sockets to the silent server closed', () => silent.sockets() === 0);
  await assert.rejects(c.list('nodes'), /Cancelled/, 'a closed connection sends nothing more');
});

test('a server that answers is unaffected by the deadline', async () => {
  const c = await Cluster.connect({ explicit: sim.kubeconfig }, undefined, { timeoutMs: 5_000 });
  assert.equal((await c.list('machineconfigpools')).items.length, 2);
  assert.equal(await c.ocpVersion(), '4.16');
});
