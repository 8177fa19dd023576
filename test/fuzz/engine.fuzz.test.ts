/** Property: random and mutated Containerfiles never crash the engine nor take long. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintContainerfile } from '../../server/src/lint';

const BOUND_MS = 2000;
const SEED_FILE = [
  'ARG RHCOS=quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'c'.repeat(64),
  'FROM golang:1.22 AS build',
  'RUN go build -o /out/app ./...',
  'FROM ${RHCOS}',
  '# rhcos-lint ignore=rpm-conflicts-machineconfig',
  'RUN rpm-ostree cliwrap install-to-root / && \\',
  '    rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-core-,modules-extra-}5.14.0-295.el9.x86_64.rpm && \\',
  '    rpm-ostree install usbguard "a b" $(uname -r) && rpm-ostree cleanup -m && \\',
  '    ostree container commit',
  'RUN <<EOF',
  'set -e',
  'echo hi > /var/lib/x',
  'ostree container commit',
  'EOF',
  'COPY --from=build /out/app /usr/bin/app',
].join('\n');

const PIECES = [
  '\\',
  '\n',
  '"',
  "'",
  '$(',
  ')',
  '{',
  '}',
  ',',
  '&&',
  ';',
  '|',
  '<<EOF',
  'EOF',
  'RUN ',
  'FROM ',
  '#',
  '\t',
  '\r\n',
  '\u0000',
  'é',
  '`',
  '@sha256:',
  'rpm-ostree ',
  'ostree container commit',
];

function check(text: string): void {
  const t0 = performance.now();
  const r = lintContainerfile(text, { ocpVersion: '4.16' });
  const ms = performance.now() - t0;
  assert.ok(ms < BOUND_MS, `took ${ms} ms`);
  assert.deepEqual(r.failures, [], `rule failures on ${JSON.stringify(text)}`);
  for (const d of r.diagnostics) {
    assert.ok(d.range.start.line >= 0 && d.range.start.character >= 0);
    assert.ok(d.message.length > 0);
  }
}

test('random text never crashes a rule', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), check), { numRuns: 300, seed: 42 });
});

test('mutated layering Containerfiles never crash a rule', () => {
  const mutation = fc.tuple(fc.nat(SEED_FILE.length), fc.nat(20), fc.constantFrom(...PIECES));
  fc.assert(
    fc.property(fc.array(mutation, { maxLength: 8 }), (muts) => {
      let t = SEED_FILE;
      for (const [at, del, ins] of muts) t = t.slice(0, at) + ins + t.slice(at + del);
      check(t);
    }),
    { numRuns: 400, seed: 7 },
  );
});
