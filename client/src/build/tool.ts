/** Which container engine builds: the setting, else the first of podman, buildah, docker on PATH. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Tool = 'podman' | 'buildah' | 'docker';
export const TOOLS: readonly Tool[] = ['podman', 'buildah', 'docker'];

/** The absolute path of `name` on PATH, or null. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

export class ToolMissing extends Error {}

/** How to get a tool, in the words a user on RHEL, Fedora or Debian needs. */
export function installHint(tool: Tool): string {
  if (tool === 'docker')
    return 'Install Docker Engine (https://docs.docker.com/engine/install/), or set rhcosLayering.buildTool to podman or buildah.';
  return `Install it with \`sudo dnf install ${tool}\` (RHEL, Fedora) or \`sudo apt-get install ${tool}\` (Debian, Ubuntu), or pick another engine in the setting rhcosLayering.buildTool.`;
}

/** Resolves the engine to run; throws ToolMissing with what to do. */
export function resolveTool(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): { tool: Tool; path: string } {
  if (setting && setting !== 'auto') {
    if (!TOOLS.includes(setting as Tool)) throw new ToolMissing(`rhcosLayering.buildTool is "${setting}"; use podman, buildah or docker.`);
    const p = which(setting, env);
    if (!p)
      throw new ToolMissing(`${setting} was not found on PATH (rhcosLayering.buildTool is "${setting}"). ${installHint(setting as Tool)}`);
    return { tool: setting as Tool, path: p };
  }
  for (const t of TOOLS) {
    const p = which(t, env);
    if (p) return { tool: t, path: p };
  }
  throw new ToolMissing(
    `No container engine found on PATH: podman, buildah or docker is needed to build the layered image. ${installHint('podman')}`,
  );
}
