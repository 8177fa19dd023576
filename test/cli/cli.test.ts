import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);

function tree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-lint-'));
  fs.mkdirSync(path.join(dir, 'good'));
  fs.mkdirSync(path.join(dir, 'bad', 'node_modules'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'good', 'Containerfile'),
    `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit\n`,
  );
  fs.writeFileSync(path.join(dir, 'bad', 'Containerfile.rt'), `FROM quay.io/a/b:4.16\nRUN rpm-ostree install tree\n`);
  fs.writeFileSync(path.join(dir, 'bad', 'warn.containerfile'), `${BASE}\nRUN rpm-ostree install tree && bootc container lint\n`);
  fs.writeFileSync(path.join(dir, 'bad', 'node_modules', 'Containerfile'), 'FROM x:1\n');
  fs.writeFileSync(path.join(dir, 'bad', 'notes.txt'), 'FROM x:1\n');
  return dir;
}

test('text output, exit 1 on errors, directories searched recursively', () => {
  const dir = tree();
  const r = run(dir);
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(
    lines.slice(0, -1).map((l) => l.replace(dir, '<d>')),
    [
      '<d>/bad/Containerfile.rt:1:6: error: FROM uses tag `4.16`; RHCOS layering needs a digest: `quay.io/a/b@sha256:<digest>` (find it with `oc adm release info --image-for rhel-coreos`). [from-not-digest-pinned]',
      '<d>/bad/Containerfile.rt:2:1: warning: The last RUN that changes the OS does not end with `bootc container lint` (no OpenShift version set: the newest is assumed): append `&& bootc container lint`. [missing-ostree-commit]',
      '<d>/bad/Containerfile.rt:2:5: warning: `rpm-ostree install` leaves repository metadata in /var/cache: add `&& rpm-ostree cleanup -m` after it in the same RUN. [rpm-ostree-no-cleanup]',
      '<d>/bad/warn.containerfile:2:5: warning: `rpm-ostree install` leaves repository metadata in /var/cache: add `&& rpm-ostree cleanup -m` after it in the same RUN. [rpm-ostree-no-cleanup]',
    ],
  );
  assert.equal(lines.at(-1), '3 files checked: 1 error, 3 warnings, 0 info');
});

test('exit 0 with warnings only; --rule changes severity', () => {
  const dir = tree();
  assert.equal(run(path.join(dir, 'good')).status, 0);
  assert.equal(run(path.join(dir, 'bad', 'warn.containerfile')).status, 0);
  const r = run('--rule', 'from-not-digest-pinned=off', '--rule=missing-ostree-commit=warning', path.join(dir, 'bad'));
  assert.equal(r.status, 0, r.stdout);
});

test('JSON output', () => {
  const dir = tree();
  const r = run('--format', 'json', path.join(dir, 'bad', 'Containerfile.rt'));
  const j = JSON.parse(r.stdout);
  assert.equal(j[0].diagnostics[0].ruleId, 'from-not-digest-pinned');
  assert.deepEqual([j[0].diagnostics[0].line, j[0].diagnostics[0].column, j[0].diagnostics[0].endColumn], [1, 6, 22]);
});

test('SARIF 2.1.0 output with ruleId, level, message and 1-based region', () => {
  const dir = tree();
  const r = run('--format=sarif', '--ocp-version', '4.16', path.join(dir, 'bad'));
  const s = JSON.parse(r.stdout);
  assert.equal(s.version, '2.1.0');
  const res = s.runs[0].results;
  assert.equal(res.length, 4);
  assert.equal(res[0].ruleId, 'from-not-digest-pinned');
  assert.equal(res[0].level, 'error');
  assert.equal(res[3].level, 'warning');
  assert.match(res[0].message.text, /digest/);
  assert.deepEqual(res[0].locations[0].physicalLocation.region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 22 });
  assert.ok(s.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'missing-ostree-commit'));
});

test('usage errors and unreadable files exit 2 and name the problem', () => {
  const r1 = run('--format', 'xml', 'x');
  assert.equal(r1.status, 2);
  assert.match(r1.stderr, /--format takes text, json or sarif \(got xml\)/);
  assert.equal(run().status, 2);
  const r2 = run('/nonexistent/Containerfile');
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /\/nonexistent\/Containerfile: cannot read \(ENOENT\)/);
  const r3 = run('--ocp-version', 'four');
  assert.equal(r3.status, 2);
});

