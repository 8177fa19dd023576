/**
 * A simulated OpenShift cluster for tests and demos: the Kubernetes HTTP API plus the Machine
 * Config Operator's behaviour. Not a real API server.
 *
 *   npm run cluster-sim -- --help
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { Store } from './store';
import { createHandler } from './api';
import { Mco } from './mco';
import { seed } from './seed';
import { Logs } from './logs';
import { Ocl } from './ocl';
import { resourcesFor } from './resources';
import { OcpVersion, atLeast, parseVersion, show } from './version';
import { FailureKind, isFailureKind, parseFailures } from './failures';
import { applyPhase } from './mcn';

const HELP = `A simulated OpenShift cluster: the Kubernetes API plus the Machine Config Operator, for tests and demos.

  npm run cluster-sim -- --kubeconfig <file> [options]

  --kubeconfig <file>        where to write the kubeconfig (admin); <file>.readonly gets a read-only user
  --port <p>                 listen on 127.0.0.1:<p> (default: any free port)
  --ocp-version <4.x>        simulated OpenShift version, 4.16 … 4.23 (default 4.16). It picks the API served:
                             MachineOSConfig/MachineOSBuild v1alpha1 on 4.16–4.19, v1 (and image-mode builds)
                             from 4.18; and how MCO rebuilds (from 4.20 only on image-relevant changes)
  --nodes <role=n,...>       pools and node counts (default worker=3,master=3)
  --speed <x>                run every delay x times faster (default 1)
  --insecure-http            plain HTTP instead of HTTPS
  --require-digest           osImageURLs given by tag make nodes degrade
  --registry <file>          images the registry has, one a line (default: every digest-pinned reference)
  --missing-packages <a,b>   packages the build's RPM repositories do not have (dnf/rpm-ostree install fails)
  --refuse-push <host,...>   registries that refuse the build's push
  --fail <node>=<kind>,...   make a node's updates fail as MCO reports it; kinds: pull-unauthorized,
                             manifest-unknown, signature-rejected, x509 (OS image pulls), drain-pdb (eviction
                             blocked by a PodDisruptionBudget), ondisk-mismatch (after the reboot),
                             rendered-not-found, prepull-unauthorized (the pull of a PinnedImageSet's image, 4.19+)
  --help                     this text
`;

export interface Args {
  port: number;
  kubeconfig: string;
  nodes: Record<string, number>;
  speed: number;
  insecure: boolean;
  requireDigest: boolean;
  registry: string | null;
  /** The simulated OpenShift version, as `4.x`. */
  ocpVersion: string;
  missingPackages: string[];
  refusePush: string[];
  /** Injected failures by node name (`--fail`). */
  fail: Record<string, FailureKind>;
  /** A fixed admin token (tests that restart the simulator); random by default. */ token?: string;
  /** The cluster's base OS image (ConfigMap machine-config-osimageurl, the nodes' current image); npm start uses a local stand-in. */
  baseImage?: string;
}

/** What the simulator runs with when the command line or the caller says nothing (fresh arrays each time). */
function defaults(): Omit<Args, 'kubeconfig'> {
  return {
    port: 0,
    nodes: { worker: 3, master: 3 },
    speed: 1,
    insecure: false,
    requireDigest: false,
    registry: null,
    ocpVersion: '4.16',
    missingPackages: [],
    refusePush: [],
    fail: {},
  };
}

function parse(argv: string[]): Args {
  const a: Args = { ...defaults(), kubeconfig: '' };
  const list = (x: string) =>
    x
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--port') a.port = Number(v());
    else if (k === '--kubeconfig') a.kubeconfig = v();
    else if (k === '--speed') a.speed = Number(v());
    else if (k === '--insecure-http') a.insecure = true;
    else if (k === '--require-digest') a.requireDigest = true;
    else if (k === '--registry') a.registry = v();
    else if (k === '--ocp-version') a.ocpVersion = v();
    else if (k === '--missing-packages') a.missingPackages = list(v());
    else if (k === '--refuse-push') a.refusePush = list(v());
    else if (k === '--fail') a.fail = { ...a.fail, ...parseFailures(v()) };
    else if (k === '--nodes')
      a.nodes = Object.fromEntries(
        v()
          .split(',')
          .map((p) => {
            const [role, n] = p.split('=');
            return [role!, Number(n)];
          }),
      );
    else throw new Error(`unknown option ${k}`);
  }
  if (!a.kubeconfig) throw new Error('--kubeconfig <file> is required (--help lists the options)');
  parseVersion(a.ocpVersion);
  if (!(a.speed > 0)) throw new Error('--speed must be a positive number');
  return a;
}

/** A self-signed certificate for 127.0.0.1, made with openssl; it is also the CA in the kubeconfig. */
function certificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-sim-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=rhcos-layering-cluster-sim',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ],
    { stdio: 'ignore' },
  );
  const out = { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

function kubeconfig(server: string, token: string, ca: string | null): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: rhcos-layering-sim',
    '  cluster:',
    `    server: ${server}`,
    // Plain HTTP (--insecure-http): @kubernetes/client-node only speaks http:// with this flag set.
    ...(ca ? [`    certificate-authority-data: ${Buffer.from(ca).toString('base64')}`] : ['    insecure-skip-tls-verify: true']),
    'users:',
    '- name: sim-user',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: rhcos-layering-sim',
    '  context:',
    '    cluster: rhcos-layering-sim',
    '    user: sim-user',
    'current-context: rhcos-layering-sim',
    '',
  ].join('\n');
}

