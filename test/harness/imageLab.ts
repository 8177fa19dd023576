/**
 * A real image lab on 127.0.0.1 for the build tests and the editor tests: Debian's docker-registry
 * twice (plain HTTP, and TLS with htpasswd), podman/buildah storage and registries.conf of its own
 * (set through the environment only), and a stand-in RHCOS base image built FROM scratch with
 * busybox and stub rpm-ostree/ostree, pushed to both registries.
 */
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './codeServer';

export interface Lab {
  dir: string;
  /** Environment for podman, buildah and skopeo: isolated storage, registries.conf, chroot isolation, CA trust. */
  env: NodeJS.ProcessEnv;
  plain: string;
  tls: string;
  /** A pull secret with the TLS registry's credentials. */
  authfile: string;
  baseDigest: string;
  stop(): Promise<void>;
}

function sh(file: string, args: string[], env: NodeJS.ProcessEnv, input?: string): string {
  const r = spawnSync(file, args, { env, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.error?.message}`);
  return r.stdout;
}

async function ready(url: string, ca?: Buffer): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const req = (url.startsWith('https') ? https : http).get(url, { ...(ca ? { ca } : {}) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
    });
    if (status === 200 || status === 401) return;
    if (Date.now() > deadline) throw new Error(`registry at ${url} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function registryConfig(dir: string, addr: string, tls?: { cert: string; key: string; htpasswd: string }): string {
  const lines = [
    'version: 0.1',
    'log: {level: warn, accesslog: {disabled: true}}',
    'storage:',
    `  filesystem: {rootdirectory: ${path.join(dir, 'data')}}`,
    '  delete: {enabled: true}',
    'http:',
    `  addr: ${addr}`,
    '  secret: rhcos-layering-test-lab',
  ];
  if (tls)
    lines.push(
      '  tls:',
      `    certificate: ${tls.cert}`,
      `    key: ${tls.key}`,
      'auth:',
      `  htpasswd: {realm: rhcos-layering-test, path: ${tls.htpasswd}}`,
    );
  fs.mkdirSync(dir, { recursive: true });
  const f = path.join(dir, 'config.yml');
  fs.writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

export async function startLab(): Promise<Lab> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-image-lab-'));
  const plain = `127.0.0.1:${await freePort()}`;
  const tls = `127.0.0.1:${await freePort()}`;
  const cfg = path.join(dir, 'cfg');
  fs.mkdirSync(cfg);
  fs.writeFileSync(
    path.join(cfg, 'storage.conf'),
    `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/storage/graph"\nrunroot = "${dir}/storage/run"\n`,
  );
  fs.writeFileSync(
    path.join(cfg, 'registries.conf'),
    `unqualified-search-registries = []\n\n[[registry]]\nlocation = "${plain}"\ninsecure = true\n\n[[registry]]\nlocation = "quay.io"\nblocked = true\n`,
  );
  const certs = path.join(dir, 'tls');
  fs.mkdirSync(path.join(certs, 'ca'), { recursive: true });
  const cert = path.join(certs, 'domain.crt');
  const key = path.join(certs, 'domain.key');
  sh(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    process.env,
  );
  fs.copyFileSync(cert, path.join(certs, 'ca', 'ca.crt'));
  const password = randomBytes(12).toString('hex');
  const htpasswd = path.join(certs, 'htpasswd');
  fs.writeFileSync(htpasswd, sh('htpasswd', ['-Bbn', 'tester', password], process.env));
  const authfile = path.join(dir, 'auth.json');
  fs.writeFileSync(authfile, JSON.stringify({ auths: { [tls]: { auth: Buffer.from(`tester:${password}`).toString('base64') } } }), {
    mode: 0o600,
  });

  const procs: ChildProcess[] = [];
  for (const [name, addr, t] of [
    ['reg-plain', plain, undefined],
    ['reg-tls', tls, { cert, key, htpasswd }],
  ] as const) {
    const log = fs.openSync(path.join(dir, `${name}.log`), 'w');
    procs.push(spawn('docker-registry', ['serve', registryConfig(path.join(dir, name), addr, t)], { stdio: ['ignore', log, log] }));
  }
  const ca = fs.readFileSync(cert);
  await ready(`http://${plain}/v2/`);
  await ready(`https://${tls}/v2/`, ca);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTAINERS_STORAGE_CONF: path.join(cfg, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: path.join(cfg, 'registries.conf'),
    // Debian's crun cannot run RUN steps on this kernel's hybrid cgroups; chroot isolation can.
    BUILDAH_ISOLATION: 'chroot',
    SSL_CERT_FILE: path.join(certs, 'ca', 'ca.crt'),
  };
  const baseDigest = standinBase(dir, env, plain, tls, authfile);
  return {
    dir,
    env,
    plain,
    tls,
    authfile,
    baseDigest,
    async stop() {
      spawnSync('podman', ['system', 'reset', '--force'], { env, stdio: 'ignore' });
      for (const p of procs) p.kill('SIGTERM');
      await Promise.all(procs.map((p) => (p.exitCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', r)))));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Builds the stand-in base image (about 2 MB) and pushes it to both registries; returns its digest. */
function standinBase(dir: string, env: NodeJS.ProcessEnv, plain: string, tls: string, authfile: string): string {
  const root = path.join(dir, 'rootfs');
  for (const d of ['bin', 'usr/bin', 'etc', 'usr/share/rhcos-standin', 'tmp', 'var/tmp', 'root', 'proc', 'sys', 'dev'])
    fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(root, 'bin', 'busybox'));
  fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
  for (const applet of sh('/bin/busybox', ['--list'], env)
    .split('\n')
    .filter((a) => a && !['busybox', 'rpm', 'rpm2cpio'].includes(a)))
    fs.symlinkSync('busybox', path.join(root, 'bin', applet));
  const standin = path.join(__dirname, 'standin');
  for (const f of ['rpm-ostree', 'ostree']) {
    fs.copyFileSync(path.join(standin, f), path.join(root, 'usr', 'bin', f));
    fs.chmodSync(path.join(root, 'usr', 'bin', f), 0o755);
  }
  fs.copyFileSync(path.join(standin, 'os-release'), path.join(root, 'etc', 'os-release'));
  fs.writeFileSync(path.join(root, 'usr/share/rhcos-standin/calls.log'), '');
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  fs.chmodSync(path.join(root, 'var/tmp'), 0o1777);
  const ctr = sh('buildah', ['from', 'scratch'], env).trim();
  sh('buildah', ['copy', '--quiet', ctr, `${root}/`, '/'], env);
  sh(
    'buildah',
    [
      'config',
      '--os',
      'linux',
      '--arch',
      'amd64',
      '--cmd',
      '/bin/sh',
      '--env',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--label',
      'ostree.bootable=true',
      ctr,
    ],
    env,
  );
  sh('buildah', ['commit', '--quiet', '--rm', '--timestamp', '0', ctr, 'localhost/rhcos-standin:latest'], env);
  const digest = path.join(dir, 'base.digest');
  sh(
    'buildah',
    ['push', '--quiet', '--digestfile', digest, 'localhost/rhcos-standin:latest', `docker://${plain}/rhcos-standin:latest`],
    env,
  );
  sh('buildah', ['push', '--quiet', '--authfile', authfile, 'localhost/rhcos-standin:latest', `docker://${tls}/rhcos-standin:latest`], env);
  // A local image with the FROM digest would satisfy any registry name without a pull; remove it
  // so that builds really pull (and authenticate) through the registries.
  sh('podman', ['rmi', '-a', '-f'], env);
  return fs.readFileSync(digest, 'utf8').trim();
}

/** The digest the registry reports for a reference, read with skopeo. */
export function skopeoDigest(lab: Lab, ref: string, authfile?: string): string {
  const args = [
    '--registries-conf',
    lab.env['CONTAINERS_REGISTRIES_CONF']!,
    'inspect',
    '--no-tags',
    '--format',
    '{{.Digest}}',
    ...(authfile ? ['--authfile', authfile] : []),
    `docker://${ref}`,
  ];
  return sh('skopeo', args, lab.env).trim();
}
