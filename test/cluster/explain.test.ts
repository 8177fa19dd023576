/** "Why is this node degraded?": every failure of CURRENT.md §6, by its exact string, gets its cause, next step and command. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainNode, explanationMarkdown, imageIn } from '../../client/src/cluster/explain/explain';
import type { Findings } from '../../client/src/cluster/explain/explain';
import { FAILURES } from '../../client/src/cluster/explain/failures';

const IMG = `quay.io/my-org/rhcos-layered@sha256:${'a'.repeat(64)}`;
const REBASE = `Failed to update OS to ${IMG} after retries: error running rpm-ostree rebase --experimental ostree-unverified-registry:${IMG}: exit status 1`;
const node = (reason: string, more: Partial<Findings> = {}): Findings => ({ node: 'worker-1', pool: 'worker', reason, ...more });

/** [the text users see, where it is, the expected table entry, a word the cause must have, a piece of the command] */
const CASES: [string, Partial<Findings>, string, RegExp, string][] = [
  [
    `${REBASE}: error: Creating importer: failed to invoke method OpenImage: reading manifest sha256:${'a'.repeat(64)} in quay.io/my-org/rhcos-layered: unauthorized: access to the requested resource is not authorized`,
    {},
    'pull-unauthorized',
    /refused its credentials/,
    'openshift-config',
  ],
  [
    `${REBASE}: error: Creating importer: failed to invoke method OpenImage: reading manifest v1 in quay.io/my-org/rhcos-layered: manifest unknown`,
    {},
    'manifest-unknown',
    /deleted/,
    'skopeo inspect --authfile <pull-secret.json> docker://quay.io/my-org/rhcos-layered:v1',
  ],
  [`${REBASE}: A signature was required, but no signature exists`, {}, 'signature-policy', /ClusterImagePolicy/, 'clusterimagepolicy'],
  [
    `${REBASE}: Source image rejected: Running image docker://${IMG} is rejected by policy.`,
    {},
    'signature-policy',
    /signature policy/,
    'clusterimagepolicy',
  ],
  [
    `${REBASE}: pinging container registry registry.example.com: Get "https://registry.example.com/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    {},
    'x509',
    /CA/,
    'image.config.openshift.io/cluster',
  ],
  [
    `unexpected on-disk state validating against rendered-worker-0820700c2d496a3cacc73c82b7cd5c5f: expected target osImageURL "${IMG}", have "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${'b'.repeat(64)}"`,
    {},
    'on-disk-os-image',
    /old OS deployment/,
    'oc debug node/worker-1 -- chroot /host journalctl -u ostree-finalize-staged',
  ],
  [
    'unexpected on-disk state validating against rendered-worker-1: missing expected kernel arguments: [nosmt]',
    {},
    'missing-kargs',
    /kernel arguments/,
    'oc debug node/worker-1 -- chroot /host rpm-ostree kargs',
  ],
  [
    'unexpected on-disk state validating against rendered-worker-75b63269977b730732df5db05c4da3b7: content mismatch for file "/etc/containers/policy.json"',
    {},
    'config-drift',
    /changed on the node by hand/,
    '/run/machine-config-daemon-force',
  ],
  ['mode mismatch for file: "/etc/foo.conf"; expected: -rw-r--r--; received: -rwxrwxrwx', {}, 'config-drift', /by hand/, 'force'],
  [
    'machineconfig.machineconfiguration.openshift.io "rendered-worker-0123abcd" not found',
    {},
    'rendered-not-found',
    /deleted by hand/,
    'oc adm prune renderedmachineconfigs list --pool-name worker',
  ],
  [
    'Failed to build OS image for pool layered (MachineOSBuild: layered-5f1b2c): Failed: Build Failed',
    {},
    'build-failed',
    /build/,
    'oc logs -n openshift-machine-config-operator job/build-layered-5f1b2c -c image-build',
  ],
  ['unknown Dockerfile instruction: RUNN', {}, 'containerfile-prevalidation', /rejected/, 'machineosconfig worker'],
  ['Containerfile must contain at least one FROM instruction', {}, 'containerfile-prevalidation', /rejected/, 'machineosconfig'],
  ['line 3: ENV instruction must use key=value form', {}, 'containerfile-prevalidation', /rejected/, 'machineosconfig'],
  [
    'the following extension packages are missing from the staged deployment: [usbguard]',
    {},
    'extension-in-image',
    /extension/,
    'rpm-ostree status',
  ],
  [
    'MachineConfigPool worker targets a RHEL 10 OS image where runc is not available. To unblock, migrate to crun',
    {},
    'runc-rhel10',
    /runc/,
    'containerruntimeconfig',
  ],
  [
    'One or more machine config pools are degraded, please see `oc get mcp` for further details and resolve before upgrading',
    {},
    'degraded-pool-blocks-upgrade',
    /upgrade is blocked/,
    'oc get mcp',
  ],
  ['ClusterOperator machine-config Upgradeable=False InterruptedBuild', {}, 'interrupted-build', /evicted/, 'machineosbuild'],
  [
    'failed to drain node: worker-1 after 1 hour. Please see machine-config-controller logs for more information',
    {},
    'drain-pdb',
    /PodDisruptionBudget/,
    'oc get pdb -A',
  ],
  [REBASE, {}, 'os-update-failed', /rebase/, 'machine-config-daemon'],
];

for (const [text, more, id, cause, command] of CASES) {
  test(`${id}: ${text.slice(0, 70)}`, () => {
    const e = explainNode(node(text, more));
    assert.equal(e.id, id);
    assert.match(e.cause, cause);
    assert.ok(e.command.includes(command), `${e.command} has ${command}`);
    assert.equal(e.evidence?.where, 'node reason');
  });
}

test('every entry of the table is reached by one of the cases above', () => {
  const reached = new Set(CASES.map((c) => c[2]));
  assert.deepEqual(
    FAILURES.map((f) => f.id).filter((i) => !reached.has(i)),
    [],
  );
});

test('a generic reason is explained by the inner error in the daemon log, newest line first', () => {
  const e = explainNode(
    node(`Node worker-1 is reporting: "${REBASE}"`, {
      daemonPod: 'machine-config-daemon-x7k2p',
      log: [
        'I1130 10:00:00 update.go:2600] Updating OS to layered OS image',
        `W1130 10:00:05 rpm-ostree.go:308] ${REBASE}: reading manifest v1 in quay.io/my-org/rhcos-layered: manifest unknown`,
      ],
    }),
  );
  assert.equal(e.id, 'manifest-unknown');
  assert.equal(e.evidence?.where, 'daemon log');
  assert.match(e.evidence.text, /manifest unknown/);
});

test('a drain blocked by a PodDisruptionBudget is found in the Events when the reason is still empty', () => {
  const e = explainNode(
    node('', {
      events: [
        { reason: 'Drain', message: 'Draining node to update config.' },
        {
          reason: 'FailedToDrain',
          message: `error when evicting pods/"web-0" -n "shop" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
        },
      ],
    }),
  );
  assert.equal(e.id, 'drain-pdb');
  assert.equal(e.evidence?.where, 'Event');
});

