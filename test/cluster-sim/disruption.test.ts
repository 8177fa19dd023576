/** MCO's node disruption algorithm (disruption.ts) case by case, and MachineConfiguration/cluster in the simulator. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { actionsFor, ClusterPolicies, RenderedLike, safeRegistriesChange } from '../harness/cluster-sim/disruption';
import { defaultClusterPolicies, mergeClusterPolicies } from '../harness/cluster-sim/machineConfiguration';
import { startSimulator, options, Simulator } from '../harness/cluster-sim/main';

const IMG = 'quay.io/base@sha256:' + 'b'.repeat(64);
const P = defaultClusterPolicies(21);
const file = (p: string, data = 'x') => ({ path: p, contents: { source: `data:,${encodeURIComponent(data)}` } });
const r = (
  over: Partial<RenderedLike> & {
    files?: ReturnType<typeof file>[];
    units?: { name: string; contents?: string }[];
    users?: unknown[];
  } = {},
): RenderedLike => ({
  osImageURL: over.osImageURL ?? IMG,
  kernelType: over.kernelType ?? 'default',
  extensions: over.extensions ?? [],
  kernelArguments: over.kernelArguments ?? [],
  fips: over.fips ?? false,
  config: {
    storage: { files: over.files ?? [] },
    systemd: { units: over.units ?? [] },
    ...(over.users ? { passwd: { users: over.users } } : {}),
  },
});
const types = (p: ClusterPolicies | null, a: RenderedLike, b: RenderedLike) => {
  const d = actionsFor(a, b, p);
  return {
    actions: d.actions.map((x) => (x.reload ? `Reload ${x.reload.serviceName}` : x.restart ? `Restart ${x.restart.serviceName}` : x.type)),
    drain: d.drain,
    reboot: d.reboot,
  };
};

test('osImageURL, kernelArguments, fips, kernelType and extensions always reboot (and drain), whatever the policies say', () => {
  const everything: ClusterPolicies = {
    files: [{ path: '/', actions: [{ type: 'None' }] }],
    units: [],
    sshkey: { actions: [{ type: 'None' }] },
  };
  for (const over of [
    { osImageURL: 'quay.io/x@sha256:' + '1'.repeat(64) },
    { kernelArguments: ['nosmt'] },
    { fips: true },
    { kernelType: 'realtime' },
    { extensions: ['usbguard'] },
  ])
    assert.deepEqual(types(everything, r(), r(over)), { actions: ['Reboot'], drain: true, reboot: true }, JSON.stringify(over));
  assert.equal(actionsFor(r(), r({ kernelType: 'realtime' }), P).reason, 'kernelType changed');
});

test('nothing in files, units or passwd changed: None, no drain', () => {
  assert.deepEqual(types(P, r(), r()), { actions: ['None'], drain: false, reboot: false });
});

test('a file without a policy reboots the whole update; the closest parent directory policy wins', () => {
  const d = actionsFor(r(), r({ files: [file('/etc/containers/policy.json'), file('/etc/foo.conf')] }), P);
  assert.deepEqual([d.reboot, d.drain, d.reason], [true, true, '/etc/foo.conf has no disruption policy']);
  const pol = mergeClusterPolicies(
    {
      files: [
        { path: '/etc/app', actions: [{ type: 'Drain' }] },
        { path: '/etc/app/conf.d', actions: [{ type: 'Reload', reload: { serviceName: 'app.service' } }] },
      ],
    },
    21,
  );
  assert.deepEqual(types(pol, r(), r({ files: [file('/etc/app/conf.d/a.conf')] })), {
    actions: ['Reload app.service'],
    drain: false,
    reboot: false,
  });
  assert.deepEqual(types(pol, r(), r({ files: [file('/etc/app/b.conf')] })), { actions: ['Drain'], drain: true, reboot: false });
  // A sibling whose name only starts with the policy path is not under it.
  assert.equal(actionsFor(r(), r({ files: [file('/etc/application.conf')] }), pol).reboot, true);
  // Removing a file counts as a change too.
  assert.deepEqual(types(P, r({ files: [file('/etc/containers/policy.json')] }), r()), {
    actions: ['Reload crio.service'],
    drain: false,
    reboot: false,
  });
});

test('defaults: pull secret None, policy.json reload, user CA restarts, registries.d directory; actions kept in order without dedup', () => {
  assert.deepEqual(types(P, r(), r({ files: [file('/var/lib/kubelet/config.json')] })), { actions: ['None'], drain: false, reboot: false });
  assert.deepEqual(
    types(
      P,
      r(),
      r({
        files: [file('/etc/containers/policy.json'), file('/etc/containers/registries.d/x.yaml'), file('/var/lib/kubelet/config.json')],
      }),
    ),
    { actions: ['Reload crio.service', 'Reload crio.service'], drain: false, reboot: false },
  );
  assert.deepEqual(types(P, r(), r({ files: [file('/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt')] })), {
    actions: ['Restart coreos-update-ca-trust.service', 'Restart crio.service'],
    drain: false,
    reboot: false,
  });
});

test('units need an exact policy; an SSH key change appends the sshkey actions (default None)', () => {
  const units = [{ name: 'app.service', contents: '[Service]' }];
  assert.deepEqual(types(P, r(), r({ units })), { actions: ['Reboot'], drain: true, reboot: true });
  const pol = mergeClusterPolicies(
    { units: [{ name: 'app.service', actions: [{ type: 'Restart', restart: { serviceName: 'app.service' } }] }] },
    21,
  );
  assert.deepEqual(types(pol, r(), r({ units })), { actions: ['Restart app.service'], drain: false, reboot: false });
  const users = [{ name: 'core', sshAuthorizedKeys: ['ssh-ed25519 AAAA'] }];
  assert.deepEqual(types(P, r(), r({ users })), { actions: ['None'], drain: false, reboot: false });
  const sshDrain = mergeClusterPolicies({ sshkey: { actions: [{ type: 'Drain' }] } }, 21);
  assert.deepEqual(types(sshDrain, r(), r({ users })), { actions: ['Drain'], drain: true, reboot: false });
});

test('any Reboot collapses to one Reboot; None next to other actions is dropped; DaemonReload does not drain', () => {
  const pol = mergeClusterPolicies(
    {
      files: [
        { path: '/etc/a', actions: [{ type: 'Reboot' }] },
        { path: '/etc/b', actions: [{ type: 'DaemonReload' }] },
      ],
    },
    21,
  );
  assert.deepEqual(types(pol, r(), r({ files: [file('/etc/containers/policy.json'), file('/etc/a')] })), {
    actions: ['Reboot'],
    drain: true,
    reboot: true,
  });
  assert.deepEqual(types(pol, r(), r({ files: [file('/var/lib/kubelet/config.json'), file('/etc/b')] })), {
    actions: ['DaemonReload'],
    drain: false,
    reboot: false,
  });
});

test('registries.conf (Special): a digest-only mirror added needs no drain; a deleted registry drains', () => {
  const conf = (body: string) => r({ files: [file('/etc/containers/registries.conf', body)] });
  const base = conf('unqualified-search-registries = ["registry.access.redhat.com"]\n[[registry]]\n  location = "quay.io/a"\n');
  const safe = conf(
    'unqualified-search-registries = ["registry.access.redhat.com", "docker.io"]\n[[registry]]\n  location = "quay.io/a"\n[[registry]]\n  location = "quay.io/b"\n  [[registry.mirror]]\n    location = "mirror.example.com/b"\n    pull-from-mirror = "digest-only"\n',
  );
  const unsafe = conf('unqualified-search-registries = ["registry.access.redhat.com"]\n');
  assert.equal(safeRegistriesChange(base, safe), true);
  assert.deepEqual(types(P, base, safe), { actions: ['Special'], drain: false, reboot: false });
  assert.deepEqual(types(P, base, unsafe), { actions: ['Special'], drain: true, reboot: false });
});

test('without the gate (4.16): unit changes reboot, registries.conf reloads crio, the user CA restarts crio, other files reboot', () => {
  assert.deepEqual(actionsFor(r(), r({ units: [{ name: 'a.service' }] }), null).legacy, ['reboot']);
  assert.deepEqual(actionsFor(r(), r({ files: [file('/etc/containers/registries.d/x.yaml')] }), null).legacy, ['reload crio']);
  assert.deepEqual(
    actionsFor(r(), r({ files: [file('/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt')] }), null).legacy,
    ['restart crio'],
  );
  assert.deepEqual(actionsFor(r(), r({ files: [file('/etc/nmstate/openshift/x.yml')] }), null).legacy, ['none']);
  assert.deepEqual(actionsFor(r(), r({ files: [file('/etc/foo')] }), null).legacy, ['reboot']);
});

test('defaults per version: 4.17 adds registries.d, nmstate and the user CA; 4.18 /etc/crio/policies; 4.22 the credential providers and IRI', () => {
  const paths = (m: number) => defaultClusterPolicies(m).files.map((f) => f.path);
  assert.equal(paths(16).length, 4);
  assert.ok(paths(17).includes('/etc/containers/registries.d') && !paths(17).includes('/etc/crio/policies'));
  assert.ok(paths(18).includes('/etc/crio/policies'));
  assert.ok(!paths(21).includes('/etc/kubernetes/credential-providers'));
  assert.ok(paths(22).includes('/etc/kubernetes/credential-providers'));
  assert.deepEqual(
    defaultClusterPolicies(22).units.map((u) => u.name),
    ['iri-registry.service'],
  );
  // A user entry for a default path replaces it in place; others are appended.
  const m = mergeClusterPolicies(
    {
      files: [
        { path: '/etc/containers/policy.json', actions: [{ type: 'Reboot' }] },
        { path: '/etc/x', actions: [{ type: 'None' }] },
      ],
    },
    21,
  );
  assert.deepEqual(m.files[2], { path: '/etc/containers/policy.json', actions: [{ type: 'Reboot' }] });
  assert.deepEqual(m.files.at(-1), { path: '/etc/x', actions: [{ type: 'None' }] });
});

let sim: Simulator;
let dir: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-sim-ndp-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kc'), speed: 40, ocpVersion: '4.19', nodes: { worker: 2, master: 1 } }));
});
after(async () => {
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) =>
    execFile('kubectl', ['--kubeconfig', path.join(dir, 'kc'), ...args], { timeout: 60_000 }, (e, out, err) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out, err }),
    ),
  );
}
const yaml = (name: string, body: string) => {
  const f = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(f, body);
  return f;
};

test('kubectl: MachineConfiguration/cluster publishes the merged clusterPolicies; the API rejects what the CEL rules and the name guard reject', async () => {
  const apply = await run(
    'apply',
    '--validate=false',
    '-f',
    yaml(
      'mcfg',
      [
        'apiVersion: operator.openshift.io/v1',
        'kind: MachineConfiguration',
        'metadata:',
        '  name: cluster',
        'spec:',
        '  nodeDisruptionPolicy:',
        '    files:',
        '    - path: /etc/motd',
        '      actions:',
        '      - type: None',
      ].join('\n'),
    ),
  );
  assert.equal(apply.code, 0, apply.err);
  const deadline = Date.now() + 10_000;
  let st: { observedGeneration?: number; nodeDisruptionPolicyStatus?: { clusterPolicies: ClusterPolicies } } = {};
  let gen = 0;
  while (Date.now() < deadline) {
    const o = JSON.parse((await run('get', 'machineconfiguration', 'cluster', '-o', 'json')).out);
    st = o.status;
    gen = o.metadata.generation;
    if (st?.observedGeneration === gen && st.nodeDisruptionPolicyStatus?.clusterPolicies.files?.some((f) => f.path === '/etc/motd')) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  assert.equal(st.observedGeneration, gen);
  assert.deepEqual(st.nodeDisruptionPolicyStatus!.clusterPolicies.files!.at(-1), { path: '/etc/motd', actions: [{ type: 'None' }] });
  assert.equal(st.nodeDisruptionPolicyStatus!.clusterPolicies.files!.length, defaultClusterPolicies(19).files.length + 1);

  const bad = await run(
    'apply',
    '--validate=false',
    '-f',
    yaml(
      'bad',
      [
        'apiVersion: operator.openshift.io/v1',
        'kind: MachineConfiguration',
        'metadata:',
        '  name: cluster',
        'spec:',
        '  nodeDisruptionPolicy:',
        '    units:',
        '    - name: app',
        '      actions:',
        '      - type: Reboot',
        '      - type: Reload',
      ].join('\n'),
    ),
  );
  assert.notEqual(bad.code, 0);
  assert.match(
    bad.err,
    /spec\.nodeDisruptionPolicy\.units\[0\]\.actions: Invalid value: "array": Reboot action can only be specified standalone, as it will override any other actions/,
  );
  assert.match(
    bad.err,
    /spec\.nodeDisruptionPolicy\.units\[0\]\.actions\[1\]: Invalid value: "object": reload is required when type is Reload, and forbidden otherwise/,
  );
  assert.match(bad.err, /spec\.nodeDisruptionPolicy\.units\[0\]\.name: Invalid value: "string": Invalid \$\{SERVICETYPE\} in service name/);

  const named = await run(
    'create',
    '--validate=false',
    '-f',
    yaml('named', 'apiVersion: operator.openshift.io/v1\nkind: MachineConfiguration\nmetadata:\n  name: other\nspec: {}\n'),
  );
  assert.notEqual(named.code, 0);
  assert.match(named.err, /Only a single object of MachineConfiguration is allowed and it must be named cluster\./);
});
