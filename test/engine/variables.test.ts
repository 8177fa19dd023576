/**
 * ARG and ENV values reach the rules through the engine, with Dockerfile scoping, and the per-RUN
 * cache follows them: a RUN whose text did not change is linted again when a value it reads changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintContainerfile } from '../../server/src/lint';
import { buildModel } from '../../server/src/containerfile/model';
import { scopeOf } from '../../server/src/containerfile/variables';
import { BASE } from '../rules/ruleTester';

const found = (text: string, ocp = '4.16') =>
  lintContainerfile(text, { ocpVersion: ocp })
    .diagnostics.filter((d) => d.ruleId !== 'missing-ostree-commit' && d.ruleId !== 'rpm-ostree-no-cleanup')
    .map((d) => `${d.ruleId} ${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`);

test('editing only the ARG line changes the findings of the RUN that reads it', () => {
  const file = (pkg: string) => `${BASE}\nARG PKG=${pkg}\nRUN rpm-ostree install $PKG && ostree container commit`;
  // The RUN line is the same text in all four lints; only the ARG default changes.
  assert.deepEqual(found(file('https://x/fish-3.3.1-3.el8.x86_64.rpm')), ['el-stream-mismatch 2:23-27']);
  assert.deepEqual(found(file('https://x/fish-3.3.1-3.el9.x86_64.rpm')), []);
  assert.deepEqual(found(file('usbguard')), ['rpm-conflicts-machineconfig 2:23-27']);
  assert.deepEqual(found(file('https://x/fish-3.3.1-3.el8.x86_64.rpm')), ['el-stream-mismatch 2:23-27']);
});

test('editing an ENV that a later stage inherits re-lints that stage', () => {
  const file = (url: string) => `${BASE} AS os\nENV REPO=${url}\nFROM os\nRUN curl -fo /etc/yum.repos.d/x.repo $REPO`;
  assert.deepEqual(found(file('https://x.example.com/x.repo')), []);
  assert.deepEqual(found(file('http://x.example.com/x.repo')), ['insecure-http 3:37-42']);
});

test('a RUN keeps its script object while the values it reads are unchanged, and gets another when they change', () => {
  const run = (text: string) => buildModel(text).osRuns[0]!.script;
  const a = `${BASE}\nARG P=tmux\nARG OTHER=1\nRUN rpm-ostree install $P`;
  assert.equal(run(a), run(a));
  // A variable the RUN does not read does not matter; one it reads does.
  assert.equal(run(a), run(a.replace('OTHER=1', 'OTHER=2')));
  assert.notEqual(run(a), run(a.replace('P=tmux', 'P=htop')));
  // A RUN that reads no variable keeps the parsed script itself.
  const plain = `${BASE}\nARG P=tmux\nRUN rpm-ostree install tmux`;
  assert.equal(run(plain), run(plain.replace('P=tmux', 'P=htop')));
});

test('scopes: global ARGs only in FROM unless redeclared, ENV after its line, ENV over ARG, ENV (not ARG) into a child stage', () => {
  const text = [
    'ARG G=global', // 0
    'ARG H=h', // 1
    'FROM quay.io/x/y@sha256:' + 'b'.repeat(64) + ' AS a', // 2
    'RUN true', // 3: sees nothing
    'ARG G', // 4: takes the global default
    'ARG L=local', // 5
    'ENV E=$L-env', // 6: ENV values use earlier variables
    'ARG E=arg', // 7: ENV wins
    'ARG N', // 8: no default: unknown
    'RUN true', // 9
    'FROM a', // 10
    'RUN true', // 11: ENV E inherited; ARGs are not
  ].join('\n');
  const model = buildModel(text);
  const at = (line: number) => {
    const inst = model.instructions.find((i) => model.index.positionAt(i.start).line === line)!;
    return Object.fromEntries([...scopeOf(inst)].map(([k, d]) => [k, `${d.kind} ${d.value} @${d.line}`]));
  };
  assert.deepEqual(at(3), {});
  assert.deepEqual(at(9), { G: 'ARG global @0', L: 'ARG local @5', E: 'ENV local-env @6', N: 'ARG null @8' });
  assert.deepEqual(at(11), { E: 'ENV local-env @6' });
});

test('values that are not known are left alone: no default, set by the script, unknown forms, exec form', () => {
  const text = (run: string, decl = 'ARG P=usbguard') => `${BASE}\n${decl}\nRUN ${run}`;
  assert.deepEqual(found(text('rpm-ostree install $P', 'ARG P')), []);
  assert.deepEqual(found(text('for P in tmux; do rpm-ostree install $P; done')), []);
  assert.deepEqual(found(text('export P=tmux && rpm-ostree install "$P"')), []);
  assert.deepEqual(found(text('rpm-ostree install ${P/usb/x}')), []);
  assert.deepEqual(found(text('rpm-ostree install ${UNDECLARED:-tmux}$P$(date)')), []);
  // Exec form runs no shell, so `$P` is passed as written.
  assert.deepEqual(found(text('["rpm-ostree", "install", "$P"]')), []);
  // The shell form of the same is expanded.
  assert.deepEqual(found(text('["/bin/sh", "-c", "rpm-ostree install $P"]')), ['rpm-conflicts-machineconfig 2:42-44']);
});
