/**
 * On-cluster image mode in the simulator, through real kubectl: MachineOSConfig -> MachineOSBuild -> build Job
 * and its streamed buildah log -> rollout to the built digest -> rebuild -> failures -> revert.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options, Simulator } from '../harness/cluster-sim/main';
import { setUpImageMode } from '../harness/cluster-sim/demo';
import type { Obj, WatchEvent } from '../harness/cluster-sim/store';

const ANN = 'machineconfiguration.openshift.io/';
const NS = 'openshift-machine-config-operator';
const PUSH = 'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest';
const BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'b'.repeat(64);
let sim: Simulator;
/** A faster one, for builds that fail (each fails 4 times: the Job's backoffLimit is 3). */
let fast: Simulator;
let dir: string;

function run(args: string[], kc = sim.kubeconfig): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', kc, ...args], { encoding: 'utf8', timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function kubectl(...args: string[]): Promise<string> {
  return kubectlOn(sim, ...args);
}

async function kubectlOn(s: Simulator, ...args: string[]): Promise<string> {
  const r = await run(args, s.kubeconfig);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A kubectl that keeps running (logs -f, get -w): its output as it arrives, with what the cluster held then. */
function stream(args: string[], snapshot: () => unknown = () => null) {
  const child = spawn('kubectl', ['--kubeconfig', sim.kubeconfig, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: { text: string; then: unknown }[] = [];
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => chunks.push({ text: c.toString(), then: snapshot() }));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return { chunks, text: () => chunks.map((c) => c.text).join(''), stderr: () => stderr, done, stop: () => child.kill() };
}

async function until<T>(what: string, f: () => T | undefined | null | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function mosc(pool: string, content: string, extra: { push?: string; secret?: string; name?: string } = {}): string {
  const f = path.join(dir, `mosc-${Math.random().toString(36).slice(2)}.yaml`);
  const indented = content
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
  fs.writeFileSync(
    f,
    [
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: MachineOSConfig',
      'metadata:',
      `  name: ${extra.name ?? pool}`,
      'spec:',
      '  machineConfigPool:',
      `    name: ${pool}`,
      '  imageBuilder:',
      '    imageBuilderType: Job',
      '  renderedImagePushSecret:',
      `    name: ${extra.secret ?? 'builder-dockercfg-sim7x'}`,
      `  renderedImagePushSpec: ${extra.push ?? PUSH}`,
      '  containerFile:',
      '  - containerfileArch: NoArch',
      '    content: |-',
      indented,
      '',
    ].join('\n'),
  );
  return f;
}

const conds = (o: Obj | undefined) =>
  (o?.['status'] as { conditions?: { type: string; status: string; reason: string; message: string }[] })?.conditions ?? [];
const cond = (o: Obj | undefined, type: string) => conds(o).find((c) => c.type === type);
const isTrue = (o: Obj | undefined, type: string) => cond(o, type)?.status === 'True';
const mosbOf = (pool: string, s = sim) =>
  s.store.list('machineosbuilds').filter((b) => b.metadata.labels?.[`${ANN}target-machine-config-pool`] === pool);
const nodesOf = (role: string, s = sim) =>
  s.store.list('nodes').filter((n) => `node-role.kubernetes.io/${role}` in (n.metadata.labels ?? {}));
const ann = (n: Obj, k: string) => n.metadata.annotations?.[`${ANN}${k}`];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-sim-ocl-'));
  sim = await startSimulator(
    options({
      kubeconfig: path.join(dir, 'kubeconfig'),
      speed: 5,
      ocpVersion: '4.19',
      nodes: { master: 1, worker: 1, infra: 2 },
    }),
  );
  fast = await startSimulator(
    options({
      kubeconfig: path.join(dir, 'kubeconfig-fast'),
      speed: 40,
      ocpVersion: '4.18',
      nodes: { master: 1, worker: 1 },
      missingPackages: ['nosuchpkg'],
      refusePush: ['registry.refuses.example'],
    }),
  );
});

after(async () => {
  await sim.stop();
  await fast.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('discovery serves MachineOSConfig/MachineOSBuild v1alpha1 on 4.16–4.19 and v1 from 4.18', async () => {
  const served: Record<string, string[]> = {};
  for (const v of ['4.16', '4.19', '4.20']) {
    const kc = path.join(dir, `kc-${v}`);
    const s = await startSimulator(options({ kubeconfig: kc, ocpVersion: v }));
    try {
      // api-resources lists each resource at the newest version that serves it; api-versions lists them all.
      const r = await run(['api-resources', '--api-group=machineconfiguration.openshift.io', '--no-headers'], kc);
      assert.equal(r.status, 0, r.stderr);
      const versions = await run(['api-versions'], kc);
      served[v] = [
        ...r.stdout
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('machineos'))
          .map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
        ...versions.stdout.split('\n').filter((l) => l.startsWith('machineconfiguration')),
      ];
    } finally {
      await s.stop();
    }
  }
  const mcfg = 'machineconfiguration.openshift.io';
  assert.deepEqual(served['4.16'], [
    `machineosbuilds ${mcfg}/v1alpha1`,
    `machineosconfigs ${mcfg}/v1alpha1`,
    `${mcfg}/v1`,
    `${mcfg}/v1alpha1`,
  ]);
  assert.deepEqual(served['4.19'], [`machineosbuilds ${mcfg}/v1`, `machineosconfigs ${mcfg}/v1`, `${mcfg}/v1`, `${mcfg}/v1alpha1`]);
  assert.deepEqual(served['4.20'], [`machineosbuilds ${mcfg}/v1`, `machineosconfigs ${mcfg}/v1`, `${mcfg}/v1`]);
  await assert.rejects(
    startSimulator(options({ kubeconfig: path.join(dir, 'kc-4.15'), ocpVersion: '4.15' })),
    /--ocp-version must be 4\.16 … 4\.23/,
  );
});

test('the API server rejects what the MachineOSConfig v1 CEL rules and schema reject, with its messages', async () => {
  const bad = async (file: string, message: RegExp) => {
    const r = await run(['create', '--validate=false', '-f', file]);
    assert.notEqual(r.status, 0, `accepted: ${fs.readFileSync(file, 'utf8')}`);
    assert.match(r.stderr, /MachineOSConfig\.machineconfiguration\.openshift\.io "[a-z]+" is invalid: /);
    assert.match(r.stderr, message);
  };
  await bad(
    mosc('infra', 'FROM configs AS final', { name: 'worker' }),
    /<nil>: Invalid value: "object": MachineOSConfig name must match the referenced MachineConfigPool name; can only have one MachineOSConfig per MachineConfigPool/,
  );
  for (const push of ['localhost:5000/os:latest', 'quay.io/my.org/os:latest', 'quay.io/org/os', 'quay.io/org/os@sha256:' + '1'.repeat(64)])
    await bad(
      mosc('infra', 'FROM configs AS final', { push }),
      /spec\.renderedImagePushSpec: Invalid value: "string": the OCI Image name should follow the host\[:port\]\[\/namespace\]\/name format, resembling a valid URL without the scheme\. Or it must be a valid \.svc followed by a port, repository, image name, and tag\./,
    );
  await bad(
    mosc('infra', 'FROM configs AS final\n' + 'RUN true\n'.repeat(512)),
    /spec\.containerFile\[0\]\.content: Too long: may not be more than 4096 bytes/,
  );
  const noarch = mosc('infra', 'FROM configs AS final');
  fs.writeFileSync(noarch, fs.readFileSync(noarch, 'utf8').replace('NoArch', 'noarch'));
  await bad(
    noarch,
    /spec\.containerFile\[0\]\.containerfileArch: Unsupported value: "noarch": supported values: "ARM64", "AMD64", "PPC64LE", "S390X", "NoArch"/,
  );
  const pod = mosc('infra', 'FROM configs AS final');
  fs.writeFileSync(pod, fs.readFileSync(pod, 'utf8').replace('imageBuilderType: Job', 'imageBuilderType: PodImageBuilder'));
  await bad(pod, /spec\.imageBuilder\.imageBuilderType: Unsupported value: "PodImageBuilder": supported values: "Job"/);
  // Valid ones are accepted (server dry run: nothing is built).
  for (const push of [PUSH, 'quay.io/org/os:latest', 'registry.example.com:5000/a/b/os:v1'])
    assert.match(
      await kubectl('create', '--dry-run=server', '--validate=false', '-f', mosc('infra', 'FROM configs AS final', { push })),
      /created \(server dry run\)/,
    );
  assert.equal(sim.store.list('machineosconfigs').length, 0);
});

test('kubectl logs -f follows a container log as it is written, and ends when the container does', async () => {
  const pod = 'logger-0';
  sim.store.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod, namespace: 'default' },
    spec: { containers: [{ name: 'main', image: BASE }] },
    status: { phase: 'Running' },
  });
  sim.logs.open('default', pod, 'main');
  sim.logs.write('default', pod, 'main', 'line 1');
  const follow = stream(['logs', '-f', pod]);
  await until('the first line', () => follow.text() === 'line 1\n', 30_000);
  for (let i = 2; i <= 4; i++) {
    sim.logs.write('default', pod, 'main', `line ${i}`);
    await until(`line ${i}`, () => follow.text().endsWith(`line ${i}\n`), 30_000);
  }
  assert.equal(follow.chunks.length, 4, 'each line arrived on its own, as it was written');
  sim.logs.end('default', pod, 'main');
  assert.equal(await follow.done, 0, follow.stderr());
  assert.equal(follow.text(), 'line 1\nline 2\nline 3\nline 4\n');
  assert.equal(await kubectl('logs', pod, '--tail=2'), 'line 3\nline 4\n');
  const bad = await run(['logs', pod, '-c', 'other']);
  assert.match(bad.stderr, /container other is not valid for pod logger-0/);
  await kubectl('delete', 'pod', pod);
});

