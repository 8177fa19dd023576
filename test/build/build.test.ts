/**
 * The extension's build module against real podman and buildah, a real registry on 127.0.0.1 and a
 * stand-in RHCOS base image. No mocked process runner.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, push, problemLine } from '../../client/src/build/builder';
import type { Engine } from '../../client/src/build/builder';
import { resolveTool, which } from '../../client/src/build/tool';
import { startLab, skopeoDigest } from '../harness/imageLab';
import type { Lab } from '../harness/imageLab';

let lab: Lab;
const engine = (tool: 'podman' | 'buildah', env = lab.env): Engine => ({ tool, path: which(tool)!, env });

function containerfile(name: string, from: string, body: string): string {
  const dir = path.join(lab.dir, 'ctx', name);
  fs.mkdirSync(dir, { recursive: true });
  const f = path.join(dir, 'Containerfile');
  fs.writeFileSync(f, `FROM ${from}\n${body}\n`);
  return f;
}

const GOOD = 'RUN rpm-ostree install firewalld && \\\n    rpm-ostree cleanup -m && \\\n    ostree container commit';

before(async () => {
  lab = await startLab();
});

after(async () => {
  await lab?.stop();
});

for (const tool of ['podman', 'buildah'] as const) {
  test(`${tool}: build with STEP progress mapped to lines, push with --digestfile, skopeo sees the same digest`, async () => {
    const file = containerfile(`good-${tool}`, `${lab.plain}/rhcos-standin@${lab.baseDigest}`, GOOD);
    const steps: string[] = [];
    const out: string[] = [];
    let command = '';
    const b = build(
      engine(tool),
      { containerfile: file, context: path.dirname(file), tag: `${lab.plain}/layered:${tool}`, noCache: true },
      {
        onStep: (s, line) => steps.push(`${s.n}/${s.m}@${line}`),
        onLine: (l) => out.push(l),
        onCommand: (c) => (command = c),
      },
    );
    const r = await b.done;
    assert.equal(r.ok, true, r.explanation?.message);
    assert.deepEqual(steps, ['1/2@0', '2/2@1']);
    assert.ok(out.includes('[stand-in rpm-ostree] install firewalld'), 'the RUN output reaches the terminal');
    assert.equal(
      command,
      `${tool} ${tool === 'buildah' ? 'bud' : 'build'} -f ${file} -t ${lab.plain}/layered:${tool} --no-cache -- ${path.dirname(file)}`,
    );
    const p = await push(engine(tool), `${lab.plain}/layered:${tool}`, undefined).done;
    assert.equal(p.ok, true, p.explanation?.message);
    assert.match(p.reference!, new RegExp(`^${lab.plain.replace(/\./g, '\\.')}/layered@sha256:[0-9a-f]{64}$`));
    assert.equal(skopeoDigest(lab, p.reference!), p.digest);
  });
}

test('TLS registry with htpasswd: the pull secret authenticates pull and push, and its path is never shown', async () => {
  const file = containerfile('tls', `${lab.tls}/rhcos-standin@${lab.baseDigest}`, GOOD);
  let command = '';
  const r = await build(
    engine('podman'),
    { containerfile: file, context: path.dirname(file), tag: `${lab.tls}/layered:auth`, authfile: lab.authfile, pullAlways: true },
    { onCommand: (c) => (command = c) },
  ).done;
  assert.equal(r.ok, true, r.explanation?.message);
  assert.ok(
    !command.includes(lab.authfile) && command.includes('--authfile <rhcosLayering.pullSecretPath>') && command.includes('--pull=always'),
    command,
  );
  const p = await push(engine('podman'), `${lab.tls}/layered:auth`, lab.authfile, { onCommand: (c) => (command = c) }).done;
  assert.equal(p.ok, true, p.explanation?.message);
  assert.ok(!command.includes(lab.authfile));
  assert.equal(skopeoDigest(lab, p.reference!, lab.authfile), p.digest);
});

test('a failing RUN: its exit code, its line, and a problem-matcher line', async () => {
  const file = containerfile(
    'fail',
    `${lab.plain}/rhcos-standin@${lab.baseDigest}`,
    'RUN rpm-ostree install firewalld\nRUN echo about-to-fail && exit 3',
  );
  const r = await build(engine('podman'), { containerfile: file, context: path.dirname(file), tag: `${lab.plain}/layered:fail` }).done;
  assert.equal(r.ok, false);
  assert.equal(r.code, 3);
  assert.equal(r.explanation?.kind, 'run-failed');
  assert.equal(
    r.explanation?.message,
    'RUN echo about-to-fail && exit 3 at line 3 exited with status 3. Its output is in the terminal above; fix the command and build again.',
  );
  assert.equal(problemLine(r.problem!), `${file}:3:1: error: ${r.explanation.message}`);
});

test('buildah: a package that does not exist fails the RUN with status 1 at its line', async () => {
  const file = containerfile(
    'missing',
    `${lab.plain}/rhcos-standin@${lab.baseDigest}`,
    'RUN rpm-ostree install missing-foo && ostree container commit',
  );
  const r = await build(engine('buildah'), { containerfile: file, context: path.dirname(file), tag: `${lab.plain}/layered:missing` }).done;
  assert.equal(r.code, 1);
  assert.equal(r.explanation?.kind, 'run-failed');
  assert.equal(r.problem?.line, 1);
});

test('pull secret problems are explained before the engine runs, without printing the path', async () => {
  const file = containerfile('auth', `${lab.tls}/rhcos-standin@${lab.baseDigest}`, GOOD);
  const opts = { containerfile: file, context: path.dirname(file), tag: `${lab.tls}/layered:x` };
  const missing = await build(engine('podman'), { ...opts, authfile: path.join(lab.dir, 'nope.json') }).done;
  assert.equal(missing.explanation?.kind, 'authfile');
  assert.match(missing.explanation.message, /does not exist\. Set rhcosLayering\.pullSecretPath/);
  fs.writeFileSync(path.join(lab.dir, 'bad.json'), '{not json');
  const malformed = await build(engine('podman'), { ...opts, authfile: path.join(lab.dir, 'bad.json') }).done;
  assert.match(malformed.explanation!.message, /not valid JSON/);
  assert.ok(!malformed.explanation!.message.includes(lab.dir));
});

test('wrong credentials: unauthorized, on build and on push', async () => {
  const wrong = path.join(lab.dir, 'wrong.json');
  fs.writeFileSync(wrong, JSON.stringify({ auths: { [lab.tls]: { auth: Buffer.from('tester:wrong').toString('base64') } } }));
  const file = containerfile('wrong', `${lab.tls}/rhcos-standin@${lab.baseDigest}`, GOOD);
  const r = await build(engine('podman'), {
    containerfile: file,
    context: path.dirname(file),
    tag: `${lab.tls}/layered:wrong`,
    authfile: wrong,
    pullAlways: true,
  }).done;
  assert.equal(r.code, 125);
  assert.equal(r.explanation?.kind, 'unauthorized');
  assert.match(r.explanation.message, new RegExp(`entry for ${lab.tls.replace(/\./g, '\\.')}`));
  execFileSync('podman', ['tag', `${lab.plain}/layered:podman`, `${lab.tls}/layered:wrong`], { env: lab.env });
  const p = await push(engine('podman'), `${lab.tls}/layered:wrong`, wrong).done;
  assert.equal(p.explanation?.kind, 'unauthorized');
  assert.equal(p.reference, undefined);
});

test('an untrusted certificate is an x509 explanation, and verification is not turned off', async () => {
  const env = { ...lab.env };
  delete env['SSL_CERT_FILE'];
  const p = await push(engine('podman', env), `${lab.tls}/layered:auth`, lab.authfile).done;
  assert.equal(p.explanation?.kind, 'x509');
  assert.match(p.explanation.message, /127\.0\.0\.1:\d+ is not trusted/);
});

test('an unreachable registry names the cause', async () => {
  execFileSync('podman', ['tag', `${lab.plain}/layered:podman`, '127.0.0.1:9/layered:down'], { env: lab.env });
  const p = await push(engine('podman'), '127.0.0.1:9/layered:down', undefined).done;
  assert.equal(p.explanation?.kind, 'unreachable');
  assert.match(p.explanation.message, /connection refused/);
});

test('a missing engine says how to install it', () => {
  assert.throws(() => resolveTool('buildah', { PATH: '/nonexistent' }), /buildah was not found on PATH .*sudo dnf install buildah/);
  assert.throws(() => resolveTool('', { PATH: '/nonexistent' }), /No container engine found on PATH/);
  assert.equal(resolveTool('', lab.env).tool, 'podman');
});

test('cancel stops the whole process tree', async () => {
  const file = containerfile('slow', `${lab.plain}/rhcos-standin@${lab.baseDigest}`, 'RUN sleep 217 && ostree container commit');
  let job: ReturnType<typeof build> | undefined;
  const started = new Promise<void>((resolve) => {
    job = build(
      engine('podman'),
      { containerfile: file, context: path.dirname(file), tag: `${lab.plain}/layered:slow` },
      { onStep: (s) => s.n === 2 && setTimeout(resolve, 1500) },
    );
  });
  await started;
  const sleeping = () =>
    execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('sleep 217') && !l.includes('ps -eo'));
  assert.ok(sleeping().length > 0, 'the RUN is running');
  const t = Date.now();
  job!.cancel();
  const r = await job!.done;
  assert.equal(r.explanation?.kind, 'cancelled');
  assert.ok(Date.now() - t < 10_000);
  await new Promise((res) => setTimeout(res, 300));
  assert.deepEqual(sleeping(), []);
});
