/**
 * What Open VSX and the Marketplace show, and what the VSIX holds: the file list comes from `vsce ls`,
 * which applies .vscodeignore exactly as `npm run package` does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function packaged(): Set<string> {
  const vsce = require.resolve('@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return new Set(r.stdout.split('\n').filter(Boolean));
}

test('the icon is a 128×128 PNG in the package, with a gallery banner and fitting categories', () => {
  const png = fs.readFileSync(path.join(ROOT, pkg.icon));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
  assert.deepEqual(pkg.categories, ['Linters', 'Programming Languages', 'Snippets']);
});

test('the license is the full Apache-2.0 text and the changelog has an entry for this version', () => {
  assert.equal(pkg.license, 'Apache-2.0');
  const license = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
  assert.match(license, /TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION/);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
  assert.match(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}$`, 'm'));
});

test('the README says no telemetry is collected and names no placeholder repository', () => {
  assert.match(readme, /Privacy: no telemetry is collected/);
  assert.equal(pkg.repository, undefined, 'no repository URL until there is a real one: vsce would rewrite README links to it');
  assert.doesNotMatch(JSON.stringify(pkg) + readme, /example\.(invalid|com\/rhcos)/);
});

test('every page the README links to relatively is in the VSIX and its pictures go inline; cli.js is not shipped', () => {
  const files = packaged();
  const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(((?!https?:|#|mailto:)[^)\s#]+)/g)].map((m) => path.posix.normalize(m[1]!));
  const missing = links.filter((l) => fs.existsSync(path.join(ROOT, l)) && fs.statSync(path.join(ROOT, l)).isFile() && !files.has(l));
  assert.deepEqual(missing, []);
  assert.ok(files.has(pkg.icon));
  assert.ok(files.has('dist/server.js') && files.has('dist/client.js'));
  assert.ok(!files.has('dist/cli.js'), 'the extension never runs the CLI');
  // The details page does not resolve relative pictures (test/e2e/editor.test.ts shows them loading): the packaged README inlines them.
  const script = fs.readFileSync(path.join(ROOT, 'scripts', 'package.mjs'), 'utf8');
  assert.match(script, /data:image\/png;base64/);
  assert.match(script, /'--readme-path'/);
});
