/**
 * The plan before a write, for every case of CURRENT.md §3.3 (MCO pkg/daemon/update.go
 * calculatePostConfigChangeNodeDisruptionAction(FromMCDiffs), drain.go) and §3 "What the extension
 * should do": the exact line the modal shows per pool.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Obj } from '../../client/src/cluster/cluster';
import { predict } from '../../client/src/cluster/plan/predict';
import type { Change, PlanInput } from '../../client/src/cluster/plan/predict';
import { defaultClusterPolicies, livePolicies, mergeClusterPolicies } from '../../client/src/cluster/plan/policies';
import type { ClusterPolicies } from '../../client/src/cluster/plan/policies';
import { maxUnavailable } from '../../client/src/cluster/plan/waves';

const ROLE = 'machineconfiguration.openshift.io/role';

function pool(name: string, count: number, extra: Record<string, unknown> = {}): Obj {
  const roles = name === 'worker' || name === 'master' ? [name] : ['worker', name];
  return {
    metadata: { name },
    spec: { machineConfigSelector: { matchExpressions: [{ key: ROLE, operator: 'In', values: roles }] }, ...extra },
    status: { machineCount: count },
  };
}

function mc(name: string, spec: Record<string, unknown>, role = 'worker'): Obj {
  return { apiVersion: 'machineconfiguration.openshift.io/v1', kind: 'MachineConfig', metadata: { name, labels: { [ROLE]: role } }, spec };
}

const file = (path: string, data = 'x') => ({ path, mode: 420, contents: { source: `data:,${data}` } });
const files = (...fs: ReturnType<typeof file>[]) => ({ config: { ignition: { version: '3.4.0' }, storage: { files: fs } } });
const units = (...us: { name: string; contents?: string; enabled?: boolean }[]) => ({
  config: { ignition: { version: '3.4.0' }, systemd: { units: us } },
});
const ssh = (...keys: string[]) => ({
  config: { ignition: { version: '3.4.0' }, passwd: { users: [{ name: 'core', sshAuthorizedKeys: keys }] } },
});

/** The existing configs of a small cluster: MCO's 00-worker and a base file. */
const BASE = [
  mc('00-worker', { ...files(file('/etc/base.conf')), osImageURL: '' }),
  mc('00-master', files(file('/etc/base.conf')), 'master'),
];

function plan(change: Change, opts: Partial<PlanInput> = {}): string[] {
  return predict({ pools: [pool('worker', 12)], mcs: BASE, change, policies: null, version: '4.19', ...opts }).lines;
}

const first = (change: Change, opts: Partial<PlanInput> = {}) => plan(change, opts)[0];

test('step 2: an osImageURL change reboots whatever the policies say', () => {
  const everything = mergeClusterPolicies(defaultClusterPolicies('4.19'), { files: [{ path: '/', actions: [{ type: 'None' }] }] });
  assert.equal(
    first({ apply: mc('os-layer-worker', { osImageURL: 'quay.io/x/y@sha256:' + 'a'.repeat(64) }) }, { policies: everything }),
    'worker, 12 nodes: reboot (osImageURL changed: an OS image change always reboots)',
  );
});

test('step 2: kernel arguments, fips, kernelType and extensions always reboot', () => {
  assert.equal(
    first({ apply: mc('99-kargs', { kernelArguments: ['nosmt'] }) }),
    'worker, 12 nodes: reboot (kernel arguments changed: always reboots)',
  );
  assert.equal(first({ apply: mc('99-fips', { fips: true }) }), 'worker, 12 nodes: reboot (fips changed: always reboots)');
  assert.equal(first({ apply: mc('99-rt', { kernelType: 'realtime' }) }), 'worker, 12 nodes: reboot (kernelType changed: always reboots)');
  assert.equal(
    first({ apply: mc('99-ext', { extensions: ['usbguard'] }) }),
    'worker, 12 nodes: reboot (extensions changed: always reboots)',
  );
});

test('kernelType "default" is the same as none set: nothing rolls out', () => {
  assert.equal(
    first({ apply: mc('99-kt', { kernelType: 'default' }) }),
    'worker, 12 nodes: no change to the rendered config, nothing rolls out',
  );
});

