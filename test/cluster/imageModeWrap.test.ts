/** Apply Containerfile to Pool without a cluster: the MachineOSConfig it wraps and the push spec it accepts as typed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  contentProblem,
  finalStageNotConfigs,
  machineOSConfigsIn,
  poolOf,
  withConfigsFinal,
  wrapContainerfile,
} from '../../client/src/cluster/moscWrap';
import { checkPushSpec, internalPushSpec } from '../../client/src/cluster/pushSpec';
import { osImageOnImageModePool } from '../../client/src/cluster/oclPoolNotice';
import { moscImpact } from '../../client/src/cluster/imageModeImpact';

const CF = 'FROM configs AS final\nRUN dnf install -y tree && dnf clean all && ostree container commit';
const API_MESSAGE =
  'the OCI Image name should follow the host[:port][/namespace]/name format, resembling a valid URL without the scheme. ' +
  'Or it must be a valid .svc followed by a port, repository, image name, and tag.';

test('a Containerfile becomes a v1 MachineOSConfig named after its pool, Job builder, one NoArch entry', () => {
  assert.deepEqual(wrapContainerfile({ pool: 'infra', containerfile: CF, pushSpec: 'quay.io/acme/os:latest', pushSecret: 'quay-push' }), {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineOSConfig',
    metadata: { name: 'infra' },
    spec: {
      machineConfigPool: { name: 'infra' },
      imageBuilder: { imageBuilderType: 'Job' },
      renderedImagePushSecret: { name: 'quay-push' },
      renderedImagePushSpec: 'quay.io/acme/os:latest',
      containerFile: [{ containerfileArch: 'NoArch', content: CF }],
    },
  });
});

test('a pull secret picked becomes baseImagePullSecret; none picked leaves MCO its global-pull-secret-copy', () => {
  const m = wrapContainerfile({ pool: 'worker', containerfile: CF, pushSpec: 'quay.io/a/b:c', pushSecret: 'p', pullSecret: 'pull' });
  assert.deepEqual(m.spec?.['baseImagePullSecret'], { name: 'pull' });
  const n = wrapContainerfile({ pool: 'worker', containerfile: CF, pushSpec: 'quay.io/a/b:c', pushSecret: 'p' });
  assert.equal('baseImagePullSecret' in n.spec!, false);
});

test('content over 4,096 characters (counted as characters, not bytes) and empty content are refused with a reason', () => {
  assert.equal(contentProblem(CF), null);
  assert.equal(contentProblem('é'.repeat(4096)), null, '4,096 two-byte characters still fit');
  assert.equal(
    contentProblem('x'.repeat(4097)),
    'The Containerfile has 4097 characters; a MachineOSConfig holds at most 4096 (containerFile[].content). ' +
      'Move long scripts into a package or an image the Containerfile copies from.',
  );
  assert.equal(contentProblem(' \n\t'), 'The Containerfile is empty.');
});

test('the last stage must be FROM configs AS final: an out-of-cluster FROM is found and can be rewritten', () => {
  assert.equal(finalStageNotConfigs(CF), null);
  assert.equal(finalStageNotConfigs('FROM quay.io/x/builder AS build\nRUN make\nFROM configs AS final\nCOPY --from=build /a /a'), null);
  const local = 'ARG BASE\nFROM --platform=linux/amd64 quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:abc\nRUN dnf install -y tree';
  assert.deepEqual(finalStageNotConfigs(local), {
    line: 1,
    text: 'FROM --platform=linux/amd64 quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:abc',
  });
  assert.equal(withConfigsFinal(local), 'ARG BASE\nFROM configs AS final\nRUN dnf install -y tree');
  assert.deepEqual(finalStageNotConfigs('FROM configs\nRUN true'), { line: 0, text: 'FROM configs' });
  assert.equal(finalStageNotConfigs('RUN true'), null, 'no FROM at all: left to the linter');
});

test('a MachineOSConfig YAML is used as it is: its documents of that kind, and the pool each names', () => {
  const yaml = `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfigPool
metadata:
  name: infra
---
apiVersion: machineconfiguration.openshift.io/v1
kind: MachineOSConfig
metadata:
  name: infra
spec:
  machineConfigPool:
    name: infra
`;
  const found = machineOSConfigsIn(yaml);
  assert.deepEqual(
    found.map((m) => [m.metadata.name, poolOf(m)]),
    [['infra', 'infra']],
  );
  assert.equal(poolOf({ metadata: { name: 'x' }, spec: {} }), '');
});

test('push spec: what the API accepts passes, the internal registry form included', () => {
  for (const ok of [
    'quay.io/acme/os-image:latest',
    'registry.example.com:5000/team/sub_team/os:4.19-hotfix',
    'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest',
    internalPushSpec('infra'),
  ])
    assert.equal(checkPushSpec(ok), null, ok);
  assert.equal(
    internalPushSpec('infra'),
    'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image-infra:latest',
  );
});

test("push spec: what the API refuses gets the API's message and what to change", () => {
  const cases: [string, string][] = [
    ['localhost:5000/os:latest', 'The registry host localhost:5000 needs a dot (a fully qualified name; localhost is refused).'],
    ['quay.io/acme/os', 'Add a tag, for example :latest (MCO replaces it with the build’s name).'],
    [`quay.io/acme/os@sha256:${'a'.repeat(64)}`, 'A digest is not allowed: MCO tags each build itself, so end with a tag such as :latest.'],
    ['https://quay.io/acme/os:latest', 'Leave out the scheme: start with the registry host.'],
    ['quay.io/my.org/os:latest', 'Namespaces may hold only letters, digits, - and _ (no dots), at most 61 each.'],
    ['os:latest', 'Add a repository: <registry host>/<repository>:<tag>.'],
  ];
  for (const [v, hint] of cases) assert.equal(checkPushSpec(v), `The API rejects it: "${API_MESSAGE}" ${hint}`, v);
  assert.match(checkPushSpec('')!, /^Enter where MCO pushes the built image/);
  assert.equal(checkPushSpec(`quay.io/${'a'.repeat(440)}:t`), 'At most 447 characters (this has 450).');
});

test('Apply Layered Image on an image-mode pool says, by release, which image the nodes end up booting', () => {
  const image = `quay.io/acme/os@sha256:${'a'.repeat(64)}`;
  const head = 'Pool infra builds its OS image on the cluster (MachineOSConfig infra).';
  const old =
    `Up to OpenShift 4.21 the MachineOSConfig's build wins: it builds on the release's base image, so ${image} changes neither ` +
    `the build nor what the nodes of pool infra boot. Put the change in the MachineOSConfig's Containerfile, or remove image mode from the pool first.`;
  const now =
    `From OpenShift 4.22 the osImageURL becomes the base of the pool's build: MCO builds MachineOSConfig infra again on top of ` +
    `${image}, and the nodes of pool infra then boot that build, not ${image} itself.`;
  assert.equal(osImageOnImageModePool('4.21', 'infra', 'infra', image), `${head} ${old}`);
  assert.equal(osImageOnImageModePool('4.19', 'infra', 'infra', image), `${head} ${old}`);
  assert.equal(osImageOnImageModePool('4.22', 'infra', 'infra', image), `${head} ${now}`);
  assert.equal(osImageOnImageModePool('5.0', 'infra', 'infra', image), `${head} ${now}`);
  assert.equal(osImageOnImageModePool(null, 'infra', 'infra', image), `${head} The cluster's version is unknown. ${old} ${now}`);
});

test('the modal says what the pool goes through: first build, paused pool, update, and a legacy MachineOSConfig replaced', () => {
  const infra = { name: 'infra', total: 2, paused: false };
  assert.deepEqual(moscImpact('prod', infra, { name: 'infra', existing: false, others: [] }), {
    headline:
      'prod: MCO builds an image for pool infra in a Job in openshift-machine-config-operator, then 2 nodes of pool infra are ' +
      'cordoned, drained and rebooted into it, one batch (maxUnavailable) at a time',
    detail: ['This creates the first MachineOSConfig of pool infra on prod (the server accepted it in a dry run).'],
    offerPause: false,
  });
  assert.equal(
    moscImpact('prod', { ...infra, paused: true }, { name: 'infra', existing: false, others: [] }).headline,
    'prod: MCO builds an image for pool infra in a Job in openshift-machine-config-operator, then pool infra is paused: the ' +
      'image is built, and no node updates until the pool is resumed',
  );
  const update = moscImpact('prod', { name: 'worker', total: 1, paused: false }, { name: 'worker', existing: true, others: [] });
  assert.equal(
    update.headline,
    'prod: MCO builds a new image for pool worker; the nodes keep theirs until the build succeeds, then 1 node of pool worker is ' +
      'cordoned, drained and rebooted into it, one batch (maxUnavailable) at a time',
  );
  assert.deepEqual(update.detail, ['This updates MachineOSConfig worker on prod (the server accepted it in a dry run).']);
  const legacy = moscImpact('prod', infra, { name: 'infra', existing: false, others: ['old-infra'] });
  assert.deepEqual(legacy.detail, [
    'This creates MachineOSConfig infra on prod (the server accepted it in a dry run).',
    'Pool infra already has MachineOSConfig old-infra; it is deleted first. Unless the pool is paused, every node then reverts ' +
      'to the base image (two reboots each) before the new build rolls out. Pausing the pool first avoids that; resume it once ' +
      'the new build has succeeded.',
  ]);
  assert.equal(legacy.offerPause, true);
  assert.equal(moscImpact('prod', { ...infra, paused: true }, { name: 'infra', existing: false, others: ['old-infra'] }).offerPause, false);
});
