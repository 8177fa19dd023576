/**
 * Log throughput the build log viewer keeps up with: the simulator (in this process, OpenShift 4.19) builds
 * a Containerfile whose `RUN seq N` writes N lines, at several write rates; the cluster module follows the
 * `image-build` log over HTTPS (followBuildLog, timestamps and resume) into the viewer's batcher (LineBatcher,
 * one output-channel append per batch). For each rate: lines/s the server wrote, lines/s the viewer received,
 * how far behind the viewer was when the last line was written, and how many appends it took.
 * VS Code's own rendering of the Output view is not part of this number.
 *   npm run bench:buildlog  [LINES=50000]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../test/harness/cluster-sim/main';
import { Cluster } from '../client/src/cluster/cluster';
import { followBuildLog, LineBatcher } from '../client/src/cluster/buildLog';

const LINES = Number(process.env.LINES ?? 50_000);
/** Simulator speeds: `seq` lines are 1 ms apart at speed 1, so speed s asks for up to 1,000·s lines/s. */
const SPEEDS = (process.env.SPEEDS ?? '5,10,20,50').split(',').map(Number);

/**
 * live: follow while the lines are written at the simulator's speed. catch-up: the build fails after writing
 * them (its pod stays), the viewer starts once all are written and reads them as fast as it can.
 */
async function once(speed: number, pool: string, sim: Awaited<ReturnType<typeof startSimulator>>, mode: 'live' | 'catch-up') {
  const cluster = await Cluster.connect({ explicit: sim.kubeconfig });
  // Server side: when the first and the last `seq` line were written (the simulator's log writer, timed).
  let written = 0;
  let firstWritten = 0;
  let lastWritten = 0;
  const seqLine = /^\d+$/;
  const write: typeof sim.logs.write = sim.logs.write.bind(sim.logs);
  sim.logs.write = (ns, pod, container, text) => {
    if (container === 'image-build' && seqLine.test(text)) {
      written++;
      if (written === 1) firstWritten = performance.now();
      if (written === LINES) lastWritten = performance.now();
    }
    write(ns, pod, container, text);
  };
  sim.setSpeed(speed);
  sim.store.create('machineosconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineOSConfig',
    metadata: { name: pool },
    spec: {
      machineConfigPool: { name: pool },
      imageBuilder: { imageBuilderType: 'Job' },
      renderedImagePushSecret: { name: 'builder-dockercfg-sim7x' },
      renderedImagePushSpec: 'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest',
      containerFile: [
        { containerfileArch: 'NoArch', content: `FROM configs AS final\nRUN seq ${LINES}${mode === 'catch-up' ? ' && false' : ''}` },
      ],
    },
  });
  let mosb: string | undefined;
  while (!mosb) {
    mosb = sim.store
      .list('machineosbuilds')
      .find((b) => b.metadata.labels?.['machineconfiguration.openshift.io/target-machine-config-pool'] === pool)?.metadata.name;
    await new Promise((r) => setTimeout(r, 20));
  }
  while (mode === 'catch-up' && written < LINES) await new Promise((r) => setTimeout(r, 20));
  const abort = new AbortController();
  let received = 0;
  let firstSeen = 0;
  let lastSeen = 0;
  let bytes = 0;
  const batch = new LineBatcher((t) => (bytes += t.length), 100);
  const started = performance.now();
  const r = await followBuildLog(
    cluster,
    mosb,
    {
      lines: (_p, l) => {
        for (const x of l)
          if (seqLine.test(x)) {
            received++;
            if (received === 1) firstSeen = performance.now();
            if (received === LINES) {
              lastSeen = performance.now();
              if (mode === 'catch-up') abort.abort();
            }
          }
        batch.add(l);
      },
      status: () => undefined,
    },
    { pollMs: 50, signal: abort.signal },
  );
  batch.flush();
  sim.logs.write = write;
  cluster.close();
  return {
    mode,
    speed,
    phase: r.phase,
    received,
    serverLinesPerS: mode === 'live' ? Math.round(LINES / Math.max(0.001, (lastWritten - firstWritten) / 1000)) : null,
    viewerLinesPerS: Math.round(LINES / Math.max(0.001, (lastSeen - firstSeen) / 1000)),
    lagAtEndMs: mode === 'live' ? Math.round(lastSeen - lastWritten) : null,
    appends: batch.batches,
    mb: +(bytes / 1e6).toFixed(2),
    totalS: +((performance.now() - started) / 1000).toFixed(1),
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-bench-buildlog-'));
  const pools = [...SPEEDS, 0].map((_, i) => `bench${i}`);
  const sim = await startSimulator(
    options({
      kubeconfig: path.join(dir, 'kc'),
      ocpVersion: '4.19',
      nodes: Object.fromEntries([['master', 1] as const, ...pools.map((p) => [p, 1] as const)]),
    }),
  );
  try {
    const rows = [];
    for (const [i, speed] of SPEEDS.entries()) rows.push(await once(speed, pools[i]!, sim, 'live'));
    rows.push(await once(1000, pools[SPEEDS.length]!, sim, 'catch-up'));
    console.log(`build log of ${LINES} lines (node ${process.version}, ${os.cpus().length} cores):`);
    console.table(rows);
  } finally {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
