/**
 * Property: the shell fast path (containerfile/fastShell.ts) gives exactly what mvdan/sh gives, for every
 * script it takes; and it takes the plain command chains most RUNs are, so opening a file skips mvdan/sh.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSimpleShell } from '../../server/src/containerfile/fastShell';
import { parseWithMvdan } from '../../server/src/containerfile/shell';
import { lint } from '../../server/src/lint';

const TOKENS = [
  ' ',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\\\n',
  ' \\\n    ',
  '&&',
  ' && ',
  ' || ',
  ' | ',
  '|',
  ';',
  '; ',
  '&',
  ';;',
  '#',
  ' # note',
  'rpm-ostree',
  'install',
  'dnf',
  '-y',
  'echo',
  'set',
  '-e',
  '-euo',
  'pipefail',
  '-o',
  'errexit',
  'ostree',
  'container',
  'commit',
  'x',
  'a1',
  '2',
  '/etc/x.conf',
  '--enable=foo',
  'a=b',
  'FOO=bar',
  'X+=1',
  'a[1]=2',
  '=',
  '{',
  '}',
  '{}',
  '{a,b}',
  '\\;',
  '\\',
  '\\ ',
  "'",
  "'single quoted'",
  "'it''s'",
  '"',
  '"double $X quoted"',
  '"${A:-b}"',
  '"a\\"b"',
  '"\\$x"',
  '"$"',
  '"$(date)"',
  '"`x`"',
  '$X',
  '${X}',
  '${X:-y}',
  '${X/a/b}',
  '$1',
  '$?',
  '$$',
  '$@',
  '$',
  '$(',
  '$(echo a)',
  '`x`',
  '$((1+2))',
  "$'a\\n'",
  '>',
  '>>',
  '2>',
  '2>&1',
  '>&2',
  '&>',
  '&>>',
  '<',
  '<<<',
  '<<EOF',
  '<>',
  '>|',
  '(',
  ')',
  '!',
  'if',
  'then',
  'fi',
  'for',
  'in',
  'do',
  'done',
  'while',
  'case',
  'esac',
  'function',
  'export',
  'declare',
  'local',
  'let',
  'time',
  '[[',
  ']]',
  '[',
  ']',
  '*',
  '?',
  '~/x',
  '@(a)',
  'é',
  '日本',
  '\r',
  '#!',
  'f()',
];
const script = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join(''));

test('the fast path agrees with mvdan/sh on every script it takes', () => {
  fc.assert(
    fc.property(script, (src) => {
      const fast = parseSimpleShell(src);
      if (fast === null) return;
      assert.deepEqual(fast, parseWithMvdan(src), JSON.stringify(src));
    }),
    { numRuns: 20_000 },
  );
});

test('the fast path takes plain RUN scripts and leaves the rest to mvdan/sh', () => {
  const taken = [
    'rpm-ostree install htop && \\\n    ostree container commit',
    'dnf install -y a b c && dnf clean all && rm -rf /var/cache/dnf',
    'set -euo pipefail; echo "conf ${X:-1}" > /etc/x.conf 2>&1',
    "systemctl enable foo.service && echo 'a b' | tee -a /etc/x # done",
    'find / -name x -exec rm {} \\;',
  ];
  for (const src of taken) {
    const fast = parseSimpleShell(src);
    assert.ok(fast, src);
    assert.deepEqual(fast, parseWithMvdan(src), src);
  }
  const left = [
    'if true; then echo; fi',
    'echo $(date)',
    'X=1 make',
    'cat <<EOF\na\nEOF',
    'export A=b',
    '(cd x && make)',
    'a &',
    'f() { :; }',
  ];
  for (const src of left) assert.equal(parseSimpleShell(src), null, src);
});

test('a plain 10,000-link && chain is checked in full (mvdan/sh ran out of stack on it)', () => {
  const base = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
  const text = `${base}\nRUN ` + Array.from({ length: 10_000 }, (_, i) => `echo ${i}`).join(' && ') + ' && dnf install -y htop\n';
  const r = lint(text, 'containerfile');
  assert.deepEqual(r.failures, []);
  assert.ok(!r.diagnostics.some((d) => d.ruleId === 'lint-incomplete'));
  // The last link is still seen: installing with dnf in a layering Containerfile is reported.
  assert.ok(
    r.diagnostics.some((d) => d.range.start.line === 1 && d.message.includes('dnf')),
    JSON.stringify(r.diagnostics.map((d) => d.ruleId)),
  );
});
