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

const PUSH = 'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest';
const BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'b'.repeat(64);
let sim: Simulator;
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
});

after(async () => {
  await sim.stop();
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
