// Copies the screenshots the README uses from the last e2e run (test-output/e2e) to docs/images.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
const used = [
  'problems-panel.png',
  'hover.png',
  'quick-fix-menu.png',
  'quick-fix-applied.png',
  'restricted-mode.png',
  'machineconfig.png',
  'build-terminal.png',
  'pushed-digest.png',
  'apply-modal.png',
  'rollouts-tree.png',
  'build-failed.png',
  'build-log-streaming.png',
  'build-failed-problems.png',
];
mkdirSync('docs/images', { recursive: true });
for (const f of used) {
  if (!existsSync(`test-output/e2e/${f}`)) throw new Error(`test-output/e2e/${f} is missing: run npm run test:e2e first`);
  copyFileSync(`test-output/e2e/${f}`, `docs/images/${f}`);
}
console.log(`copied ${used.length} screenshots to docs/images`);