export interface Simulator {
  url: string;
  kubeconfig: string;
  store: Store;
  /** Container logs (the build pods'). */
  logs: Logs;
  /** Watch requests open right now, and TCP connections open right now (tests count them). */
  watches(): number;
  /** HTTP requests received since the start, of any kind (a test of Restricted Mode expects none). */
  requests(): number;
  connections(): number;
  /** Changes the speed of every delay from now on. */
  setSpeed(speed: number): void;
  /** Makes the node's update fail (now, or at its next update) as MCO reports `kind` (failures.ts). */
  injectFailure(node: string, kind: FailureKind): void;
  /** Lifts an injected failure: a node degraded by it retries its update. */
  clearFailure(node: string): void;
  /** The certificate (also the CA in the kubeconfig) and its key, for a test proxy that stands in for the server. */
  tls: { key: string; cert: string } | null;
  stop(): Promise<void>;
}

/** Starts a simulator in this process (the CLI and the tests use this). */
export async function startSimulator(args: Args): Promise<Simulator> {
  const version: OcpVersion = parseVersion(args.ocpVersion);
  const store = new Store();
  const releaseImage = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:';
  const baseImage = args.baseImage ?? releaseImage + 'b'.repeat(64);
  const extensionsImage = releaseImage + 'e'.repeat(64);
  seed(store, args.nodes, baseImage, version);
  const registry = args.registry
    ? new Set(
        fs
          .readFileSync(args.registry, 'utf8')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      )
    : null;
  const logs = new Logs();
  const ocl = new Ocl(store, logs, {
    speed: args.speed,
    version,
    baseImage,
    extensionsImage,
    releaseVersion: `${show(version)}.0`,
    missingPackages: new Set(args.missingPackages),
    refusingRegistries: new Set(args.refusePush),
    registry,
  });
  const mco = new Mco(store, { speed: args.speed, baseImage, registry, requireDigest: args.requireDigest, ocl, version, logs });
  for (const [node, kind] of Object.entries(args.fail)) mco.failures.set(node, kind);
  mco.renderNow(); // render the initial configuration before anyone looks (nodes start on it)
  for (const n of store.list('nodes')) {
    const role = Object.keys(n.metadata.labels ?? {})
      .find((l) => l.startsWith('node-role.kubernetes.io/'))!
      .split('/')[1]!;
    const rendered = (store.get('machineconfigpools', role)?.['spec'] as { configuration?: { name: string } })?.configuration?.name ?? '';
    store.mutate('nodes', n.metadata.name, (x) => {
      x.metadata.annotations = {
        ...(x.metadata.annotations ?? {}),
        'machineconfiguration.openshift.io/currentConfig': rendered,
        'machineconfiguration.openshift.io/desiredConfig': rendered,
        'machineconfiguration.openshift.io/currentImage': baseImage,
        'machineconfiguration.openshift.io/desiredImage': baseImage,
      };
      return x;
    });
  }
  mco.daemon.ensurePods();
  if (atLeast(version, 4, 19))
    for (const n of store.list('nodes')) {
      const pool = Object.keys(n.metadata.labels ?? {})
        .find((l) => l.startsWith('node-role.kubernetes.io/'))!
        .split('/')[1]!;
      applyPhase(store, n, pool, { type: 'Updated', status: 'True', reason: 'Updated', message: `Node ${n.metadata.name} Updated` });
    }
  mco.start();
  const tokens = { admin: args.token ?? randomBytes(24).toString('hex'), readonly: randomBytes(24).toString('hex') };
  let address = '';
  const handle = createHandler(store, tokens, () => address, { resources: resourcesFor(version), version, logs });
  let watches = 0;
  let requests = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    requests++;
    if (/[?&]watch=(true|1)(&|$)/.test(req.url ?? '')) {
      watches++;
      res.on('close', () => watches--);
    }
    void handle(req, res);
  };
  const tls = args.insecure ? null : certificate();
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
  let connections = 0;
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    connections++;
    socket.on('close', () => connections--);
  });
  await new Promise<void>((resolve) => server.listen(args.port, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  fs.writeFileSync(`${args.kubeconfig}.readonly`, kubeconfig(url, tokens.readonly, tls?.cert ?? null), { mode: 0o600 });
  fs.writeFileSync(args.kubeconfig, kubeconfig(url, tokens.admin, tls?.cert ?? null), { mode: 0o600 });
  const stop = () =>
    new Promise<void>((resolve) => {
      mco.stop();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const setSpeed = (speed: number) => mco.setSpeed(speed);
  const injectFailure = (node: string, kind: FailureKind) => {
    if (!isFailureKind(kind)) throw new Error(`unknown failure kind ${JSON.stringify(kind)}`);
    mco.failures.set(node, kind);
  };
  const clearFailure = (node: string) => void mco.failures.delete(node);
  return {
    url,
    kubeconfig: args.kubeconfig,
    store,
    logs,
    setSpeed,
    injectFailure,
    clearFailure,
    watches: () => watches,
    requests: () => requests,
    connections: () => connections,
    tls,
    stop,
  };
}

export function options(partial: Partial<Args> & { kubeconfig: string }): Args {
  return { ...defaults(), ...partial };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) return void process.stdout.write(HELP);
  const args = parse(process.argv.slice(2));
  const sim = await startSimulator(args);
  console.log(
    `cluster simulator (OpenShift ${args.ocpVersion}) listening on ${sim.url}; kubeconfig: ${sim.kubeconfig} (read-only user: ${sim.kubeconfig}.readonly)`,
  );
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`cluster-sim: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  });
}
