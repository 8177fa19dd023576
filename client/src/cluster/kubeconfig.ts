/**
 * Kubeconfig as kubectl finds it: an explicit path (the setting), else every file in KUBECONFIG
 * merged in order (the first file to set a value wins, including current-context), else
 * ~/.kube/config. A missing file is an error that says what to do; nothing falls back silently.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KubeConfig } from './k8s';
import { k8s } from './k8s';
import { ClusterError } from './errors';

export interface Source {
  explicit?: string | undefined;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The files to read, in kubectl's order, and where they came from. */
export function kubeconfigFiles(src: Source): { files: string[]; from: string } {
  const env = src.env ?? process.env;
  if (src.explicit) return { files: [src.explicit], from: 'the setting rhcosLayering.kubeconfig' };
  const list = (env['KUBECONFIG'] ?? '').split(path.delimiter).filter(Boolean);
  if (list.length)
    return { files: list.filter((f) => fs.existsSync(f)), from: `KUBECONFIG (${list.length} path${list.length > 1 ? 's' : ''})` };
  return { files: [path.join(src.home ?? os.homedir(), '.kube', 'config')].filter((f) => fs.existsSync(f)), from: '~/.kube/config' };
}

export async function loadKubeconfig(src: Source): Promise<KubeConfig> {
  const { KubeConfig } = await k8s();
  const { files, from } = kubeconfigFiles(src);
  if (src.explicit && !fs.existsSync(src.explicit))
    throw new ClusterError(
      'The kubeconfig named in rhcosLayering.kubeconfig does not exist. Fix the path, or clear the setting to use KUBECONFIG or ~/.kube/config.',
      'no-kubeconfig',
    );
  if (!files.length)
    throw new ClusterError(
      `No kubeconfig found (looked in ${from}). Log in with \`oc login\`, set KUBECONFIG, or set rhcosLayering.kubeconfig.`,
      'no-kubeconfig',
    );
  const merged = new KubeConfig();
  for (const [i, f] of files.entries()) {
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(f);
    } catch (e) {
      throw new ClusterError(
        `The kubeconfig ${path.basename(f)} (from ${from}) cannot be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}.`,
        'bad-kubeconfig',
      );
    }
    if (i === 0) {
      merged.loadFromOptions({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: kc.currentContext });
      continue;
    }
    // kubectl: the first file to define a name wins; later files only add.
    const has = <T extends { name: string }>(xs: T[], n: string) => xs.some((x) => x.name === n);
    merged.loadFromOptions({
      clusters: [...merged.clusters, ...kc.clusters.filter((c) => !has(merged.clusters, c.name))],
      users: [...merged.users, ...kc.users.filter((u) => !has(merged.users, u.name))],
      contexts: [...merged.contexts, ...kc.contexts.filter((c) => !has(merged.contexts, c.name))],
      currentContext: merged.currentContext || kc.currentContext,
    });
  }
  if (!merged.contexts.length)
    throw new ClusterError(`The kubeconfig (from ${from}) has no contexts. Log in with \`oc login\` first.`, 'no-context');
  return merged;
}

/**
 * What kubectl checks before it uses the current context's cluster: insecure-skip-tls-verify beside
 * a certificate authority is refused ("specifying a root certificates file with the insecure flag is
 * not allowed"), instead of silently sending the token to a server whose certificate is not checked.
 */
export function checkUsable(kc: KubeConfig): void {
  const cluster = kc.getCurrentCluster();
  if (cluster?.skipTLSVerify && (cluster.caData || cluster.caFile))
    throw new ClusterError(
      `The kubeconfig's cluster "${cluster.name}" sets both insecure-skip-tls-verify: true and a certificate authority; ` +
        'kubectl refuses this too ("specifying a root certificates file with the insecure flag is not allowed"). ' +
        'Remove the insecure-skip-tls-verify line so the CA is used, or log in again with `oc login`.',
      'bad-kubeconfig',
    );
}

/** The exec credential plugin of the current user (its program name), if it has one. */
export function execPlugin(kc: KubeConfig): string | undefined {
  const exec = (kc.getCurrentUser()?.exec as { command?: unknown } | undefined)?.command;
  return typeof exec === 'string' && exec ? path.basename(exec) : undefined;
}
