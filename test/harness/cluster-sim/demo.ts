/**
 * A cluster with image mode already in use, for `npm start`: a MachineOSConfig on one pool, built and
 * rolled out (at a high speed, then back to the speed asked for), next to pools without one.
 */
import type { Simulator } from './main';

const PUSH = 'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest';

/** The Containerfile the demo pool's image is built from (what MCO docs show for a first layered image). */
export const DEMO_CONTAINERFILE = [
  'FROM configs AS final',
  'RUN dnf install -y tree htop && \\',
  '    dnf clean all && \\',
  '    ostree container commit',
].join('\n');

/** Creates the MachineOSConfig for `pool` and resolves when every node of the pool runs the built image. */
export async function setUpImageMode(sim: Simulator, pool: string, speed: number, timeoutMs = 60_000): Promise<string> {
  sim.setSpeed(50);
  sim.store.create('machineosconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineOSConfig',
    metadata: { name: pool },
    spec: {
      machineConfigPool: { name: pool },
      imageBuilder: { imageBuilderType: 'Job' },
      renderedImagePushSecret: { name: 'builder-dockercfg-sim7x' },
      renderedImagePushSpec: PUSH,
      containerFile: [{ containerfileArch: 'NoArch', content: DEMO_CONTAINERFILE }],
    },
  });
  const end = Date.now() + timeoutMs;
  try {
    for (;;) {
      const image = (sim.store.get('machineosconfigs', pool)?.['status'] as { currentImagePullSpec?: string } | undefined)
        ?.currentImagePullSpec;
      const p = sim.store.get('machineconfigpools', pool);
      const updated = ((p?.['status'] as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some(
        (c) => c.type === 'Updated' && c.status === 'True',
      );
      if (image && updated) return image;
      if (Date.now() > end) throw new Error(`the image-mode demo pool ${pool} did not finish its build and rollout in time`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    sim.setSpeed(speed);
  }
}