test('step 3: a MachineConfig that changes nothing the daemon compares: nothing rolls out', () => {
  assert.equal(
    first({ apply: mc('99-same', files(file('/etc/base.conf'))) }),
    'worker, 12 nodes: no change to the rendered config, nothing rolls out',
  );
});

test('step 4: a file with an exact policy path: reload crio.service, no drain, no reboot', () => {
  assert.equal(
    first({ apply: mc('99-policy', files(file('/etc/containers/policy.json', '{}'))) }),
    'worker, 12 nodes: reload crio.service, no drain, no reboot',
  );
});

test('step 4: a file under a policy directory takes the directory policy', () => {
  assert.equal(
    first({ apply: mc('99-sigstore', files(file('/etc/containers/registries.d/quay.yaml'))) }),
    'worker, 12 nodes: reload crio.service, no drain, no reboot',
  );
  assert.equal(
    first({ apply: mc('99-nmstate', files(file('/etc/nmstate/openshift/br-ex.yml'))) }),
    'worker, 12 nodes: no action, no drain, no reboot',
  );
});

test('step 4: the longest matching policy path wins', () => {
  const policies = mergeClusterPolicies(defaultClusterPolicies('4.19'), {
    files: [
      { path: '/etc/app', actions: [{ type: 'Restart', restart: { serviceName: 'app.service' } }] },
      { path: '/etc/app/sub', actions: [{ type: 'Reload', reload: { serviceName: 'app.service' } }] },
    ],
  });
  assert.equal(
    first({ apply: mc('99-app', files(file('/etc/app/sub/x.conf'))) }, { policies }),
    'worker, 12 nodes: reload app.service, no drain, no reboot',
  );
  assert.equal(
    first({ apply: mc('99-app', files(file('/etc/app/y.conf'))) }, { policies }),
    'worker, 12 nodes: restart app.service, no drain, no reboot',
  );
  // "/etc/appx" is not under "/etc/app": no match.
  assert.equal(
    first({ apply: mc('99-app', files(file('/etc/appx'))) }, { policies }),
    'worker, 12 nodes: reboot (/etc/appx has no disruption policy)',
  );
});

test('step 4: one file without a policy makes the whole update reboot', () => {
  assert.equal(
    first({ apply: mc('99-two', files(file('/etc/containers/policy.json'), file('/etc/foo.conf'))) }),
    'worker, 12 nodes: reboot (/etc/foo.conf has no disruption policy)',
  );
});

test('step 4: a custom pool inherits the worker change, with its own node count', () => {
  const lines = predict({
    pools: [pool('worker', 12), pool('infra', 3)],
    mcs: BASE,
    change: { apply: mc('99-foo', files(file('/etc/foo.conf'))) },
    policies: null,
    version: '4.19',
  }).lines;
  assert.deepEqual(lines.slice(0, 2), [
    'worker, 12 nodes: reboot (/etc/foo.conf has no disruption policy)',
    'infra, 3 nodes: reboot (/etc/foo.conf has no disruption policy)',
  ]);
});

test('step 4: a removed file counts as changed (roll back = delete the MachineConfig)', () => {
  const mcs = [...BASE, mc('99-policy', files(file('/etc/containers/policy.json')))];
  assert.equal(first({ remove: '99-policy' }, { mcs }), 'worker, 12 nodes: reload crio.service, no drain, no reboot');
  const mcs2 = [...BASE, mc('99-foo', files(file('/etc/foo.conf')))];
  assert.equal(first({ remove: '99-foo' }, { mcs: mcs2 }), 'worker, 12 nodes: reboot (/etc/foo.conf has no disruption policy)');
});

test('step 5: a unit needs an exact unit policy, otherwise reboot', () => {
  assert.equal(
    first({ apply: mc('99-unit', units({ name: 'app.service', contents: '[Service]' })) }),
    'worker, 12 nodes: reboot (unit app.service has no disruption policy)',
  );
  const policies = mergeClusterPolicies(defaultClusterPolicies('4.19'), {
    units: [{ name: 'app.service', actions: [{ type: 'DaemonReload' }, { type: 'Restart', restart: { serviceName: 'app.service' } }] }],
  });
  assert.equal(
    first({ apply: mc('99-unit', units({ name: 'app.service', contents: '[Service]' })) }, { policies }),
    'worker, 12 nodes: systemd daemon-reload, restart app.service, no drain, no reboot',
  );
});

