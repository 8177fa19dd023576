/**
 * npm start: builds the .vsix, installs it into a local VS Code (code-server on 127.0.0.1, no auth,
 * throwaway profile) and opens the examples/ workspace. Prints the URL; Ctrl-C stops everything.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startCodeServer, ROOT, VSIX } from '../test/e2e/codeServer';

async function main(): Promise<void> {
  if (!process.argv.includes('--no-package') || !fs.existsSync(VSIX)) {
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run package failed');
  }
  const port = Number(process.env.PORT ?? 8417);
  const cs = await startCodeServer({ port, settings: { 'rhcosLayering.ocpVersion': '4.16' } });
  const folder = path.join(ROOT, 'examples');
  console.log(`\nRHCOS Layering is running in VS Code at:\n\n  ${cs.url(folder)}\n\nOpen it in a browser on this machine. Profile and logs: ${cs.root}\nPress Ctrl-C to stop.\n`);
  const stop = async () => {
    await cs.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => undefined);
}

main().catch((e: unknown) => {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
