/** rhcos-lint on hostile input: huge files, odd file types, names and pipes. Runs the built dist/cli.js. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
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

test('a 50 MB file is not parsed: file-too-large, promptly, no abort', () => {
  const dir = tmp();
  const file = path.join(dir, 'Containerfile');
  // One RUN with a million continuation lines: parsing it for facts takes minutes and gigabytes.
  const line = `  pkg${'y'.repeat(40)} \\\n`;
  fs.writeFileSync(file, `${BASE}\nRUN rpm-ostree install \\\n` + line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)) + '  z\n');
  const r = run(['--format', 'json', file], { timeout: 60_000 });
  assert.equal(r.signal, null, 'killed: did not finish within 60 s');
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const [res] = JSON.parse(r.stdout) as { diagnostics: { ruleId: string }[] }[];
  assert.deepEqual(
    res!.diagnostics.map((d) => d.ruleId),
    ['file-too-large'],
  );
});

test('a FIFO named on the command line is refused, not waited on', () => {
  const dir = tmp();
  const fifo = path.join(dir, 'Containerfile');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const r = run([fifo], { timeout: 20_000 });
  assert.equal(r.signal, null, 'blocked on the FIFO');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Containerfile: not a regular file/);
});

test('/dev/zero is not read', () => {
  const r = run(['/dev/zero'], { timeout: 20_000 });
  assert.equal(r.signal, null, 'read /dev/zero');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\/dev\/zero: not a regular file/);
});

test('- reads stdin (a Containerfile, or the kind --stdin-filename names)', () => {
  // 4.15: a missing commit is an error there (a warning from 4.16), so the exit code says it was linted.
  const r = run(['--ocp-version', '4.15', '-'], { input: `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m\n` });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^<stdin>:2:1: error: .*\[missing-ostree-commit\]$/m);
  const y = run(['--stdin-filename', 'x.mc.yaml', '-'], {
    input: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\nspec:\n  kernelType: rt\n',
  });
  assert.match(y.stdout, /^x\.mc\.yaml:\d+:\d+: .*\[mc-/m);
});

test('a file name that is not UTF-8 is linted under its real name', () => {
  const dir = tmp();
  const name = Buffer.concat([Buffer.from(path.join(dir, 'Containerfile.')), Buffer.from([0xff, 0xfe])]);
  fs.writeFileSync(name, `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m\n`);
  const r = run(['--ocp-version', '4.15', dir]);
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /cannot read/);
  assert.match(r.stdout, /Containerfile\..*:2:1: error: .*\[missing-ostree-commit\]/);
  assert.match(r.stdout, /^1 file checked: 1 error/m);
});

test('SARIF artifactLocation.uri is an encoded URI reference relative to %SRCROOT%', () => {
  const dir = tmp();
  const sub = path.join(dir, 'a b#c%d é');
  fs.mkdirSync(sub);
  fs.writeFileSync(path.join(sub, 'Containerfile'), `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m\n`);
  const r = spawnSync(process.execPath, [CLI, '--format', 'sarif', '.'], { cwd: dir, encoding: 'utf8' });
  const sarif = JSON.parse(r.stdout) as {
    runs: {
      originalUriBaseIds: Record<string, { uri: string }>;
      results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[];
    }[];
  };
  const loc = sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
  assert.equal(loc.uri, 'a%20b%23c%25d%20%C3%A9/Containerfile');
  assert.equal(loc.uriBaseId, '%SRCROOT%');
  const base = sarif.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri;
  assert.equal(new URL(loc.uri, base).href, new URL('a%20b%23c%25d%20%C3%A9/Containerfile', pathToFileURL(dir + '/')).href);
});

test('output into a pipe that closes early (| head -1) ends quietly', async () => {
  const dir = tmp();
  for (let i = 0; i < 400; i++)
    fs.writeFileSync(path.join(dir, `c${i}.containerfile`), 'FROM quay.io/a/b:4.16\nRUN rpm-ostree install tree\n');
  const child = spawn(process.execPath, [CLI, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  assert.equal(signal, null);
  assert.doesNotMatch(stderr, /EPIPE|Error|at /);
  assert.ok(code === 0 || code === 1, `exit ${code}`);
});

test('symlinks inside a walked directory: files followed, loops detected', () => {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'real'));
  fs.mkdirSync(path.join(dir, 'walk'));
  fs.writeFileSync(path.join(dir, 'real', 'Containerfile'), `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m\n`);
  fs.symlinkSync(path.join(dir, 'real', 'Containerfile'), path.join(dir, 'walk', 'Containerfile'));
  fs.symlinkSync(path.join(dir, 'walk'), path.join(dir, 'walk', 'loop'));
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'walk', 'dangling.containerfile'));
  const r = run(['--ocp-version', '4.15', path.join(dir, 'walk')], { timeout: 20_000 });
  assert.equal(r.signal, null);
  assert.match(r.stdout, /walk\/Containerfile:2:1: error: .*\[missing-ostree-commit\]/);
  assert.match(r.stdout, /^1 file checked/m);
  assert.match(r.stderr, /dangling\.containerfile: (broken symbolic link|cannot read)/);
});

test('2,000 files: cross-file facts from every file reach every other file', () => {
  const dir = tmp();
  for (let i = 0; i < 1000; i++) {
    fs.writeFileSync(
      path.join(dir, `c${i}.containerfile`),
      `${BASE}\nRUN rpm-ostree install usbguard tree${i} && rpm-ostree cleanup -m && ostree container commit\n`,
    );
    fs.writeFileSync(
      path.join(dir, `m${i}.mc.yaml`),
      `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 99-w-${i}\n` +
        '  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n  extensions: [usbguard]\n',
    );
  }
  const r = run(['--format', 'json', dir], { timeout: 120_000 });
  assert.equal(r.signal, null);
  const res = JSON.parse(r.stdout) as { file: string; diagnostics: { ruleId: string }[] }[];
  assert.equal(res.length, 2000);
  const rules = (f: string) => res.find((x) => x.file.endsWith(f))!.diagnostics.map((d) => d.ruleId);
  assert.deepEqual(rules('/c0.containerfile'), ['rpm-conflicts-machineconfig']);
  assert.deepEqual(rules('/m999.mc.yaml'), ['mc-extension-in-image']);
});

test('a file the parser could not handle is reported as not fully checked, not as clean', () => {
  const dir = tmp();
  const file = path.join(dir, 'Containerfile');
  // One `$(true)` keeps the chain off the shell fast path (it takes plain chains of any length); mvdan/sh runs out of stack.
  fs.writeFileSync(file, `${BASE}\nRUN $(true) && ` + Array.from({ length: 10_000 }, (_, i) => `echo ${i}`).join(' && ') + '\n');
  const r = run([file]);
  assert.match(r.stdout, /Containerfile:1:1: warning: This file could not be fully checked: .* \[lint-incomplete\]/);
  assert.match(r.stdout, /^1 file checked: 0 errors, 1 warning/m);
});
