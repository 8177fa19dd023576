/**
 * An open Containerfile keeps its previous version's chunks: after a keystroke the chunks around the edit are
 * scanned again and the others are taken over with their parses, and the budget counts only the changed lines.
 * Whatever the edits, the result is that of linting the new text from scratch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { releaseCacheOwner, withCacheOwner } from '../../server/src/core/memo';
import { lint } from '../../server/src/lint';
import { containerfileWork, containerfileWorkOf } from '../../server/src/lint/budget';
import { buildModel, chunkStats } from '../../server/src/containerfile/model';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);

function big(blocks: number): string {
  const out = [BASE];
  for (let i = 0; i < blocks; i++) {
    out.push(
      `# step ${i}`,
      `RUN rpm-ostree install tool${i} && \\`,
      `    ostree container commit`,
      `ENV TOOL${i}_HOME=/usr/lib/tool${i}`,
      `COPY files/tool${i}.conf /etc/tool${i}/`,
    );
  }
  return out.join('\n') + '\n';
}

test('a keystroke in a comment of a 10,000-line Containerfile scans the chunks beside it and takes over the others', () => {
  const owner = 'file:///work/reuse/Containerfile';
  const text = big(2000);
  try {
    withCacheOwner(owner, () => lint(text, 'containerfile'));
    const before = { ...chunkStats };
    const edited = text.replace('# step 1000', '# step 1000x');
    const warm = withCacheOwner(owner, () => lint(edited, 'containerfile'));
    assert.ok(chunkStats.scanned - before.scanned <= 2, `scanned ${chunkStats.scanned - before.scanned} chunks`);
    assert.equal(chunkStats.reused - before.reused, 6001, 'every instruction: the edit is in a comment between two');
    assert.deepEqual(warm, lint(edited, 'containerfile'));
    assert.deepEqual(
      withCacheOwner(owner, () => containerfileWorkOf(edited + 'RUN x\n')),
      containerfileWork(edited + 'RUN x\n'),
    );
  } finally {
    releaseCacheOwner(owner);
  }
});

test('closing the document lets its chunks go: the next lint of it scans every chunk', () => {
  const owner = 'file:///work/reuse/closed/Containerfile';
  const text = big(50);
  withCacheOwner(owner, () => lint(text, 'containerfile'));
  releaseCacheOwner(owner);
  const before = chunkStats.scanned;
  withCacheOwner(owner, () => lint(text, 'containerfile'));
  assert.equal(chunkStats.scanned - before, 151);
  releaseCacheOwner(owner);
});

// Edits that change where instructions start and end: continuations, here-documents, comments, stages, variables, CRLF.
const PIECES = [
  '\\\n',
  '\\',
  ' \\ \n',
  '\n',
  '\r\n',
  '<<EOF\n',
  '\nEOF\n',
  'EOF',
  '<<-EOT\n\techo hi\n\tEOT\n',
  '#',
  '\n# c\n',
  ' ',
  'RUN ',
  '\nRUN dnf install -y httpd\n',
  '\nFROM registry.access.redhat.com/ubi9 AS b\n',
  '\nFROM b\n',
  '\nARG V=kernel-5.14\n',
  '\nENV P=/opt/x\n',
  '$V',
  '${P}',
  '"',
  "'",
  '`',
  '# escape=`\n',
  '[',
  '["/bin/sh", "-c", "rpm-ostree install x"]',
  'x',
  '',
];
const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(20), fc.constantFrom(...PIECES));

const start = [
  '# syntax=docker/dockerfile:1',
  'ARG V=1',
  `FROM ${BASE.slice(5)} AS base`,
  'ENV P=/usr/lib/p',
  'RUN <<EOF',
  'rpm-ostree install $V',
  'EOF',
  'RUN rpm-ostree install a && \\',
  '  # a comment inside',
  '',
  '    ostree container commit',
  'COPY <<-EOT /etc/x.conf',
  '\tvalue',
  '\tEOT',
  `FROM base`,
  'RUN dnf install -y ${P} && dnf clean all',
  'LABEL a=b',
  '',
].join('\n');

test('property: after any edits, the chunks taken over give the lint and the budget of linting the text from scratch', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      const owner = 'file:///work/reuse/prop/Containerfile';
      try {
        let text = start;
        withCacheOwner(owner, () => lint(text, 'containerfile'));
        for (const [at, del, piece] of edits) {
          const i = Math.floor(at * text.length);
          text = text.slice(0, i) + piece + text.slice(i + del);
          const warm = withCacheOwner(owner, () => ({ work: containerfileWorkOf(text), lint: lint(text, 'containerfile') }));
          const warmModel = withCacheOwner(owner, () => buildModel(text));
          assert.deepEqual(warm.work, containerfileWork(text), JSON.stringify(text));
          assert.deepEqual(warm.lint, lint(text, 'containerfile'), JSON.stringify(text));
          const cold = buildModel(text);
          const shape = (m: typeof cold) => m.instructions.map((x) => [x.keyword, x.start, x.end, x.args(), x.heredocs()]);
          assert.deepEqual(shape(warmModel), shape(cold), JSON.stringify(text));
        }
      } finally {
        releaseCacheOwner(owner);
      }
    }),
    { numRuns: 300, seed: 16 },
  );
});
