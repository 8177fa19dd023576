/** Build and push command lines from tasks.json values, without an engine: nothing a value holds becomes a flag. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildArgs, checkTag, pushArgs, suggestTag } from '../../client/src/build/args';
import { build, push } from '../../client/src/build/builder';
import type { Engine } from '../../client/src/build/builder';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-build-args-'));
const file = path.join(dir, 'Containerfile');
fs.writeFileSync(file, 'FROM quay.io/example/base@sha256:' + 'b'.repeat(64) + '\n');
// Never started: every case here is refused before the engine runs (a started engine would fail the test).
const engine: Engine = { tool: 'podman', path: path.join(dir, 'no-such-engine') };
const ok = { containerfile: file, context: dir, tag: 'quay.io/example/layered:1' };

test('the context and the image are positionals after --, so podman, buildah and docker never read them as options', () => {
  assert.deepEqual(buildArgs('podman', { ...ok, platform: 'linux/arm64' }), [
    'build',
    '-f',
    file,
    '-t',
    'quay.io/example/layered:1',
    '--platform',
    'linux/arm64',
    '--',
    dir,
  ]);
  assert.deepEqual(buildArgs('buildah', ok).slice(-2), ['--', dir]);
  assert.deepEqual(pushArgs('podman', { image: 'quay.io/example/layered:1', digestfile: '/tmp/d' }), [
    'push',
    '--digestfile',
    '/tmp/d',
    '--',
    'quay.io/example/layered:1',
  ]);
  assert.deepEqual(pushArgs('docker', { image: 'quay.io/example/layered:1', digestfile: '/tmp/d' }), [
    'push',
    '--',
    'quay.io/example/layered:1',
  ]);
});

for (const [key, value, message] of [
  ['tag', '--rm', /The tag "--rm" starts with "-", so podman would read it as an option\. Fix "tag" in tasks\.json/],
  [
    'containerfile',
    '-v/etc:/host',
    /The containerfile "-v\/etc:\/host" starts with "-", so podman would read it as an option\. Fix "containerfile"/,
  ],
  ['context', '--volume=/:/host', /The context "--volume=\/:\/host" starts with "-"/],
  ['platform', '--security-opt=label=disable', /The platform "--security-opt=label=disable" starts with "-"/],
  ['platform', 'arm64', /The platform "arm64" is not os\/arch\[\/variant\], for example linux\/amd64\. Fix "platform"/],
] as const) {
  test(`a tasks.json ${key} of ${value} is refused before the engine runs, with what to fix`, async () => {
    const r = await build(engine, { ...ok, [key]: value }).done;
    assert.equal(r.ok, false);
    assert.equal(r.explanation?.kind, 'bad-input');
    assert.match(r.explanation.message, message);
  });
}

test('a push of an image that starts with - is refused', async () => {
  const r = await push(engine, '--tls-verify=false', undefined).done;
  assert.equal(r.explanation?.kind, 'bad-input');
  assert.match(r.explanation.message, /The image "--tls-verify=false" starts with "-"/);
});

test('a missing build context directory is reported as that, not as a missing engine', async () => {
  const r = await build({ tool: 'podman', path: process.execPath }, { ...ok, context: path.join(dir, 'gone') }).done;
  assert.equal(r.explanation?.kind, 'bad-input');
  assert.equal(
    r.explanation.message,
    `The build context ${path.join(dir, 'gone')} does not exist or is not a folder. Fix "context" in tasks.json (relative to ` +
      `the workspace folder), or leave it out to build in the Containerfile's folder.`,
  );
});

test("the tag box never opens with another Containerfile's tag: its own, else the last repository with a tag named after its folder", () => {
  assert.deepEqual(suggestTag('quay.io/org/img:fish', 'quay.io/org/img:htop', '/w/fish/Containerfile'), { value: 'quay.io/org/img:fish' });
  const s = suggestTag(undefined, 'quay.io/org/rhcos-layered:416-hotfix', '/w/Kernel Override/Containerfile');
  assert.deepEqual(s, { value: 'quay.io/org/rhcos-layered:kernel-override', select: [26, 41] });
  assert.equal(s.value.slice(s.select?.[0], s.select?.[1]), 'kernel-override');
  assert.equal(checkTag(s.value), null);
  assert.deepEqual(suggestTag(undefined, 'localhost:5000/x/y:1', 'C:\\w\\.hidden\\Containerfile').value, 'localhost:5000/x/y:hidden');
  assert.deepEqual(suggestTag(undefined, undefined, '/w/a/Containerfile'), { value: '' });
  assert.deepEqual(suggestTag(undefined, 'not a tag', '/w/a/Containerfile'), { value: '' });
});
