import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/service/completion';
import { hover } from '../../server/src/service/hover';
import { lintContainerfile } from '../../server/src/lint';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
const docs = (id: string) => `docs/rules/${id}.md`;

test('`bootc container lint` is completed and explained like `ostree container commit`', () => {
  const text = `${BASE}\nRUN dnf install -y tree && bootc container `;
  assert.deepEqual(
    complete(text, { line: 1, character: text.split('\n')[1]!.length }).map((c) => c.label),
    ['lint'],
  );
  assert.deepEqual(
    complete(`${BASE}\nRUN bootc `, { line: 1, character: 10 }).map((c) => c.label),
    ['container'],
  );
  const line = 'RUN dnf install -y tree && bootc container lint';
  const h = hover(`${BASE}\n${line}`, { line: 1, character: line.indexOf('lint') + 1 }, [], docs)!;
  assert.match(h.markdown, /\*\*bootc container lint\*\*.*from 4\.19/s);
});

test("a rule's hover shows the diagnostic's severity, which depends on the version", () => {
  const text = `${BASE}\nRUN rpm-ostree install tree`;
  for (const [ocp, severity] of [
    ['4.15', 'error'],
    ['4.16', 'warning'],
  ] as const) {
    const diags = lintContainerfile(text, { ocpVersion: ocp }).diagnostics.filter((d) => d.ruleId === 'missing-ostree-commit');
    const h = hover(text, { line: 1, character: 1 }, diags, docs)!;
    assert.match(h.markdown, new RegExp(`\`missing-ostree-commit\` \\(${severity}\\)`));
  }
});

test('the hover of a version-dependent rule names the version set, and a rule that reads no version says nothing of it', () => {
  const text = `${BASE}\nRUN rpm-ostree install tree && curl -o /tmp/x http://example.com/x`;
  const diags = lintContainerfile(text, { ocpVersion: '4.18' }).diagnostics;
  const commit = diags.filter((d) => d.ruleId === 'missing-ostree-commit');
  const http = diags.filter((d) => d.ruleId === 'insecure-http');
  assert.equal(commit.length, 1);
  assert.equal(http.length, 1);
  const setting = { from: 'setting', version: '4.18' } as const;
  assert.match(
    hover(text, { line: 1, character: 1 }, commit, docs, setting)!.markdown,
    /Judged for OpenShift 4\.18 \(setting `rhcosLayering\.ocpVersion`\)/,
  );
  const at = http[0]!.range.start;
  assert.doesNotMatch(hover(text, at, http, docs, setting)!.markdown, /Judged for/);
});
