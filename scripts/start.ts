/**
 * npm start: builds the .vsix, starts the cluster simulator (OpenShift 4.19 over HTTPS on 127.0.0.1:
 * 3 masters, 3 workers, and an `infra` pool of 2 in image mode, its MachineOSConfig built and rolled
 * out), installs the extension into a local VS Code (code-server on 127.0.0.1, no auth,
 * throwaway profile) pointed at the simulator, and opens the examples/ workspace. Prints the URL;
 * Ctrl-C stops everything.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startCodeServer, ROOT, VSIX } from '../test/harness/codeServer';
import { startSimulator, options } from '../test/harness/cluster-sim/main';
import { setUpImageMode } from '../test/harness/cluster-sim/demo';

/** 4.19: the first release where on-cluster image mode (MachineOSConfig v1) is GA. */
const OCP = '4.19';

async function main(): Promise<void> {
  if (!process.argv.includes('--no-package') || !fs.existsSync(VSIX)) {
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run package failed');
  }
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-start-'));
  const kubeconfig = path.join(stateDir, 'kubeconfig');
  const speed = Number(process.env.SIM_SPEED ?? 1);
  const sim = await startSimulator(options({ kubeconfig, speed, ocpVersion: OCP, nodes: { master: 3, worker: 3, infra: 2 } }));
  await setUpImageMode(sim, 'infra', speed);
  const port = Number(process.env.PORT ?? 8417);
  const cs = await startCodeServer({ port, settings: { 'rhcosLayering.ocpVersion': OCP, 'rhcosLayering.kubeconfig': kubeconfig } });
  const folder = path.join(ROOT, 'examples');
  console.log(
    `\nRHCOS Layering is running in VS Code at:\n\n  ${cs.url(folder)}\n\nOpen it in a browser on this machine. The extension is connected to a simulated OpenShift ${OCP} cluster at ${sim.url}`,
  );
  console.log(
    `(kubectl --kubeconfig ${kubeconfig} get mcp,nodes,machineosconfigs,machineosbuilds works too). The infra pool runs an image built on the cluster from a MachineOSConfig; worker and master do not. Open the RHCOS Layering view in the activity bar to watch pools and nodes.`,
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
