// Runs the test files under the given folders (default: test/) with Node's own test runner.
// --exclude <folder> (repeatable) skips a folder: `npm run test:fast` leaves out the ones that need podman or a browser.
import { readdirSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const folder = (p) => normalize(p).replace(/[\\/]+$/, '');
const excluded = [];
for (let i = args.indexOf('--exclude'); i !== -1; i = args.indexOf('--exclude')) excluded.push(folder(args.splice(i, 2)[1] ?? ''));
const roots = args.length ? args : ['test'];
const files = [];
const walk = (p) => {
  if (excluded.includes(folder(p))) return;
  if (statSync(p).isDirectory()) {
    for (const e of readdirSync(p).sort()) if (e !== 'node_modules' && e !== 'fixtures') walk(join(p, e));
  } else if (/\.test\.ts$/.test(p)) files.push(p);
};
roots.forEach(walk);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
