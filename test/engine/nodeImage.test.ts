/**
 * Every Dockerfile in a workspace is linted (the file name decides), but an application image is not
 * an RHCOS layering Containerfile: built on UBI, Fedora, CentOS or a `*-bootc` base, with nothing
 * that says it is for an OpenShift node, it gets no finding at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintContainerfile } from '../../server/src/lint';
import type { LintOptions } from '../../server/src/core/types';

const ids = (text: string, options: LintOptions = {}) =>
  lintContainerfile(text, options).diagnostics.map((d) => `${d.ruleId} ${d.severity}`);

const APP = [
  'FROM registry.access.redhat.com/ubi9/ubi',
  'RUN dnf install -y python3 && dnf clean all',
  'COPY app.py /opt/app/',
  'CMD ["python3", "/opt/app/app.py"]',
].join('\n');

test('an application Dockerfile FROM ubi9/ubi gets nothing, with or without an OpenShift version', () => {
  assert.deepEqual(ids(APP), []);
  assert.deepEqual(ids(APP, { ocpVersion: '4.16' }), []);
  assert.deepEqual(
    ids(
      'FROM quay.io/fedora/fedora:41 AS build\nRUN dnf install -y gcc\nFROM registry.access.redhat.com/ubi9/ubi-micro\nCOPY --from=build /x /x',
    ),
    [],
  );
  // A RHEL image mode file for standalone hosts, in a workspace without layered MachineConfigs.
  assert.deepEqual(
    ids('FROM registry.redhat.io/rhel9/rhel-bootc:9.6\nRUN dnf install -y tmux && dnf clean all && bootc container lint'),
    [],
  );
});

test('the same base with a sign of a node OS is linted, with the base as its first errors', () => {
  const withOsCommand = APP.replace('dnf install -y python3 && dnf clean all', 'rpm-ostree install python3 && ostree container commit');
  assert.deepEqual(ids(withOsCommand).slice(0, 2).sort(), ['from-not-coreos error', 'from-not-digest-pinned error']);
  const bootc = 'FROM registry.redhat.io/rhel9/rhel-bootc:9.6\nRUN dnf install -y tmux && dnf clean all && bootc container lint';
  const workspace = {
    machineConfigs: [{ file: 'mc.yaml', name: '99-worker-os', osImageURL: 'quay.io/x/y@sha256:' + 'a'.repeat(64), extensions: [] }],
    containerfileRpms: [],
  };
  assert.ok(ids(bootc, { workspace }).includes('from-not-coreos error'));
});

test('an unknown base keeps every rule: it may be a layering Containerfile', () => {
  assert.deepEqual(ids('FROM quay.io/a/b:2\nRUN true'), ['from-not-digest-pinned error']);
});