test('step 6: an SSH key change takes the sshkey policy (None by default; a user Drain drains)', () => {
  assert.equal(first({ apply: mc('99-ssh', ssh('ssh-ed25519 AAAA core')) }), 'worker, 12 nodes: no action, no drain, no reboot');
  const policies = mergeClusterPolicies(defaultClusterPolicies('4.19'), { sshkey: { actions: [{ type: 'Drain' }] } });
  assert.equal(first({ apply: mc('99-ssh', ssh('ssh-ed25519 AAAA core')) }, { policies }), 'worker, 12 nodes: drain, no reboot');
});

test('step 7: a Reboot anywhere collapses to one Reboot; None is dropped beside others; others keep their order without dedup', () => {
  const policies = mergeClusterPolicies(defaultClusterPolicies('4.19'), {
    files: [
      { path: '/etc/a', actions: [{ type: 'Reboot' }] },
      { path: '/etc/b', actions: [{ type: 'Reload', reload: { serviceName: 'crio.service' } }] },
    ],
  });
  assert.equal(
    first({ apply: mc('99-ab', files(file('/etc/a'), file('/etc/b'))) }, { policies }),
    'worker, 12 nodes: reboot (the policy for /etc/a says Reboot)',
  );
  assert.equal(
    first(
      { apply: mc('99-kb', files(file('/var/lib/kubelet/config.json'), file('/etc/b'), file('/etc/containers/policy.json'))) },
      { policies },
    ),
    'worker, 12 nodes: reload crio.service, reload crio.service, no drain, no reboot',
  );
});

test('step 8: a Drain policy drains without a reboot', () => {
  const policies = mergeClusterPolicies(defaultClusterPolicies('4.19'), { files: [{ path: '/etc/d.conf', actions: [{ type: 'Drain' }] }] });
  assert.equal(first({ apply: mc('99-d', files(file('/etc/d.conf'))) }, { policies }), 'worker, 12 nodes: drain, no reboot');
});

test('step 8: registries.conf is Special: reload crio, drain unless the change is safe', () => {
  assert.equal(
    first({ apply: mc('99-reg', files(file('/etc/containers/registries.conf'))) }),
    'worker, 12 nodes: reload crio.service, drain unless the registries.conf change only adds digest-only mirrors or unqualified-search registries, no reboot',
  );
});

test('the user CA bundle restarts two services in order', () => {
  assert.equal(
    first({ apply: mc('99-ca', files(file('/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt'))) }),
    'worker, 12 nodes: restart coreos-update-ca-trust.service, restart crio.service, no drain, no reboot',
  );
});

test('defaults per version: /etc/crio/policies reloads from 4.18, reboots on 4.17', () => {
  const change = { apply: mc('99-crio', files(file('/etc/crio/policies/p.json'))) };
  assert.equal(first(change, { version: '4.18' }), 'worker, 12 nodes: reload crio.service, no drain, no reboot');
  assert.equal(first(change, { version: '4.17' }), 'worker, 12 nodes: reboot (/etc/crio/policies/p.json has no disruption policy)');
  const cred = { apply: mc('99-cred', files(file('/etc/kubernetes/credential-providers/ecr.yaml'))) };
  assert.equal(first(cred, { version: '4.22' }), 'worker, 12 nodes: restart kubelet.service, no drain, no reboot');
  assert.equal(
    first(cred, { version: '4.21' }),
    'worker, 12 nodes: reboot (/etc/kubernetes/credential-providers/ecr.yaml has no disruption policy)',
  );
});

