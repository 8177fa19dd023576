/** Credentials never shown, and a kubeconfig kubectl refuses is refused: against the cluster simulator over HTTPS. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { Cluster } from '../../client/src/cluster/cluster';

let sim: Simulator;
let dir: string;
let text: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-credentials-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 20 }));
  text = fs.readFileSync(sim.kubeconfig, 'utf8');
});

after(async () => {
  await sim.stop();
});

function write(name: string, t: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, t);
  return f;
}

function kubectl(kc: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', kc, ...args], { encoding: 'utf8', timeout: 60_000 }, (err, _out, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

test('insecure-skip-tls-verify beside a CA is refused as kubectl refuses it, and says what to fix', async () => {
  const kc = write('insecure-and-ca', text.replace(/( {4}certificate-authority-data: \S+\n)/, '$1    insecure-skip-tls-verify: true\n'));
  const k = await kubectl(kc, 'get', 'nodes');
  assert.notEqual(k.code, 0);
  assert.match(k.stderr, /specifying a root certificates file with the insecure flag is not allowed/);
  await assert.rejects(
    Cluster.connect({ explicit: kc }),
    new RegExp(
      'cluster "rhcos-layering-sim" sets both insecure-skip-tls-verify: true and a certificate authority; kubectl refuses this too ' +
        '\\("specifying a root certificates file with the insecure flag is not allowed"\\)\\. Remove the insecure-skip-tls-verify line',
    ),
  );
});

test("an exec credential plugin's stderr is never shown: the error names the plugin and says how to see why", async () => {
  const secret = 'sha256~LEAKED-TOKEN-0123456789';
  const user = [
    '  user:',
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1beta1',
    `      command: ${process.execPath}`,
    '      args:',
    '      - -e',
    `      - "process.stderr.write('error: refresh failed for token ${secret} password=hunter2'); process.exit(1)"`,
    '      interactiveMode: Never',
    '',
  ].join('\n');
  const kc = write('exec', text.replace(/ {2}user:\n {4}token: \S+\n/, user));
  assert.notEqual(kc, '');
  const c = await Cluster.connect({ explicit: kc });
  await assert.rejects(c.list('machineconfigpools'), (e: Error) => {
    assert.doesNotMatch(e.message, /LEAKED|hunter2/);
    assert.match(e.message, /credential plugin node of context "rhcos-layering-sim" failed.*not shown because it can hold credentials/);
    return true;
  });
});

test('a password in the server URL is never shown', async () => {
  const kc = write('userinfo', text.replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://admin:hunter2@127.0.0.1:9'));
  const c = await Cluster.connect({ explicit: kc });
  await assert.rejects(c.list('nodes'), (e: Error) => {
    assert.doesNotMatch(e.message, /hunter2/);
    assert.match(e.message, /Cannot reach the API server at https:\/\/admin:<hidden>@127\.0\.0\.1:9 \(ECONNREFUSED\)/);
    return true;
  });
});
