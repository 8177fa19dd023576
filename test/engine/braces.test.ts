import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandBraces } from '../../server/src/containerfile/braces';
import { parsePackageSpec } from '../../server/src/containerfile/packages';

test('brace expansion follows bash', () => {
  assert.deepEqual(expandBraces('kernel-{,core-,modules-}5.14'), ['kernel-5.14', 'kernel-core-5.14', 'kernel-modules-5.14']);
  assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']);
  assert.deepEqual(expandBraces('x{1..3}'), ['x1', 'x2', 'x3']);
  assert.deepEqual(expandBraces('{a}'), ['{a}']);
  assert.deepEqual(expandBraces('${V}-{a,b}'), ['${V}-a', '${V}-b']);
  assert.deepEqual(expandBraces('no-braces'), ['no-braces']);
});

test('package specs: names, NVRA, URLs, source RPMs', () => {
  assert.deepEqual(parsePackageSpec('usbguard'), { spec: 'usbguard', name: 'usbguard', isUrl: false, isFile: false, isSourceRpm: false });
  const k = parsePackageSpec('https://x/y/kernel-modules-core-5.14.0-295.el9.x86_64.rpm');
  assert.equal(k.name, 'kernel-modules-core');
  assert.equal(k.version, '5.14.0');
  assert.equal(k.release, '295.el9');
  assert.equal(k.el, 9);
  assert.equal(parsePackageSpec('haproxy-2.2.24-3.rhaos4.12.el8.src.rpm').isSourceRpm, true);
});
