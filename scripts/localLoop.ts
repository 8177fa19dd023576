/**
 * What `npm start` needs for Build → Push → Apply to Pool → Rollout to work offline: the test lab's
 * registry on 127.0.0.1 with a stand-in RHCOS base image (test/harness/imageLab.ts: busybox and stub
 * rpm-ostree/ostree, built FROM scratch), a copy of examples/ whose layering Containerfile starts
 * FROM that image by digest, and the environment podman/buildah need for it (their own storage and
 * registries.conf). The simulator is then started with that image as the cluster's base image.
 * Without podman, buildah or docker-registry it says what is missing and the rest still starts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLab } from '../test/harness/imageLab';
import type { Lab } from '../test/harness/imageLab';
import { ROOT } from '../test/harness/codeServer';
import { which } from '../client/src/build/tool';

export interface LocalLoop {
  /** The examples workspace to open: a copy whose layering Containerfile builds FROM the stand-in base. */
  workspace: string;
  /** The stand-in base image by digest, or null without an image lab. */
  baseImage: string | null;
  /** The registry (plain HTTP, 127.0.0.1) images are pushed to, or null. */
  registry: string | null;
  /** Environment for the editor (and so its build tasks): podman/buildah storage and registries.conf of the lab. */
  env: Record<string, string>;
  /** Why Build and Push will not work here, when they will not. */
  problem: string | null;
  stop(): Promise<void>;
}

/** The Containerfile of the examples that is rewritten to the stand-in base. */
export const LOOP_CONTAINERFILE = path.join('good', 'Containerfile');

/** What the lab runs: the engines, the registry, and what makes its TLS registry's certificate and password. */
const TOOLS = ['podman', 'buildah', 'skopeo', 'docker-registry', 'openssl', 'htpasswd', 'busybox'];
const PACKAGE: Record<string, string> = { htpasswd: 'apache2-utils', 'docker-registry': 'docker-registry' };

/** Environment keys of the lab that the editor's build engine needs (not the whole process environment). */
const LAB_KEYS = ['CONTAINERS_STORAGE_CONF', 'CONTAINERS_REGISTRIES_CONF', 'BUILDAH_ISOLATION', 'SSL_CERT_FILE'];

export async function setUpLocalLoop(
  stateDir: string,
  log: (line: string) => void = () => undefined,
  /** Where the tools are looked for (PATH). */
  search: NodeJS.ProcessEnv = process.env,
): Promise<LocalLoop> {
  const workspace = path.join(stateDir, 'examples');
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  let lab: Lab | null = null;
  let problem: string | null = null;
  const missing = TOOLS.filter((t) => !which(t, search));
  if (missing.length)
    problem =
      `Build and Push will not work: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed ` +
      `(Debian: apt-get install ${missing.map((t) => PACKAGE[t] ?? t).join(' ')}). The simulator and the editor start anyway.`;
  else
    try {
      lab = await startLab();
    } catch (e) {
      const m = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      problem = `Build and Push will not work: the local registry and base image could not be set up (${m}). The simulator and the editor start anyway.`;
    }
  if (problem) log(problem);
  const baseImage = lab ? `${lab.plain}/rhcos-standin@${lab.baseDigest}` : null;
  if (baseImage) {
    const file = path.join(workspace, LOOP_CONTAINERFILE);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text
        .replace(/^# .*\n/, `# A clean layering Containerfile on the local stand-in base image (npm start): build, push, apply.\n`)
        .replace(/^FROM \S+/m, `FROM ${baseImage}`),
    );
  }
  const env: Record<string, string> = {};
  if (lab) for (const k of LAB_KEYS) if (lab.env[k]) env[k] = lab.env[k];
  return {
    workspace,
    baseImage,
    registry: lab?.plain ?? null,
    env,
    problem,
    async stop() {
      await lab?.stop();
    },
  };
}

/** A fresh state folder for one `npm start`. */
export function stateDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-start-'));
}
