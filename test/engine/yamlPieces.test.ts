/**
 * The YAML values of an open document are parsed in pieces (documents, runs of sequence items) and the pieces an
 * edit left alone are reused: an edit costs one run and a skeleton, and the values are those of a whole parse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { withCacheOwner, releaseCacheOwner } from '../../server/src/core/memo';
import { lint } from '../../server/src/lint';
import { forgetYamlPieces, loadValues, loadWhole, pieceStats } from '../../server/src/machineconfig/yamlValues';

const mc = (name: string, files: number, first = 0) =>
  [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    '    machineconfiguration.openshift.io/role: worker',
    'spec:',
    '  config:',
    '    ignition:',
    '      version: 3.4.0',
    '    storage:',
    '      files:',
    ...Array.from({ length: files }, (_, i) => [
      `        # file ${first + i}`,
      `        - path: /etc/f${first + i}.conf`,
      '          mode: 0644',
      '          contents:',
      `            source: data:,v%3D${first + i}`,
    ]).flat(),
    '    systemd:',
    '      units:',
    ...Array.from({ length: 40 }, (_, i) => [
      `        - name: u${i}.service`,
      '          enabled: yes',
      '          contents: |',
      '            [Unit]',
      `            Description=${i}`,
    ]).flat(),
  ].join('\n') + '\n';

test('a keystroke in one entry of a 10,000-line MachineConfig parses one run of entries and the skeleton, not the file', () => {
  forgetYamlPieces();
  const text = mc('big', 1950);
  const owner = 'file:///work/mc/rendered.yaml';
  try {
    withCacheOwner(owner, () => lint(text, 'yaml'));
    const before = { ...pieceStats };
    const edited = text.replace('# file 1000', '# fila 1000');
    const result = withCacheOwner(owner, () => lint(edited, 'yaml'));
    assert.deepEqual(result.diagnostics, []);
    assert.equal(pieceStats.parsed - before.parsed, 2, 'the document skeleton and the one run of entries the edit fell in');
    assert.ok(pieceStats.reused - before.reused >= 60, `reused ${pieceStats.reused - before.reused} runs`);
    // The values are the whole parse's: same entries, in order, with the edit's neighbours shared with the earlier version.
    assert.deepEqual(
      withCacheOwner(owner, () => loadValues(edited)),
      loadWhole(edited),
    );
  } finally {
    releaseCacheOwner(owner);
  }
});

test('closing the document lets its pieces go: the next parse of the same text starts cold', () => {
  const text = mc('closed', 400);
  const owner = 'file:///work/mc/closed.yaml';
  withCacheOwner(owner, () => loadValues(text));
  releaseCacheOwner(owner);
  const before = pieceStats.reused;
  withCacheOwner(owner, () => loadValues(text));
  assert.equal(pieceStats.reused, before);
  releaseCacheOwner(owner);
});

// Edits that change structure: markers, indentation, block scalars, flow collections, anchors and aliases, tabs, comments.
const PIECES = [
  '---\n',
  '\n---\n',
  '- ',
  '  ',
  '\n',
  '\n      - ',
  '\n  - x\n',
  ': ',
  '|\n',
  '>-\n   ',
  '#',
  ' # c',
  '[',
  ']',
  '{a: ',
  '"',
  "'",
  '&a ',
  '*a',
  '\t',
  '...\n',
  '%YAML 1.2\n',
  '0755',
  'x',
  '',
];
const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(12), fc.constantFrom(...PIECES));

test('property: after any edits, the reused pieces give the values of parsing each document whole', () => {
  const base = mc('a', 60) + '---\n' + mc('b', 12, 100) + '---\n# only a comment\n';
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      forgetYamlPieces();
      const owner = 'file:///work/mc/prop.yaml';
      try {
        let text = base;
        withCacheOwner(owner, () => loadValues(text));
        for (const [at, del, piece] of edits) {
          const i = Math.floor(at * text.length);
          text = text.slice(0, i) + piece + text.slice(i + del);
          const warm = withCacheOwner(owner, () => loadValues(text));
          const whole = loadWhole(text);
          // Null: js-yaml does not read it (the positioned parser does), with or without cutting.
          if (whole === null) continue;
          assert.deepEqual(warm, whole, JSON.stringify(text));
        }
      } finally {
        releaseCacheOwner(owner);
      }
    }),
    { numRuns: 150, seed: 16 },
  );
});