test('YAML: MachineConfigs in a directory are linted with the same formats and exit codes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-lint-yaml-'));
  fs.writeFileSync(
    path.join(dir, 'mc.yaml'),
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\n  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n  kernelType: realtme\n',
  );
  fs.writeFileSync(path.join(dir, 'other.yml'), 'apiVersion: v1\nkind: ConfigMap\n');
  const r = run('--format', 'json', '--ocp-version', '4.16', dir);
  assert.equal(r.status, 1);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(
    j.map((f: { file: string; diagnostics: { ruleId: string; line: number; column: number }[] }) => [
      path.basename(f.file),
      f.diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column}`),
    ]),
    [
      ['mc.yaml', ['mc-kernel-type@8:15']],
      ['other.yml', []],
    ],
  );
});

test('cross-file: an RPM layered in a Containerfile and enabled as an extension warns in both files; two osImageURL MachineConfigs for one pool name the winner', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-lint-x-'));
  const mcFor = (name: string, spec: string) =>
    `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: ${name}\n  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n${spec}`;
  fs.writeFileSync(
    path.join(dir, 'Containerfile'),
    `${BASE}\nRUN rpm-ostree install usbguard && rpm-ostree cleanup -m && ostree container commit\n`,
  );
  fs.writeFileSync(path.join(dir, 'a.yaml'), mcFor('80-usbguard', '  extensions: [usbguard]\n'));
  fs.writeFileSync(path.join(dir, 'b.yaml'), mcFor('os-layer-a', `  osImageURL: quay.io/a/b@sha256:${'b'.repeat(64)}\n`));
  fs.writeFileSync(path.join(dir, 'c.yaml'), mcFor('os-layer-z', `  osImageURL: quay.io/a/c@sha256:${'c'.repeat(64)}\n`));
  const r = run('--format', 'json', dir);
  const byFile = Object.fromEntries(
    JSON.parse(r.stdout).map((f: { file: string; diagnostics: { ruleId: string; message: string }[] }) => [
      path.basename(f.file),
      f.diagnostics.map((d) => `${d.ruleId}: ${d.message}`),
    ]),
  );
  assert.match(
    byFile['Containerfile'][0],
    /^rpm-conflicts-machineconfig: .*MachineConfig `80-usbguard` \(.*a\.yaml\) already enables `usbguard`\.$/,
  );
  assert.match(
    byFile['a.yaml'][0],
    /^mc-extension-in-image: Extension `usbguard` installs `usbguard`, which .*Containerfile:2 also layers into the image/,
  );
  assert.match(
    byFile['b.yaml'][0],
    /^mc-duplicate-osimageurl: Pool worker also gets osImageURL from `os-layer-z` \(.*c\.yaml\): `os-layer-z` \(.*c\.yaml\) wins/,
  );
  assert.match(
    byFile['c.yaml'][0],
    /^mc-duplicate-osimageurl: Pool worker also gets osImageURL from `os-layer-a` \(.*b\.yaml\): this one wins/,
  );
});

test('--help lists every rule with its default severity and says that version rules need --ocp-version', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Usage: rhcos-lint/);
  assert.match(r.stdout, /Rules marked \* depend on the OpenShift version\. Pass --ocp-version X\.Y/);
  assert.match(r.stdout, /without it they judge for the newest version \(4\.23\)/);
  assert.match(r.stdout, /^ {2}missing-ostree-commit +warning +\* The last RUN that changes the OS/m);
  assert.match(r.stdout, /^ {2}insecure-http +warning {3}Packages or repositories fetched over http:\/\//m);
  assert.match(r.stdout, /^ {2}mc-file-mode +error/m);
  const docs = fs
    .readdirSync(path.resolve(__dirname, '..', '..', 'docs', 'rules'))
    .filter((f) => f !== 'README.md')
    .map((f) => f.replace(/\.md$/, ''));
  for (const id of docs) assert.match(r.stdout, new RegExp(`^  ${id} `, 'm'), `${id} is listed`);
});
