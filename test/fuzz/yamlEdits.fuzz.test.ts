/**
 * Property: linting a MachineConfig after edits, with the caches that make an edit in a multi-megabyte file
 * cheap (long base64 runs per line, data-URL answers), gives the same diagnostics as linting it cold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint } from '../../server/src/lint';

const b64 = (n: number, fill: number) => Buffer.alloc((n * 3) / 4, fill).toString('base64');
const mc = (data: string) =>
  [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata:',
    '  name: 99-worker-big',
    '  labels:',
    '    machineconfiguration.openshift.io/role: worker',
    'spec:',
    '  config:',
    '    ignition:',
    '      version: 3.4.0',
    '    storage:',
    '      files:',
    '        - path: /etc/big.bin',
    '          mode: 420',
    '          contents:',
    `            source: data:;base64,${data}`,
    '        - path: /etc/small.conf',
    '          mode: 0644',
    '          contents:',
    '            source: data:,a%3Db',
    '',
  ].join('\n');
const BASE = mc(b64(80_000, 7));
/** Fills the caches with other long lines, so the next lint of a text computes everything again. */
const evict = () => [1, 2, 3].forEach((k) => lint(mc(b64(70_000 + 4 * k, k)), 'yaml'));

const PIECES = ['!', '=', 'A', '\n', ' ', 'x: y\n', '#', '%', '%zz', '0755', 'rendered', '---\n', '        - path: /etc/c\n'];
const edit = fc.tuple(fc.nat(BASE.length + 200), fc.nat(3), fc.constantFrom(...PIECES));

test('edited MachineConfigs with a long base64 line: warm lint equals cold lint', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      let text = BASE;
      lint(text, 'yaml');
      for (const [at, del, ins] of edits) {
        const i = Math.min(at, text.length);
        text = text.slice(0, i) + ins + text.slice(i + del);
        const warm = lint(text, 'yaml');
        evict();
        const cold = lint(text, 'yaml');
        assert.deepEqual(warm, cold);
      }
    }),
    { numRuns: 40, seed: 16 },
  );
});

test('a stray character in a long base64 line is still found after edits elsewhere', () => {
  const at = BASE.indexOf('base64,') + 40_000;
  const broken = BASE.slice(0, at) + '!' + BASE.slice(at + 1);
  const first = lint(broken, 'yaml').diagnostics.filter((d) => d.ruleId === 'mc-data-url');
  assert.equal(first.length, 1);
  const edited = broken.replace('/etc/small.conf', '/etc/smaller.conf');
  assert.deepEqual(
    lint(edited, 'yaml')
      .diagnostics.filter((d) => d.ruleId === 'mc-data-url')
      .map((d) => d.message),
    first.map((d) => d.message),
  );
  // And fixed again: the answer for the old line is not reused.
  assert.deepEqual(
    lint(edited.replace('!', BASE[at]!), 'yaml').diagnostics.filter((d) => d.ruleId === 'mc-data-url'),
    [],
  );
});
