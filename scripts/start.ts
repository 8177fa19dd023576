/**
 * npm start: builds the .vsix, starts a local registry with a stand-in RHCOS base image
 * (scripts/localLoop.ts), the cluster simulator (OpenShift 4.19 over HTTPS on 127.0.0.1: 3 masters,
 * 3 workers, and an `infra` pool of 2 in image mode, its MachineOSConfig built and rolled out; its base
 * image is the stand-in), installs the extension into a local VS Code (code-server on 127.0.0.1, no
 * auth, throwaway profile) pointed at the simulator, and opens a copy of examples/ whose layering
 * Containerfile builds FROM the stand-in, so Build → Push → Apply to Pool → Rollout works offline.
 * Prints the URL; Ctrl-C stops everything.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startCodeServer, ROOT, VSIX } from '../test/harness/codeServer';
import { startSimulator, options } from '../test/harness/cluster-sim/main';
import { setUpImageMode } from '../test/harness/cluster-sim/demo';
import { LOOP_CONTAINERFILE, setUpLocalLoop, stateDir as makeStateDir } from './localLoop';

/** 4.19: the first release where on-cluster image mode (MachineOSConfig v1) is GA. */
const OCP = '4.19';

async function main(): Promise<void> {
  if (!process.argv.includes('--no-package') || !fs.existsSync(VSIX)) {
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run package failed');
  }
  const stateDir = makeStateDir();
  const kubeconfig = path.join(stateDir, 'kubeconfig');
  const speed = Number(process.env.SIM_SPEED ?? 1);
  console.log('Starting a local registry with a stand-in RHCOS base image…');
  const loop = await setUpLocalLoop(stateDir, (l) => console.log(`\n${l}\n`));
  const sim = await startSimulator(
    options({
      kubeconfig,
      speed,
      ocpVersion: OCP,
      nodes: { master: 3, worker: 3, infra: 2 },
      ...(loop.baseImage ? { baseImage: loop.baseImage } : {}),
    }),
  );
  await setUpImageMode(sim, 'infra', speed);
  const port = Number(process.env.PORT ?? 8417);
  const cs = await startCodeServer({
    port,
    env: loop.env,
    settings: { 'rhcosLayering.ocpVersion': OCP, 'rhcosLayering.kubeconfig': kubeconfig },
  });
  const folder = loop.workspace;
  console.log(
    `\nRHCOS Layering is running in VS Code at:\n\n  ${cs.url(folder)}\n\nOpen it in a browser on this machine. The extension is connected to a simulated OpenShift ${OCP} cluster at ${sim.url}`,
  );
  console.log(
    `(kubectl --kubeconfig ${kubeconfig} get mcp,nodes,machineosconfigs,machineosbuilds works too). The infra pool runs an image built on the cluster from a MachineOSConfig; worker and master do not. Open the RHCOS Layering view in the activity bar to watch pools and nodes.`,
  );
  if (loop.registry)
    console.log(
      `Registry: ${loop.registry} (plain HTTP, local only). ${LOOP_CONTAINERFILE} builds FROM ${loop.baseImage}; ` +
        `Build it with the tag ${loop.registry}/layered:1, Push, then Apply to Pool… with the digest the push prints.`,
    );
  console.log(`Profile and logs: ${cs.root}\nPress Ctrl-C to stop.\n`);
  const stop = async () => {
    await cs.stop();
    await sim.stop();
    await loop.stop();
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
