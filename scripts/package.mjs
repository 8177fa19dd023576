// Packages the bundled extension as a .vsix, offline (no dependency install: everything is in dist/).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
// README links and images stay relative: they are shipped in the VSIX (docs/images, docs/rules), so the
// details page inside the editor renders them from the installed extension, with no repository URL to guess.
const vsce = require.resolve('@vscode/vsce/vsce');
const r = spawnSync(
  process.execPath,
  [
    vsce,
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '-o',
    out,
  ],
  { stdio: 'inherit' },
);
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`packaged ${out}: ${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB`);
