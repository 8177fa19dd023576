/** No silent skip: a file the engine could not fully check says so; ranges stay in the document; messages stay short. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/lint';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { Diagnostic, DocumentKind, LintOptions } from '../../server/src/core/types';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
const incomplete = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === 'lint-incomplete');

test('a Containerfile whose parser throws (10,000-link && chain) says it could not be fully checked', () => {
  // One `$(true)` keeps the chain off the shell fast path (containerfile/fastShell.ts), which takes plain chains of any length.
  const text = `${BASE}\nRUN $(true) && ` + Array.from({ length: 10_000 }, (_, i) => `echo ${i}`).join(' && ') + '\n';
  const r = lint(text, 'containerfile');
  assert.equal(incomplete(r.diagnostics).length, 1, JSON.stringify(r.failures));
  assert.match(incomplete(r.diagnostics)[0]!.message, /could not be fully checked/);
});

test('a CR-only MachineConfig where rules throw says it could not be fully checked', () => {
  const text =
    '# comment\rapiVersion: machineconfiguration.openshift.io/v1\rkind: MachineConfig\rmetadata:\r  name: x\rspec:\r  kernelType: rt\r';
  const r = lint(text, 'yaml');
  assert.ok(r.failures.length > 0, 'nothing threw: pick another input');
  assert.equal(incomplete(r.diagnostics).length, 1);
  assert.match(incomplete(r.diagnostics)[0]!.message, /could not be fully checked: .*mc-/);
});

test('a clean file has no such diagnostic', () => {
  const r = lint(`${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit\n`, 'containerfile');
  assert.deepEqual(r.diagnostics, []);
});

test('messages that embed a user value are bounded (a 1 MB osImageURL)', () => {
  const url = 'quay.io/x/y:' + 'z'.repeat(1024 * 1024);
  const mc = (name: string) =>
    `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: ${name}\n  labels:\n` +
    `    machineconfiguration.openshift.io/role: worker\nspec:\n  osImageURL: ${url}\n`;
  const others = Array.from({ length: 500 }, (_, i) => ({
    file: `f${i}.yaml`,
    name: `mc-${i}`,
    pool: 'worker',
    osImageURL: url,
    extensions: [],
  }));
  const options: LintOptions = { workspace: { machineConfigs: others, containerfileRpms: [] } };
  const r = lint(mc('a') + '---\n' + mc('b'), 'yaml', options);
  assert.ok(r.diagnostics.length > 0);
  for (const d of r.diagnostics) assert.ok(d.message.length <= 2000, `${d.ruleId}: ${d.message.length} characters`);
});

function inside(text: string, ds: Diagnostic[]): string[] {
  const index = new LineIndex(text);
  const bad: string[] = [];
  const check = (what: string, p: { line: number; character: number }) => {
    if (p.line < 0 || p.line >= index.lineCount || p.character < 0 || p.character > index.lineText(p.line).length)
      bad.push(`${what} ${p.line}:${p.character}`);
  };
  for (const d of ds) {
    check(`${d.ruleId} start`, d.range.start);
    check(`${d.ruleId} end`, d.range.end);
    for (const e of d.fixes.flatMap((f) => f.edits)) {
      check(`${d.ruleId} fix start`, e.range.start);
      check(`${d.ruleId} fix end`, e.range.end);
    }
  }
  return bad;
}

test('ranges and quick-fix edits stay inside the document (CR line breaks, trailing backslashes)', () => {
  const cases: [string, DocumentKind][] = [
    [`${BASE}\rRUN rpm-ostree install tree \\\r`, 'containerfile'],
    [`${BASE}\r\nRUN rpm-ostree install tree \\`, 'containerfile'],
    [`${BASE}\nRUN echo hi > /etc/motd \\\r\r`, 'containerfile'],
    [`${BASE}\rRUN dnf install -y tree\\\r\\`, 'containerfile'],
    ['apiVersion: machineconfiguration.openshift.io/v1\rkind: MachineConfig\rspec:\r  config: [\r', 'yaml'],
    ['kind: MachineConfig\napiVersion: machineconfiguration.openshift.io/v1\nspec: {\n', 'yaml'],
    ['kind: MachineConfig\r\napiVersion: machineconfiguration.openshift.io/v1\r\nspec:\r\n  osImageURL: "x\r\n', 'yaml'],
  ];
  const bad = cases.flatMap(([text, kind]) =>
    inside(text, lint(text, kind).diagnostics).map((b) => `${JSON.stringify(text.slice(-30))}: ${b}`),
  );
  assert.deepEqual(bad, []);
});
