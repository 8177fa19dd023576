import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintContainerfile, runContainerfileRules, detectKind } from '../../server/src/lint';
import type { ContainerfileRule } from '../../server/src/containerfile/rule';
import { buildModel } from '../../server/src/containerfile/model';
import { BASE } from '../rules/ruleTester';

/** Metadata for a throwaway Containerfile rule. */
const testMeta = (id: string) => ({
  id,
  kind: 'containerfile' as const,
  severity: 'error' as const,
  title: '',
  why: '',
  source: '',
  fixable: false,
  examples: { bad: '', good: '', fix: '' },
});

const ids = (text: string, opts = {}) => lintContainerfile(text, opts).diagnostics.map((d) => d.ruleId);

test('suppression comment on the line before silences only that instruction', () => {
  const text = `FROM quay.io/a/b:1 AS x\n# rhcos-lint ignore=from-not-digest-pinned\nFROM quay.io/a/b:2\nRUN true`;
  // The first FROM is a builder stage (not judged); the second is suppressed.
  assert.deepEqual(ids(text), []);
  assert.deepEqual(ids(`FROM quay.io/a/b:2\nRUN true`), ['from-not-digest-pinned']);
});

test('global ignore and hadolint DL3006 map to the digest rule', () => {
  assert.deepEqual(ids(`# rhcos-lint global ignore=from-not-digest-pinned\nFROM quay.io/a/b:2`), []);
  assert.deepEqual(ids(`# hadolint ignore=DL3006\nFROM quay.io/a/b:2`), []);
  assert.deepEqual(ids(`# hadolint ignore=SC3009\nFROM quay.io/a/b:2`), ['from-not-digest-pinned']);
});

test('severity overrides from settings, and off', () => {
  const text = `FROM quay.io/a/b:2`;
  assert.equal(lintContainerfile(text, { rules: { 'from-not-digest-pinned': 'warning' } }).diagnostics[0]!.severity, 'warning');
  assert.deepEqual(ids(text, { rules: { 'from-not-digest-pinned': 'off' } }), []);
});

test('a rule that throws is reported and skipped; the others still run', () => {
  const meta = testMeta('boom');
  const boom: ContainerfileRule = {
    meta,
    check() {
      throw new Error('kaput');
    },
  };
  const ok: ContainerfileRule = {
    meta: { ...meta, id: 'ok' },
    check(_m, ctx) {
      ctx.report({ at: [0, 1], message: 'fine' });
    },
  };
  const r = runContainerfileRules(buildModel('FROM x'), [boom, ok], {}, (l) => l);
  assert.deepEqual(r.failures, [{ ruleId: 'boom', error: 'kaput' }]);
  assert.deepEqual(
    r.diagnostics.map((d) => d.message),
    ['fine'],
  );
});

test('a per-RUN rule that throws is reported once and skipped; the rest still report', () => {
  const meta = testMeta('boom-run');
  const boom: ContainerfileRule = {
    meta,
    checkRun() {
      throw new Error('kaput');
    },
  };
  const ok: ContainerfileRule = {
    meta: { ...meta, id: 'ok-run' },
    checkRun: (s, ctx) => ctx.report({ at: [0, 3], message: `saw ${s.commands.length}` }),
  };
  const r = runContainerfileRules(buildModel(`${BASE}\nRUN a && b\nRUN c`), [boom, ok], {}, (l) => l);
  assert.deepEqual(r.failures, [{ ruleId: 'boom-run', error: 'kaput' }]);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.message, d.range.start.line, d.range.start.character]),
    [
      ['saw 2', 1, 4],
      ['saw 1', 2, 4],
    ],
  );
});

test('bad input: binary, huge, unterminated heredoc, lone backslash, CRLF, BOM, tabs', () => {
  assert.deepEqual(ids('\u0000\u0001\u0002garbage\u0000'), []);
  const huge = 'RUN echo x\n'.repeat(900_000);
  assert.deepEqual(ids(huge), ['file-too-large']);
  assert.doesNotThrow(() => lintContainerfile(`${BASE}\nRUN <<EOF\nrpm-ostree install x\n`));
  assert.doesNotThrow(() => lintContainerfile(`${BASE}\nRUN \\`));
  assert.doesNotThrow(() => lintContainerfile('\\'));
  const crlf = `${BASE}\r\nRUN rpm-ostree install tree && \\\r\n    bootc container lint\r\n`;
  assert.deepEqual(ids(crlf), ['rpm-ostree-no-cleanup']);
  const bom = `\ufeffFROM quay.io/a/b:1`;
  const d = lintContainerfile(bom).diagnostics[0]!;
  assert.equal(d.ruleId, 'from-not-digest-pinned');
  // Offsets count the BOM when the caller passes it (the CLI strips it first, as editors do).
  assert.deepEqual(d.range.start, { line: 0, character: 6 });
  assert.deepEqual(ids(`${BASE}\nRUN\trpm-ostree install\ttree\t&&\tbootc container lint`), ['rpm-ostree-no-cleanup']);
  assert.doesNotThrow(() => lintContainerfile(Buffer.from([0xff, 0xfe, 0x46, 0x52, 0x4f, 0x4d]).toString('utf8')));
});

test('non-ASCII text before a word keeps ranges in UTF-16 columns', () => {
  const text = `${BASE}\nRUN echo "héllo→" > /etc/motd && rpm-ostree kargs x`;
  const d = lintContainerfile(text).diagnostics.find((x) => x.ruleId === 'rpm-ostree-unsupported-verb')!;
  const line = text.split('\n')[1]!;
  assert.equal(line.slice(d.range.start.character, d.range.end.character), 'kargs');
});

test('only the OS stages are judged', () => {
  const text = `FROM fedora:40 AS build\nRUN dnf install -y gcc usbguard && mkdir /opt/x\n${BASE}\nCOPY --from=build /opt/x /usr/lib/x\nRUN echo ok > /etc/x && ostree container commit`;
  assert.deepEqual(ids(text, { ocpVersion: '4.14' }), []);
});

test('detectKind', () => {
  assert.equal(detectKind('/a/Containerfile'), 'containerfile');
  assert.equal(detectKind('Containerfile.rt'), 'containerfile');
  assert.equal(detectKind('x/kernel.containerfile'), 'containerfile');
  assert.equal(detectKind('Dockerfile'), 'containerfile');
  assert.equal(detectKind('mc.yaml'), 'yaml');
  assert.equal(detectKind('README.md'), null);
});