test('the MachineConfigNode message is read when the annotation has been cleared', () => {
  const e = explainNode(node('', { mcnMessage: 'missing expected kernel arguments: [nosmt]' }));
  assert.equal(e.id, 'missing-kargs');
  assert.equal(e.evidence?.where, 'MachineConfigNode');
});

test('RenderDegraded on the pool is explained before any node moves', () => {
  const e = explainNode(
    node('', {
      poolMessages: ['MachineConfigPool worker targets a RHEL 10 OS image where runc is not available. To unblock, migrate to crun'],
    }),
  );
  assert.equal(e.id, 'runc-rhel10');
  assert.equal(e.evidence?.where, 'pool');
});

test('an unknown reason says so and gives the daemon log command with the pod name', () => {
  const e = explainNode(node('something nobody has seen before', { daemonPod: 'machine-config-daemon-abcde' }));
  assert.equal(e.id, undefined);
  assert.match(e.cause, /No known failure/);
  assert.equal(e.command, 'oc logs -n openshift-machine-config-operator machine-config-daemon-abcde -c machine-config-daemon --tail=200');
});

test('the image of a failure: rebase target, or the manifest that could not be read', () => {
  assert.equal(imageIn(REBASE), IMG);
  assert.equal(imageIn('reading manifest latest in quay.io/a/b: manifest unknown'), 'quay.io/a/b:latest');
  assert.equal(imageIn('nothing here'), undefined);
});

test('the Markdown answer has the cause, next step, the command fenced and the evidence; cluster text cannot break out of the fence', () => {
  const md = explanationMarkdown('worker-1', explainNode(node('content mismatch for file "/etc/x```\n# injected"')));
  assert.match(md, /^# Why is worker\\-1 degraded\?/);
  assert.match(md, /\*\*Next step:\*\*/);
  assert.ok(md.includes('```sh\noc debug node/worker-1 -- chroot /host touch /run/machine-config-daemon-force\n```'));
  assert.ok(!md.includes('x```'));
});

test('a very long reason is cut around the match', () => {
  const e = explainNode(node(`${'x'.repeat(2000)} manifest unknown ${'y'.repeat(2000)}`));
  assert.equal(e.id, 'manifest-unknown');
  assert.ok(e.evidence!.text.length <= 302);
  assert.match(e.evidence!.text, /manifest unknown/);
});

test("the pool's message quotes every degraded node: another node's failure does not explain this one", () => {
  const e = explainNode(
    node('unexpected on-disk state validating against rendered-worker-2: expected target osImageURL "a", have "b"', {
      poolMessages: [
        'Node worker-4 is reporting: "failed to drain node: worker-4 after 1 hour. Please see machine-config-controller logs"',
      ],
    }),
  );
  assert.equal(e.id, 'on-disk-os-image');
});
