/** Insert Cluster Base Image: which FROM of a Containerfile gets the cluster's base image. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { osFromImageRange } from '../../client/src/build/osStage';

/** The line the base image goes to, and the text it replaces. */
function target(containerfile: string): { line: number; replaces: string } | null {
  const r = osFromImageRange(containerfile);
  if (!r) return null;
  assert.equal(r.start.line, r.end.line);
  return { line: r.start.line, replaces: containerfile.split('\n')[r.start.line]!.slice(r.start.character, r.end.character) };
}

test('one stage: the image of its FROM, flags and stage name kept', () => {
  const base = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev:rhcos';
  assert.deepEqual(target(`FROM ${base}\nRUN rpm-ostree install vim\n`), { line: 0, replaces: base });
  const cf = ['# a comment', 'FROM --platform=linux/amd64 quay.io/x/rhcos:4.16 AS os', 'RUN true'].join('\n');
  assert.deepEqual(target(cf), { line: 1, replaces: 'quay.io/x/rhcos:4.16' });
});

test('several stages: the last FROM, the one the nodes boot', () => {
  const cf = [
    'FROM registry.access.redhat.com/ubi9/go-toolset AS build',
    'RUN go build ./...',
    'FROM quay.io/x/rhcos:4.16',
    'COPY --from=build /out /usr/bin/',
  ].join('\n');
  assert.deepEqual(target(cf), { line: 2, replaces: 'quay.io/x/rhcos:4.16' });
});

test("a last FROM naming an earlier stage: that stage's FROM, through aliases, case-insensitively", () => {
  const cf = ['FROM quay.io/x/rhcos:4.16 AS Base', 'RUN true', 'FROM golang AS build', 'FROM base AS os', 'FROM os'].join('\n');
  assert.deepEqual(target(cf), { line: 0, replaces: 'quay.io/x/rhcos:4.16' });
});

test('no FROM: nothing to replace, the command inserts a FROM line at the cursor instead', () => {
  assert.equal(osFromImageRange(''), null);
  assert.equal(osFromImageRange('RUN true\n'), null);
});