test('a MachineOSConfig builds its pool an image: MOSB phases, streamed log, rollout to the digest, rebuild, revert', async () => {
  // Everything nodes go through, from the store's own event stream.
  const nodeEvents: Obj[] = [];
  const onEvent = (e: WatchEvent) => {
    if (e.plural === 'nodes' && e.object.metadata.name.startsWith('infra-')) nodeEvents.push(e.object);
  };
  sim.store.on('event', onEvent);
  const watching = sim.watches();
  const watch = stream(['get', 'machineosbuilds', '-w']);
  try {
    await until('kubectl get -w watching', () => sim.watches() > watching);
    const content = 'FROM configs AS final\nRUN dnf install -y tree && \\\n    dnf clean all && \\\n    ostree container commit';
    assert.match(
      await kubectl('apply', '--validate=false', '-f', mosc('infra', content)),
      /machineosconfig.machineconfiguration.openshift.io\/infra created/,
    );
    const mosb = (await until('a MachineOSBuild', () => mosbOf('infra')[0])).metadata.name;
    const pool = sim.store.get('machineconfigpools', 'infra')!;
    const rendered = (pool['spec'] as { configuration: { name: string } }).configuration.name;
    assert.match(mosb, /^infra-[0-9a-f]{32}$/);
    const built = sim.store.get('machineosbuilds', mosb)!;
    assert.deepEqual(built['spec'], { machineConfig: { name: rendered }, machineOSConfig: { name: 'infra' }, renderedImagePushSpec: PUSH });
    // The generated Containerfile: MCO's stages, then the user's content verbatim.
    const cf = sim.store.get('configmaps', `containerfile-${mosb}`, NS)!['data'] as { Containerfile: string };
    assert.match(
      cf.Containerfile,
      new RegExp(
        `FROM ${BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} AS configs[\\s\\S]*LABEL machineconfig=${rendered}\\n[\\s\\S]*\\n${content.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`,
      ),
    );
    // While it builds, the pool waits and says so.
    await until('Building', () => isTrue(sim.store.get('machineosbuilds', mosb), 'Building'));
    const waiting = sim.store.get('machineconfigpools', 'infra')!;
    assert.equal(cond(waiting, 'Updating')?.message, `Pool is waiting for OS image build to complete (mosb: ${mosb})`);
    assert.deepEqual(
      [
        cond(waiting, 'ImageBuildDegraded')?.status,
        cond(waiting, 'ImageBuildDegraded')?.reason,
        cond(waiting, 'ImageBuildDegraded')?.message,
      ],
      ['False', 'Building', 'Build started for pool infra'],
    );
    // kubectl resolves job/build-<mosb> to its pod through the Job's selector, and follows the log as it is written.
    const logs = stream(['logs', '-f', '-n', NS, `job/build-${mosb}`, '-c', 'image-build'], () =>
      isTrue(sim.store.get('machineosbuilds', mosb), 'Succeeded'),
    );
    assert.equal(await logs.done, 0, logs.stderr());
    const log = logs.text();
    const steps = log.split('\n').filter((l) => / STEP \d+\/\d+: /.test(l));
    assert.equal(steps[0], `[1/3] STEP 1/3: FROM ${BASE} AS extract`);
    assert.equal(steps.filter((l) => l.startsWith('[2/3]')).length, 9);
    assert.deepEqual(steps.slice(-2), [
      '[3/3] STEP 1/2: FROM configs AS final',
      '[3/3] STEP 2/2: RUN dnf install -y tree && dnf clean all && ostree container commit',
    ]);
    assert.match(log, /\n {2}Installing {7}: tree\nComplete!\n\[3\/3\] COMMIT /);
    assert.match(log, /Writing manifest to image destination\n$/);
    assert.ok(logs.chunks.length > 3, `the log came in ${logs.chunks.length} pieces`);
    assert.equal(logs.chunks[0]!.then, false, 'the first lines arrived while the build was still running');
    // Success: the digest on the MOSB and the MOSC, the Job and its objects gone, nodes on the image.
    const done = await until('Succeeded', () => {
      const b = sim.store.get('machineosbuilds', mosb);
      return isTrue(b, 'Succeeded') && b;
    });
    const digest = (done['status'] as { digestedImagePushSpec: string }).digestedImagePushSpec;
    assert.match(
      digest,
      /^image-registry\.openshift-image-registry\.svc:5000\/openshift-machine-config-operator\/os-image@sha256:[0-9a-f]{64}$/,
    );
    const config = sim.store.get('machineosconfigs', 'infra')!;
    assert.equal((config['status'] as { currentImagePullSpec: string }).currentImagePullSpec, digest);
    assert.equal(config.metadata.annotations?.[`${ANN}current-machine-os-build`], mosb);
    await kubectl('wait', '--for=condition=Updated', 'mcp/infra', '--timeout=60s');
    for (const n of nodesOf('infra'))
      assert.deepEqual([ann(n, 'currentImage'), ann(n, 'desiredImage'), ann(n, 'currentConfig')], [digest, digest, rendered]);
    for (const n of nodesOf('worker')) assert.equal(ann(n, 'currentImage'), BASE);
    assert.ok(
      nodeEvents.some((n) => (n['spec'] as { unschedulable?: boolean }).unschedulable),
      'a node was cordoned',
    );
    assert.equal(cond(sim.store.get('machineconfigpools', 'infra'), 'ImageBuildDegraded')?.reason, 'BuildSuccess');
    assert.equal((await kubectl('get', 'jobs,pods', '-n', NS, '-l', `${ANN}machine-os-build=${mosb}`, '-o', 'name')).trim(), '');
    assert.equal(sim.store.get('configmaps', `containerfile-${mosb}`, NS), undefined);
    // `kubectl get machineosbuilds` shows oc's columns, and -w showed the phases change.
    const table = (await kubectl('get', 'machineosbuilds')).split('\n');
    assert.deepEqual(table[0]!.split(/\s+/), ['NAME', 'PREPARED', 'BUILDING', 'SUCCEEDED', 'INTERRUPTED', 'FAILED', 'AGE']);
    assert.match(table[1]!, new RegExp(`^${mosb}\\s+False\\s+False\\s+True\\s+False\\s+False\\s+\\d+s$`));
    const seen = watch.text();
    assert.match(seen, new RegExp(`${mosb}\\s+True\\s+False\\s+False\\s+False\\s+False`), 'Prepared');
    assert.match(seen, new RegExp(`${mosb}\\s+False\\s+True\\s+False\\s+False\\s+False`), 'Building');
    assert.match(seen, new RegExp(`${mosb}\\s+False\\s+False\\s+True\\s+False\\s+False`), 'Succeeded');

    // The rebuild annotation: MCO builds the same MOSB again (a new image) and removes the annotation.
    await kubectl('annotate', 'machineosconfig', 'infra', `${ANN}rebuild=`);
    const rebuilt = await until('a rebuilt image', () => {
      const b = sim.store.get('machineosbuilds', mosb);
      const d = (b?.['status'] as { digestedImagePushSpec?: string } | undefined)?.digestedImagePushSpec;
      return isTrue(b, 'Succeeded') && d !== digest && d;
    });
    assert.equal(sim.store.get('machineosconfigs', 'infra')!.metadata.annotations?.[`${ANN}rebuild`], undefined);
    await until('nodes on the rebuilt image', () =>
      nodesOf('infra').every((n) => ann(n, 'currentImage') === rebuilt && ann(n, 'state') === 'Done'),
    );

    // A RUN that exits non-zero: the Job retries (backoffLimit 3), then the MOSB fails and the pool is ImageBuildDegraded.
    await kubectl('apply', '--validate=false', '-f', mosc('infra', 'FROM configs AS final\nRUN echo building && exit 3'));
    const failing = (await until('a second MOSB', () => mosbOf('infra').find((b) => b.metadata.name !== mosb))).metadata.name;
    await until('Failed', () => isTrue(sim.store.get('machineosbuilds', failing), 'Failed'), 90_000);
    const degraded = sim.store.get('machineconfigpools', 'infra')!;
    assert.deepEqual(
      [
        cond(degraded, 'ImageBuildDegraded')?.status,
        cond(degraded, 'ImageBuildDegraded')?.reason,
        cond(degraded, 'ImageBuildDegraded')?.message,
      ],
      ['True', 'BuildFailed', `Failed to build OS image for pool infra (MachineOSBuild: ${failing}): Failed: Build Failed`],
    );
    assert.equal(cond(degraded, 'Degraded')?.status, 'True');
    assert.deepEqual(
      [cond(degraded, 'Updating')?.status, cond(degraded, 'Updating')?.message],
      ['False', `Pool update stopped due to OS image build failure (mosb: ${failing})`],
    );
    const pods = (await kubectl('get', 'pods', '-n', NS, '-l', `job-name=build-${failing}`)).trim().split('\n');
    assert.equal(pods.length, 5, pods.join('\n'));
    for (const p of pods.slice(1)) assert.match(p, /\s0\/1\s+Init:Error\s+0\s+\d+s$/);
    assert.match((await kubectl('get', 'job', '-n', NS, `build-${failing}`)).split('\n')[1]!, /\sFailed\s+0\/1\s/);
    const failedLog = await kubectl('logs', '-n', NS, pods[1]!.split(/\s+/)[0]!, '-c', 'image-build');
    assert.match(
      failedLog,
      /\[3\/3\] STEP 2\/2: RUN echo building && exit 3\nsubprocess exited with status 3\nsubprocess exited with status 3\nError: building at STEP "RUN echo building && exit 3": exit status 3\n$/,
    );
    assert.match(
      await kubectl('get', 'events', '-n', NS),
      /Warning\s+BackoffLimitExceeded\s+job\/build-infra-[0-9a-f]{32}\s+Job has reached the specified backoff limit/,
    );
    for (const n of nodesOf('infra')) assert.equal(ann(n, 'currentImage'), rebuilt, 'a failed build changes no node');

    // Deleting the MOSC reverts each node to the base image, with two reboots, and removes the builds.
    nodeEvents.length = 0;
    await kubectl('delete', 'machineosconfig', 'infra');
    await until('the revert', () => nodesOf('infra').every((n) => ann(n, 'currentImage') === BASE && ann(n, 'state') === 'Done'));
    await kubectl('wait', '--for=condition=Updated', 'mcp/infra', '--timeout=60s');
    for (const name of ['infra-0', 'infra-1']) {
      let reboots = 0;
      let wasReady = true;
      for (const n of nodeEvents.filter((x) => x.metadata.name === name)) {
        const ready =
          ((n['status'] as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')?.status ?? '') ===
          'True';
        if (wasReady && !ready) reboots++;
        wasReady = ready;
      }
      assert.equal(reboots, 2, `${name} rebooted ${reboots} times`);
    }
    assert.deepEqual(mosbOf('infra'), []);
    assert.equal(cond(sim.store.get('machineconfigpools', 'infra'), 'ImageBuildDegraded'), undefined);
  } finally {
    sim.store.off('event', onEvent);
    watch.stop();
  }
});

test('builds fail as buildah does: a missing package, a refused push, no push secret', async () => {
  const failure = async (file: string, expected: RegExp) => {
    const before = new Set(mosbOf('worker', fast).map((b) => b.metadata.name));
    await kubectlOn(fast, 'apply', '--validate=false', '-f', file);
    const b = await until('a MOSB', () => mosbOf('worker', fast).find((x) => !before.has(x.metadata.name)));
    await until('Failed', () => isTrue(fast.store.get('machineosbuilds', b.metadata.name), 'Failed'), 90_000);
    const pod = fast.store.list('pods', NS).find((p) => p.metadata.labels?.['job-name'] === `build-${b.metadata.name}`)!;
    assert.match(await kubectlOn(fast, 'logs', '-n', NS, pod.metadata.name, '-c', 'image-build'), expected);
  };
  await failure(
    mosc('worker', 'FROM configs AS final\nRUN rpm-ostree install nosuchpkg tree && ostree container commit'),
    /\nerror: Packages not found: nosuchpkg\nsubprocess exited with status 1\nsubprocess exited with status 1\nError: building at STEP "RUN rpm-ostree install nosuchpkg tree && ostree container commit": exit status 1\n$/,
  );
  await failure(
    mosc('worker', 'FROM configs AS final\nRUN dnf install -y nosuchpkg'),
    /\nError: Unable to find a match: nosuchpkg\n[^]*\nError: building at STEP "RUN dnf install -y nosuchpkg": exit status 1\n$/,
  );
  await failure(
    mosc('worker', 'FROM configs AS final', { push: 'registry.refuses.example/org/os:latest' }),
    /\nError: pushing image "registry.refuses.example\/org\/os:latest" to "docker:\/\/registry.refuses.example\/org\/os:latest": writing blob: initiating layer upload to \/v2\/org\/os\/blobs\/uploads\/ in registry.refuses.example: denied: requested access to the resource is denied\n$/,
  );
  await failure(
    mosc('worker', 'FROM configs AS final', { secret: 'no-such-secret' }),
    /\nError: credential file is not accessible: faccessat \/tmp\/final-image-push-creds\/config.json: no such file or directory\n$/,
  );
  await failure(
    mosc('worker', 'FROM configs AS final\nCOPY app.conf /etc/app.conf'),
    /copier: stat: "\/app.conf": no such file or directory\n$/,
  );
  for (const n of nodesOf('worker', fast)) assert.equal(ann(n, 'currentImage'), BASE);
  await kubectlOn(fast, 'delete', 'machineosconfig', 'worker');
  await until('no worker builds', () => mosbOf('worker', fast).length === 0);
});

test('pods/log: tailLines, sinceTime, timestamps and the container a multi-container pod needs', async () => {
  await kubectlOn(fast, 'apply', '--validate=false', '-f', mosc('worker', 'FROM configs AS final\nRUN exit 7'));
  const b = await until('a MOSB', () => mosbOf('worker', fast)[0]);
  const pod = await until('a failed pod', () =>
    fast.store
      .list('pods', NS)
      .find((p) => p.metadata.labels?.['job-name'] === `build-${b.metadata.name}` && (p['status'] as { phase: string }).phase === 'Failed'),
  );
  const name = pod.metadata.name;
  const all = await kubectlOn(fast, 'logs', '-n', NS, name, '-c', 'image-build');
  assert.equal(await kubectlOn(fast, 'logs', '-n', NS, name, '-c', 'image-build', '--tail=2'), all.split('\n').slice(-3).join('\n'));
  const stamped = (await kubectlOn(fast, 'logs', '-n', NS, name, '-c', 'image-build', '--timestamps')).split('\n');
  assert.match(stamped[0]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \+ buildah bud /);
  const later = await kubectlOn(
    fast,
    'logs',
    '-n',
    NS,
    name,
    '-c',
    'image-build',
    `--since-time=${new Date(Date.now() + 60_000).toISOString()}`,
  );
  assert.equal(later, '');
  const r = await run(['get', '--raw', `/api/v1/namespaces/${NS}/pods/${name}/log`], fast.kubeconfig);
  assert.notEqual(r.status, 0);
  assert.match(
    r.stderr,
    new RegExp(
      `a container name must be specified for pod ${name}, choose one of: \\[create-digest-configmap\\] or one of the init containers: \\[image-build\\]`,
    ),
  );
  await kubectlOn(fast, 'delete', 'machineosconfig', 'worker');
});

test('a new rendered config rebuilds on 4.18; from 4.20 only when osImageURL, kernelType, extensions or kernelArguments change', async () => {
  const fileMc = (name: string, extra = '') => {
    const f = path.join(dir, `${name}.yaml`);
    fs.writeFileSync(
      f,
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
        `      - path: /etc/${name}.conf`,
        '        contents:',
        '          source: data:,hello',
        extra,
      ].join('\n'),
    );
    return f;
  };
  const succeeded = (s: Simulator, name: string) =>
    until(`${name} Succeeded`, () => isTrue(s.store.get('machineosbuilds', name), 'Succeeded'));
  const onImage = (s: Simulator) =>
    until('the pool on its image', () => {
      const p = s.store.get('machineconfigpools', 'worker')!;
      const target = (p['spec'] as { configuration: { name: string } }).configuration.name;
      const image = (s.store.get('machineosconfigs', 'worker')?.['status'] as { currentImagePullSpec?: string } | undefined)
        ?.currentImagePullSpec;
      return (
        isTrue(p, 'Updated') &&
        nodesOf('worker', s).every((n) => ann(n, 'currentConfig') === target && ann(n, 'currentImage') === image) &&
        image
      );
    });
  // 4.18: any new rendered config builds a new image.
  await kubectlOn(fast, 'apply', '--validate=false', '-f', mosc('worker', 'FROM configs AS final\nRUN dnf install -y tree'));
  const a = (await until('a MOSB', () => mosbOf('worker', fast)[0])).metadata.name;
  await succeeded(fast, a);
  const first = await onImage(fast);
  // The API server keeps a MachineOSBuild's spec as it is.
  const r = await run(
    ['patch', 'machineosbuild', a, '--type=merge', '-p', '{"spec":{"renderedImagePushSpec":"quay.io/org/other:latest"}}'],
    fast.kubeconfig,
  );
  assert.notEqual(r.status, 0);
  assert.match(
    r.stderr,
    /MachineOSBuild\.machineconfiguration\.openshift\.io ".*" is invalid: spec: Invalid value: "object": machineOSBuildSpec is immutable once set/,
  );
  await kubectlOn(fast, 'apply', '--validate=false', '-f', fileMc('50-worker-motd'));
  const b = (await until('a MOSB for the new config', () => mosbOf('worker', fast).find((x) => x.metadata.name !== a))).metadata.name;
  await succeeded(fast, b);
  assert.notEqual(await onImage(fast), first);
  await kubectlOn(fast, 'delete', 'machineosconfig', 'worker');
  await kubectlOn(fast, 'delete', 'mc', '50-worker-motd');

  const kc = path.join(dir, 'kc-4.20');
  const s20 = await startSimulator(options({ kubeconfig: kc, ocpVersion: '4.20', speed: 40, nodes: { master: 1, worker: 1 } }));
  try {
    await kubectlOn(s20, 'apply', '--validate=false', '-f', mosc('worker', 'FROM configs AS final\nRUN dnf install -y tree'));
    const c = (await until('a MOSB', () => mosbOf('worker', s20)[0])).metadata.name;
    await succeeded(s20, c);
    const image = await onImage(s20);
    // A file: the same build serves the new rendered config, and nodes take the config with the same image.
    await kubectlOn(s20, 'apply', '--validate=false', '-f', fileMc('50-worker-motd'));
    await until('the new config on the nodes', () => {
      const target = (s20.store.get('machineconfigpools', 'worker')!['spec'] as { configuration: { name: string } }).configuration.name;
      return nodesOf('worker', s20).every((n) => ann(n, 'currentConfig') === target && ann(n, 'state') === 'Done');
    });
    assert.deepEqual(
      mosbOf('worker', s20).map((x) => x.metadata.name),
      [c],
    );
    assert.equal(await onImage(s20), image);
    // Kernel arguments are in the image: a new build; editing the MOSC while it builds interrupts it.
    await kubectlOn(s20, 'apply', '--validate=false', '-f', fileMc('60-worker-kargs', 'kernelArguments:\n- nosmt'.replace(/^/gm, '  ')));
    const d = (await until('a MOSB for the kernel arguments', () => mosbOf('worker', s20).find((x) => x.metadata.name !== c))).metadata
      .name;
    await until('building', () => isTrue(s20.store.get('machineosbuilds', d), 'Building'));
    // (A direct write: at this speed a build is over before kubectl has started.)
    s20.store.mutate('machineosconfigs', 'worker', (m) => {
      (m['spec'] as { containerFile: { content: string }[] }).containerFile[0]!.content += ' htop';
      return m;
    });
    await until('interrupted', () => isTrue(s20.store.get('machineosbuilds', d), 'Interrupted'));
    assert.deepEqual((await kubectlOn(s20, 'get', 'machineosbuild', d, '--no-headers')).trim().split(/\s+/).slice(1, 6), [
      'False',
      'False',
      'False',
      'True',
      'False',
    ]);
    const e = (await until('a MOSB for the edited spec', () => mosbOf('worker', s20).find((x) => ![c, d].includes(x.metadata.name))))
      .metadata.name;
    await succeeded(s20, e);
    assert.notEqual(await onImage(s20), image);
  } finally {
    await s20.stop();
  }
});

test('npm start’s cluster: the infra pool runs its built image, next to plain worker and master pools', async () => {
  const kc = path.join(dir, 'kc-demo');
  const demo = await startSimulator(options({ kubeconfig: kc, ocpVersion: '4.19', nodes: { master: 3, worker: 3, infra: 2 } }));
  try {
    const started = Date.now();
    const image = await setUpImageMode(demo, 'infra', 1);
    assert.ok(Date.now() - started < 20_000, `set up in ${Date.now() - started} ms`);
    const builds = (await kubectlOn(demo, 'get', 'machineosbuilds', '--no-headers')).trim().split('\n');
    assert.equal(builds.length, 1);
    assert.match(builds[0]!, /^infra-[0-9a-f]{32}\s+False\s+False\s+True\s+False\s+False\s+\d+s$/);
    assert.match(await kubectlOn(demo, 'get', 'mcp'), /\ninfra\s+rendered-infra-[0-9a-f]{32}\s+True\s+False\s+False\s+2\s+2\s+2\s+0\s/);
    for (const n of nodesOf('infra', demo)) assert.equal(ann(n, 'currentImage'), image);
    for (const n of [...nodesOf('worker', demo), ...nodesOf('master', demo)]) assert.equal(ann(n, 'currentImage'), BASE);
  } finally {
    await demo.stop();
  }
});

test('a paused pool still builds and waits to roll out; a MachineOSBuild deleted while it builds takes its Job and pods', async () => {
  await kubectlOn(fast, 'patch', 'mcp', 'worker', '--type=merge', '-p', '{"spec":{"paused":true}}');
  await kubectlOn(fast, 'apply', '--validate=false', '-f', mosc('worker', 'FROM configs AS final\nRUN dnf install -y tree'));
  const b = (await until('a MOSB', () => mosbOf('worker', fast)[0])).metadata.name;
  await until('Succeeded', () => isTrue(fast.store.get('machineosbuilds', b), 'Succeeded'));
  await new Promise((r) => setTimeout(r, 500)); // 20 node-update delays at this speed
  const image = (fast.store.get('machineosbuilds', b)!['status'] as { digestedImagePushSpec: string }).digestedImagePushSpec;
  for (const n of nodesOf('worker', fast)) assert.equal(ann(n, 'currentImage'), BASE);
  assert.match(
    cond(fast.store.get('machineconfigpools', 'worker'), 'Updating')?.message ?? '',
    /^Pool is paused; will not update to rendered-worker-/,
  );
  await kubectlOn(fast, 'patch', 'mcp', 'worker', '--type=merge', '-p', '{"spec":{"paused":false}}');
  await until('the rollout', () => nodesOf('worker', fast).every((n) => ann(n, 'currentImage') === image && ann(n, 'state') === 'Done'));

  await kubectlOn(fast, 'annotate', 'machineosconfig', 'worker', `${ANN}rebuild=`);
  await until('the rebuild running', () => fast.store.list('pods', NS).some((p) => p.metadata.labels?.['job-name'] === `build-${b}`));
  fast.store.delete('machineosbuilds', b); // (direct: at this speed the build ends before kubectl starts)
  // The namespace also holds a machine-config-daemon pod per node: only build pods must go.
  await until(
    'its Job and pods gone',
    () =>
      !fast.store.list('jobs', NS).length &&
      !fast.store.list('pods', NS).some((p) => p.metadata.labels?.['k8s-app'] !== 'machine-config-daemon'),
  );
  await kubectlOn(fast, 'delete', 'machineosconfig', 'worker');
});
