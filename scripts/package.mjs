// Packages the bundled extension as a .vsix, offline (no dependency install: everything is in dist/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
// The details page inside the editor does not resolve relative images against the installed extension,
// and there is no repository URL to point them at (and offline users could not load it): the packaged
// README carries its pictures inline as data: URIs. Other relative links stay as they are.
const readme = readFileSync('README.md', 'utf8').replace(/!\[([^\]]*)\]\((docs\/images\/[^)\s]+\.png)\)/g, (_, alt, file) => {
  return `![${alt}](data:image/png;base64,${readFileSync(file).toString('base64')})`;
});
mkdirSync('out', { recursive: true });
writeFileSync('out/README.vsix.md', readme);
const vsce = require.resolve('@vscode/vsce/vsce');
const r = spawnSync(
  process.execPath,
  [
    vsce,
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--readme-path',
    'out/README.vsix.md',
    '-o',
    out,
  ],
  { stdio: 'inherit' },
);
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`packaged ${out}: ${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB`);
