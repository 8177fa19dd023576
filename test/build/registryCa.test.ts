/**
 * rhcosLayering.certificateAuthority for builds and pushes, with real podman and buildah against the
 * lab's TLS registry, whose CA the engines do not otherwise trust: given, pull and push verify TLS
 * and succeed; not given, they fail with the x509 explanation that names the setting.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { build, push } from '../../client/src/build/builder';
import type { Engine } from '../../client/src/build/builder';
import { buildArgs, pushArgs } from '../../client/src/build/args';
import { registryCertDir } from '../../client/src/build/registryCa';
import { which } from '../../client/src/build/tool';
import { startLab } from '../harness/imageLab';
import type { Lab } from '../harness/imageLab';

let lab: Lab;
let ca: string;
/** The lab's environment without SSL_CERT_FILE: the registry's CA is trusted only through the setting. */
const engine = (tool: 'podman' | 'buildah'): Engine => {
  const env = { ...lab.env };
  delete env['SSL_CERT_FILE'];
  return { tool, path: which(tool)!, env };
};

before(async () => {
  lab = await startLab();
  ca = path.join(lab.dir, 'tls', 'ca', 'ca.crt');
});

after(async () => {
  await lab?.stop();
});

test('--cert-dir is passed to podman and buildah, never to docker', () => {
  const o = { containerfile: '/w/Containerfile', context: '/w', tag: 'r.example/x:1', certDir: '/tmp/certs' };
  assert.deepEqual(buildArgs('podman', o), [
    'build',
    '-f',
    '/w/Containerfile',
    '-t',
    'r.example/x:1',
    '--cert-dir',
    '/tmp/certs',
    '--',
    '/w',
  ]);
  assert.ok(!buildArgs('docker', o).includes('--cert-dir'));
  assert.deepEqual(pushArgs('buildah', { image: 'r.example/x:1', digestfile: '/tmp/d', certDir: '/tmp/certs' }), [
    'push',
    '--digestfile',
    '/tmp/d',
    '--cert-dir',
    '/tmp/certs',
    '--',
    'r.example/x:1',
  ]);
  const d = registryCertDir('docker', ca);
  assert.ok(!('error' in d) && d.dir === undefined, 'docker reads /etc/docker/certs.d; nothing is made for it');
});

test('a CA file that is missing or not PEM is refused before the engine runs, naming the setting', async () => {
  const junk = path.join(lab.dir, 'junk.pem');
  fs.writeFileSync(junk, 'nope\n');
  const r = await push(engine('podman'), `${lab.tls}/x:1`, undefined, {}, junk).done;
  assert.equal(r.ok, false);
  assert.match(r.explanation!.message, /rhcosLayering\.certificateAuthority holds no PEM certificate/);
  const m = await push(engine('podman'), `${lab.tls}/x:1`, undefined, {}, path.join(lab.dir, 'absent.pem')).done;
  assert.match(m.explanation!.message, /rhcosLayering\.certificateAuthority cannot be read/);
});

for (const tool of ['podman', 'buildah'] as const) {
  test(`${tool}: build FROM and push to a registry whose CA only the setting gives`, async () => {
    const dir = path.join(lab.dir, 'ctx', `ca-${tool}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'Containerfile');
    fs.writeFileSync(file, `FROM ${lab.tls}/rhcos-standin@${lab.baseDigest}\nLABEL built.with=${tool}\n`);
    // A base already in local storage (the other engine's test pulled it) would need no pull at all.
    execFileSync('podman', ['rmi', '-a', '-f'], { env: engine(tool).env, stdio: 'ignore' });
    const o = { containerfile: file, context: dir, tag: `${lab.tls}/ca-${tool}:1`, authfile: lab.authfile, noCache: true };

    const untrusted = await build(engine(tool), o).done;
    assert.equal(untrusted.ok, false, 'without the CA the pull is refused');
    assert.equal(untrusted.explanation?.kind, 'x509', untrusted.explanation?.message);
    assert.match(untrusted.explanation.message, /rhcosLayering\.certificateAuthority/);

    let command = '';
    const b = await build(engine(tool), { ...o, certificateAuthority: ca }, { onCommand: (c) => (command = c) }).done;
    assert.equal(b.ok, true, b.explanation?.message);
    assert.match(command, / --cert-dir \S*rhcos-cert-dir-\S+ /);
    const certDir = /--cert-dir (\S+)/.exec(command)![1]!;
    assert.equal(fs.existsSync(certDir), false, 'the private cert folder is removed after the build');

    const refused = await push(engine(tool), o.tag, lab.authfile).done;
    assert.equal(refused.explanation?.kind, 'x509', refused.explanation?.message);
    const p = await push(engine(tool), o.tag, lab.authfile, {}, ca).done;
    assert.equal(p.ok, true, p.explanation?.message);
    const inspected = execFileSync(
      'skopeo',
      ['inspect', '--no-tags', '--authfile', lab.authfile, '--cert-dir', path.dirname(ca), '--format', '{{.Digest}}', `docker://${o.tag}`],
      { env: engine(tool).env, encoding: 'utf8' },
    ).trim();
    assert.equal(p.ok && p.digest, inspected);
  });
}