test('4.16 and older: the fixed table; any unit change reboots; the CA bundle restarts crio', () => {
  assert.equal(
    first({ apply: mc('99-p', files(file('/etc/containers/policy.json'))) }, { version: '4.16' }),
    'worker, 12 nodes: reload crio.service, no drain, no reboot',
  );
  assert.equal(
    first({ apply: mc('99-ca', files(file('/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt'))) }, { version: '4.16' }),
    'worker, 12 nodes: restart crio.service, no drain, no reboot',
  );
  assert.equal(
    first({ apply: mc('99-u', units({ name: 'app.service', enabled: true })) }, { version: '4.16' }),
    'worker, 12 nodes: reboot (unit app.service changed: unit changes reboot before 4.17)',
  );
  assert.equal(
    first({ apply: mc('99-ssh', ssh('ssh-ed25519 AAAA')) }, { version: '4.15' }),
    'worker, 12 nodes: no action, no drain, no reboot',
  );
  assert.equal(
    first({ apply: mc('99-f', files(file('/etc/foo.conf'))) }, { version: '4.16' }),
    'worker, 12 nodes: reboot (/etc/foo.conf has no disruption policy before 4.17)',
  );
});

test('live clusterPolicies win over the defaults; a status behind its spec is not used', () => {
  const status = {
    metadata: { name: 'cluster', generation: 2 },
    status: {
      observedGeneration: 2,
      nodeDisruptionPolicyStatus: {
        clusterPolicies: {
          files: [{ path: '/etc/foo.conf', actions: [{ type: 'Reload', reload: { serviceName: 'foo.service' } }] }],
          units: [],
          sshkey: { actions: [{ type: 'None' }] },
        },
      },
    },
  };
  const live = livePolicies(status) as ClusterPolicies;
  assert.equal(
    first({ apply: mc('99-foo', files(file('/etc/foo.conf'))) }, { policies: live }),
    'worker, 12 nodes: reload foo.service, no drain, no reboot',
  );
  assert.equal(livePolicies({ ...status, metadata: { name: 'cluster', generation: 3 } }), null);
  assert.equal(livePolicies({ metadata: {}, status: { nodeDisruptionPolicyStatus: { clusterPolicies: { files: [{ path: 1 }] } } } }), null);
});

test('the plan names where its policies came from', () => {
  const p = (o: Partial<PlanInput>) =>
    predict({ pools: [pool('worker', 1)], mcs: BASE, change: { remove: 'x' }, policies: null, version: '4.19', ...o }).policySource;
  assert.equal(p({}), "MachineConfiguration/cluster could not be read: MCO's default policies for OpenShift 4.19");
  assert.equal(p({ policies: defaultClusterPolicies('4.19') }), 'node disruption policies from MachineConfiguration/cluster');
  assert.equal(p({ version: '4.16' }), "OpenShift 4.16: the daemon's fixed table (node disruption policies start in 4.17)");
});

test('a paused pool: queued, then what it will do', () => {
  assert.deepEqual(
    predict({
      pools: [pool('infra', 3, { paused: true })],
      mcs: BASE,
      change: { apply: mc('99-foo', files(file('/etc/foo.conf'))) },
      policies: null,
      version: '4.19',
    }).lines,
    ['infra, 3 nodes: paused: queued until the pool is resumed, then reboot (/etc/foo.conf has no disruption policy)'],
  );
});

test('on-cluster layered pools: 4.18–4.19 rebuild and reboot; 4.20+ the policy applies with a note', () => {
  const change = { apply: mc('99-p', files(file('/etc/containers/policy.json'))) };
  const layeredPools = new Set(['worker']);
  assert.equal(
    first(change, { layeredPools, version: '4.19' }),
    'worker, 12 nodes: rebuild the layered image, then reboot (on-cluster layering before 4.20)',
  );
  assert.equal(
    first(change, { layeredPools, version: '4.20' }),
    'worker, 12 nodes: reload crio.service, no drain, no reboot (on-cluster layered pool: the policy applies; the documentation says reboot)',
  );
});

test('no pool selects it: said so', () => {
  assert.deepEqual(plan({ apply: mc('99-x', files(file('/etc/foo.conf')), 'nobody') }), [
    'No pool selects this MachineConfig; no node changes',
  ]);
});

