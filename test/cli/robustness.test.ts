/** rhcos-lint on hostile input: huge files, odd file types, names and pipes. Runs the built dist/cli.js. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
const run = (args: string[], opts: { input?: string; timeout?: number } = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000, ...opts });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-lint-robust-'));

test('150,000 package names in a Containerfile and a MachineConfig: exits normally with output', () => {
  const dir = tmp();
  const names = Array.from({ length: 150_000 }, (_, i) => `pkg${i}`);
  fs.writeFileSync(path.join(dir, 'Containerfile'), `${BASE}\nRUN rpm-ostree install ${names.join(' ')} && ostree container commit\n`);
  fs.writeFileSync(
    path.join(dir, 'big.mc.yaml'),
    [
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: MachineConfig',
      'metadata:',
      '  name: 99-worker-big',
      '  labels:',
      '    machineconfiguration.openshift.io/role: worker',
      'spec:',
      '  extensions:',
      ...names.slice(0, 10).map((n) => `    - ${n}`),
      '',
    ].join('\n'),
  );
  const r = run(['--format', 'json', dir]);
  assert.equal(r.signal, null);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => path.basename(f.file));
  assert.deepEqual(files, ['big.mc.yaml', 'Containerfile']);
  assert.doesNotMatch(r.stderr, /RangeError/);
});
