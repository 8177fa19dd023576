// Packages the bundled extension as a .vsix, offline (no dependency install: everything is in dist/).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
// README links are relative; the marketplace page needs absolute ones.
const base = `${pkg.repository.url.replace(/\.git$/, '')}/blob/main`;
const vsce = require.resolve('@vscode/vsce/vsce');
const r = spawnSync(
  process.execPath,
  [
    vsce,
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--skip-license',
    '--baseContentUrl',
    base,
    '--baseImagesUrl',
    base,
    '-o',
    out,
  ],
  { stdio: 'inherit' },
);
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`packaged ${out}`);