test('waves: maxUnavailable as an int or a percentage rounded down as MCO does, never 0; zones in order', () => {
  assert.equal(maxUnavailable(pool('worker', 12), 12), 1);
  assert.equal(maxUnavailable(pool('worker', 12, { maxUnavailable: 3 }), 12), 3);
  assert.equal(maxUnavailable(pool('worker', 12, { maxUnavailable: '25%' }), 12), 3);
  assert.equal(maxUnavailable(pool('worker', 10, { maxUnavailable: '25%' }), 10), 2);
  assert.equal(maxUnavailable(pool('worker', 3, { maxUnavailable: '10%' }), 3), 1);
  assert.equal(maxUnavailable(pool('arbiter', 3, { maxUnavailable: 3 }), 3), 1);
  const node = (name: string, zone: string): Obj => ({
    metadata: {
      name,
      labels: { 'topology.kubernetes.io/zone': zone },
      annotations: { 'machineconfiguration.openshift.io/currentConfig': 'rendered-worker-abc' },
    },
  });
  const lines = predict({
    pools: [pool('worker', 10, { maxUnavailable: '25%' })],
    mcs: BASE,
    change: { apply: mc('99-foo', files(file('/etc/foo.conf'))) },
    policies: null,
    version: '4.19',
    nodes: [node('b1', 'us-east-1b'), node('a1', 'us-east-1a')],
  }).lines;
  assert.equal(lines[1], 'worker: 5 waves of up to 2 nodes (maxUnavailable), zone by zone: us-east-1a, us-east-1b');
  assert.equal(
    predict({
      pools: [pool('worker', 4, { maxUnavailable: 'lots' })],
      mcs: BASE,
      change: { apply: mc('99-foo', files(file('/etc/foo.conf'))) },
      policies: null,
      version: '4.19',
    }).lines[1],
    'worker: 4 waves of up to 1 node (maxUnavailable) (maxUnavailable "lots" is neither an integer nor a percentage; assumed 1)',
  );
});

test('MCO merge order: a later config by name overrides a file, a custom pool config overrides worker ones', () => {
  const mcs = [...BASE, mc('50-a', files(file('/etc/foo.conf', 'one'))), mc('60-b', files(file('/etc/foo.conf', 'two')))];
  // Re-applying 50-a with new content changes nothing: 60-b wins on that path.
  assert.equal(
    first({ apply: mc('50-a', files(file('/etc/foo.conf', 'three'))) }, { mcs }),
    'worker, 12 nodes: no change to the rendered config, nothing rolls out',
  );
  const infra = [...BASE, mc('99-infra', files(file('/etc/foo.conf', 'infra')), 'infra')];
  const lines = predict({
    pools: [pool('worker', 12), pool('infra', 3)],
    mcs: infra,
    change: { apply: mc('00-zz', files(file('/etc/foo.conf', 'w'))) },
    policies: null,
    version: '4.19',
  }).lines;
  assert.deepEqual(lines.slice(0, 2), [
    'worker, 12 nodes: reboot (/etc/foo.conf has no disruption policy)',
    'infra, 3 nodes: no change to the rendered config, nothing rolls out',
  ]);
});

test('a pool still rolling out, or paused with a change queued: the plan says its nodes take both changes', () => {
  const change = { apply: mc('99-foo', files(file('/etc/foo.conf'))) };
  const rolling = pool('worker', 12);
  rolling.status = { machineCount: 12, updatedMachineCount: 10 };
  assert.deepEqual(plan(change, { pools: [rolling] }).slice(1), [
    'worker: 12 waves of up to 1 node (maxUnavailable)',
    "worker: 2 of 12 nodes are still updating to the pool's current config; they take this change together with that one, which may do more than this plan says (a reboot if that change reboots). Waiting until the pool is Updated keeps the plan exact.",
  ]);
  const queued = pool('infra', 3, { paused: true });
  queued.status = { machineCount: 3, updatedMachineCount: 0 };
  assert.deepEqual(plan(change, { pools: [queued] }).slice(1), [
    'infra: paused with a change already queued for 3 of 3 nodes; on resume they take it together with this one, which may do more than this plan says (a reboot if that change reboots)',
  ]);
  const settled = pool('worker', 12);
  settled.status = { machineCount: 12, updatedMachineCount: 12 };
  assert.deepEqual(plan(change, { pools: [settled] }).slice(1), ['worker: 12 waves of up to 1 node (maxUnavailable)']);
});
