/**
 * Build and push times of the sample layered image through the extension's build module, with
 * real podman and buildah against a registry on 127.0.0.1 (the test lab's stand-in base image).
 *   npm run bench:build  [RUNS=3]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, push } from '../client/src/build/builder';
import { which } from '../client/src/build/tool';
import { startLab } from '../test/harness/imageLab';

const RUNS = Number(process.env.RUNS ?? 3);

async function main(): Promise<void> {
  const t0 = Date.now();
  const lab = await startLab();
  console.log(`lab (2 registries, stand-in base built and pushed): ${Date.now() - t0} ms`);
  try {
    const dir = path.join(lab.dir, 'sample');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'Containerfile');
    fs.writeFileSync(
      file,
      `FROM ${lab.plain}/rhcos-standin@${lab.baseDigest}\nRUN rpm-ostree install firewalld && \\\n    rpm-ostree cleanup -m && \\\n    ostree container commit\n`,
    );
    for (const tool of ['podman', 'buildah'] as const) {
      const engine = { tool, path: which(tool)!, env: lab.env };
      const times: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        const tag = `${lab.plain}/sample:${tool}-${i}`;
        const b0 = Date.now();
        const b = await build(engine, { containerfile: file, context: dir, tag, noCache: true, pullAlways: i === 0 }).done;
        const b1 = Date.now();
        if (!b.ok) throw new Error(b.explanation?.message);
        const p = await push(engine, tag, undefined).done;
        if (!p.ok) throw new Error(p.explanation?.message);
        times.push(`build ${b1 - b0} ms, push ${Date.now() - b1} ms`);
      }
      console.log(`${tool}: ${times.join(' | ')}  (first build pulls the base; all --no-cache)`);
    }
  } finally {
    await lab.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
