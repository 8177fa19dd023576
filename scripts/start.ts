/**
 * npm start: builds the .vsix, starts the cluster simulator (HTTPS on 127.0.0.1, 3 masters and 3
 * workers), installs the extension into a local VS Code (code-server on 127.0.0.1, no auth,
 * throwaway profile) pointed at the simulator, and opens the examples/ workspace. Prints the URL;
 * Ctrl-C stops everything.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startCodeServer, ROOT, VSIX } from '../test/harness/codeServer';
import { startSimulator, options } from '../test/harness/cluster-sim/main';

async function main(): Promise<void> {
  if (!process.argv.includes('--no-package') || !fs.existsSync(VSIX)) {
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run package failed');
  }
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-start-'));
  const kubeconfig = path.join(stateDir, 'kubeconfig');
  const sim = await startSimulator(options({ kubeconfig, speed: Number(process.env.SIM_SPEED ?? 1) }));
  const port = Number(process.env.PORT ?? 8417);
  const cs = await startCodeServer({ port, settings: { 'rhcosLayering.ocpVersion': '4.16', 'rhcosLayering.kubeconfig': kubeconfig } });
  const folder = path.join(ROOT, 'examples');
  console.log(
    `\nRHCOS Layering is running in VS Code at:\n\n  ${cs.url(folder)}\n\nOpen it in a browser on this machine. The extension is connected to a simulated OpenShift 4.16 cluster at ${sim.url}`,
  );
  console.log(
    `(kubectl --kubeconfig ${kubeconfig} get mcp,nodes works too). Open the RHCOS Layering view in the activity bar to watch pools and nodes.`,
  );
  console.log(`Profile and logs: ${cs.root}\nPress Ctrl-C to stop.\n`);
  const stop = async () => {
    await cs.stop();
    await sim.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => undefined);
}

main().catch((e: unknown) => {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
