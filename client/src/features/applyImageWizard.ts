/**
 * The inputs of Apply Layered Image to Pool in one QuickInput with Back: pool (unless given), image by
 * digest, MachineConfig name and, on 4.19+ when the pre-pull command is installed, pre-pull first or
 * apply now. Answers are kept when the user goes Back.
 */
import type { Obj } from '../cluster/cluster';
import { checkName } from '../cluster/apply';
import { nameForPool } from '../cluster/applyImageChoices';
import { poolView } from '../cluster/rollout';
import { checkDigestRef } from '../../../common/imageRef';
import { inputStep, pickStep, runSteps } from './wizard';
import type { Answer } from './wizard';

export const APPLY_IMAGE_TITLE = 'Apply Layered Image to Pool';

export interface ApplyImageAnswers {
  pool: Obj;
  image: string;
  name: string;
  prepull: boolean;
}

export async function applyImageWizard(o: {
  context: string;
  /** Shown busy in the first step while they load. */
  pools: Promise<Obj[]>;
  /** A pool named by the caller (a pool row): its step is not shown. */
  givenPool?: string;
  image: string;
  offerPrepull: boolean;
}): Promise<ApplyImageAnswers | undefined> {
  const a: { pool?: Obj; image: string; name?: string; named?: { pool: string; name: string }; prepull?: boolean } = {
    image: o.image,
  };
  if (o.givenPool) {
    a.pool = (await o.pools).find((p) => p.metadata.name === o.givenPool);
    if (!a.pool) throw new Error(`${o.context} has no pool ${o.givenPool}.`);
  }
  const steps: (() => Promise<Answer<unknown>>)[] = [];
  const total = (o.givenPool ? 2 : 3) + (o.offerPrepull ? 1 : 0);
  const at = (title: string) => ({ title: `${APPLY_IMAGE_TITLE}: ${title}`, step: steps.length + 1, total, back: steps.length > 0 });
  if (!o.givenPool) {
    const s = at('pool');
    steps.push(async () => {
      const picked = await pickStep({
        ...s,
        placeholder: `Pools of ${o.context}`,
        active: a.pool?.metadata.name,
        items: o.pools.then((ps) =>
          ps.map((p) => {
            const v = poolView(p);
            return {
              label: v.name,
              description: `${v.total} nodes · ${v.paused ? '$(debug-pause) ' : ''}${v.state}`,
              detail: v.paused ? 'Paused: MCO renders the new config but no node updates until the pool is resumed.' : undefined,
              value: v.name,
            };
          }),
        ),
      });
      if (typeof picked === 'string') a.pool = (await o.pools).find((p) => p.metadata.name === picked);
      return picked;
    });
  }
  {
    const s = at('image by digest');
    steps.push(async () => {
      const v = await inputStep({
        ...s,
        prompt: '<registry>/<repository>@sha256:<64 hex digits>, as the push printed it',
        value: a.image,
        validate: (x) => checkDigestRef(x),
        keep: (x) => (a.image = x),
      });
      if (typeof v === 'string') a.image = v;
      return v;
    });
  }
  {
    const s = at('MachineConfig name');
    steps.push(async () => {
      const pool = a.pool!.metadata.name;
      const v = await inputStep({
        ...s,
        prompt: `The MachineConfig that sets osImageURL for pool ${pool}`,
        value: nameForPool(pool, a.named),
        validate: (x) => checkName(x.trim()),
        keep: (x) => (a.named = { pool, name: x }),
      });
      if (typeof v === 'string') a.named = { pool, name: v };
      return v;
    });
  }
  if (o.offerPrepull) {
    const s = at('pre-pull or apply');
    steps.push(async () => {
      const pool = a.pool!.metadata.name;
      const v = await pickStep({
        ...s,
        placeholder: `Pull the image on the nodes of pool ${pool} before they reboot into it?`,
        active: a.prepull,
        items: [
          {
            label: "Pre-pull on the pool's nodes first (no reboot)",
            detail: 'Every node of the pool pulls the image now; the apply follows once all have it, so the reboots are short.',
            value: true,
          },
          { label: 'Apply now', detail: 'Each node pulls the image when its turn comes in the rollout.', value: false },
        ],
      });
      if (typeof v === 'boolean') a.prepull = v;
      return v;
    });
  }
  if (!(await runSteps(steps))) return undefined;
  return { pool: a.pool!, image: a.image.trim(), name: a.named!.name.trim(), prepull: a.prepull ?? false };
}
