/**
 * What the four patterns rewritten as linear scans (suppression pre-scan and list, the YAML stream's
 * leading `---`, the rpm-ostree hover) still recognise; test/architecture/regexes.test.ts keeps them linear.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintContainerfile, lintYaml } from '../../server/src/lint';
import { hover } from '../../server/src/service/hover';
import { suppressionFix } from '../../server/src/service/suppressFix';

const BASE = 'FROM quay.io/a/b:2';
const ids = (text: string) => lintContainerfile(text).diagnostics.map((d) => d.ruleId);
const docs = (id: string) => id;

test('a suppression list with trailing blanks, tabs or CR still silences; one with other characters does not', () => {
  assert.deepEqual(ids(`# rhcos-lint ignore=from-not-digest-pinned ${' '.repeat(30_000)}\n${BASE}`), []);
  assert.deepEqual(ids(`#rhcos-lint   ignore = a, from-not-digest-pinned\t\r\n${BASE}`), []);
  assert.deepEqual(ids(`# rhcos-lint ignore=from-not-digest-pinned!\n${BASE}`), ['from-not-digest-pinned']);
  assert.deepEqual(ids(`# rhcos-lint ignore=\n${BASE}`), ['from-not-digest-pinned']);
  // The tool name and `ignore` far apart on one long line, no suppression: the file is still linted.
  assert.deepEqual(ids(`${BASE}\n# ${'hadolint'.repeat(30_000)} ignore\nRUN true`), ['from-not-digest-pinned']);
});

test('the suppression quick fix extends a list with trailing blanks and keeps what precedes it', () => {
  const text = `# rhcos-lint ignore= a,b ${' '.repeat(30_000)}\n${BASE}`;
  const fix = suppressionFix(text, 'from-not-digest-pinned', 1);
  assert.equal(fix.edits[0]!.newText, '# rhcos-lint ignore= a,b,from-not-digest-pinned');
  assert.deepEqual(fix.edits[0]!.range.start, { line: 0, character: 0 });
});

test('a MachineConfig after many blank and comment lines, with and without a leading ---, is linted', () => {
  const mc = 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\nspec:\n  kernelType: rt\n';
  const found = (lead: string) => lintYaml(lead + mc).diagnostics.map((d) => `${d.ruleId}@${d.range.start.line}`);
  assert.deepEqual(found('\n'.repeat(40)), ['mc-role-label@43', 'mc-kernel-type@45']);
  assert.deepEqual(found(' \n'.repeat(40) + '# c\n'), ['mc-role-label@44', 'mc-kernel-type@46']);
  assert.deepEqual(found('\n'.repeat(40) + '---\n'), ['mc-role-label@44', 'mc-kernel-type@46']);
  assert.deepEqual(found('# a\r\n\n---  \n'), ['mc-role-label@6', 'mc-kernel-type@8']);
});

test('hover explains an rpm-ostree verb after options, and not after a word that is no option', () => {
  const at = (line: string) => hover(`${BASE}\n${line}`, { line: 1, character: line.length - 1 }, [], docs)?.markdown ?? '';
  assert.match(at('RUN rpm-ostree -q --a --- install'), /\*\*rpm-ostree install\*\*/);
  assert.match(at('RUN x-rpm-ostree  install'), /\*\*rpm-ostree install\*\*/);
  assert.equal(at(`RUN rpm-ostree ${'--a '.repeat(40)}x install`), '');
  assert.equal(at('RUN rpm-ostree - install'), '');
});
