/**
 * Preflight before Apply Layered Image (nothing here reboots a node; CURRENT.md §6 "Preflight"):
 * the digest exists in the registry (skopeo with the user's pull secret), the registry is in the
 * cluster's global pull secret (openshift-config/pull-secret: only its auth hosts are read, never a
 * credential) or is the internal registry, the pool is not degraded, and the image's RHEL stream
 * (label io.openshift.os.streamclass, MCO pkg/osimagestream/image_data.go) matches the pool's
 * osImageStream. Each failure says how to fix it; the user may still go on.
 */
import type { Cluster, Obj } from './cluster';
import { getJson } from './rawApi';
import { poolView } from './rollout';
import { run } from '../build/process';
import { which } from '../build/tool';

export interface Check {
  id: 'digest' | 'pull-secret' | 'pool' | 'stream';
  status: 'ok' | 'failed' | 'skipped';
  message: string;
  /** What to do, when it failed. */
  fix?: string;
}

/** The registry host of an image reference (`docker.io` when it has none). */
export function registryHost(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** The cluster's own registry, whose credentials MCO merges into what nodes pull with (CURRENT.md §1.2). */
export function isInternalRegistry(host: string): boolean {
  return (
    /^image-registry\.openshift-image-registry\.svc(\.cluster\.local)?(:\d+)?$/.test(host) ||
    /^default-route-openshift-image-registry\./.test(host)
  );
}

/** The auth keys of a .dockerconfigjson, as `host[/path]`: the values are never read. */
export function authKeys(dockerconfigjson: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(dockerconfigjson);
  } catch {
    return [];
  }
  const auths = (parsed as { auths?: Record<string, unknown> } | null)?.auths;
  if (!auths || typeof auths !== 'object') return [];
  return Object.keys(auths).map((k) =>
    k
      .replace(/^https?:\/\//, '')
      .replace(/\/v[12]\/?$/, '')
      .replace(/\/$/, '')
      .replace(/^index\.docker\.io$/, 'docker.io'),
  );
}

/** True when one of the keys covers the image: the same host, or a host/path prefix of its repository. */
export function covers(keys: string[], image: string): boolean {
  const host = registryHost(image);
  const repo = image.includes('/') && registryHost(image) === image.split('/')[0] ? image : `docker.io/${image}`;
  return keys.some((k) => k === host || repo.startsWith(`${k}/`));
}

/** The hosts of openshift-config/pull-secret. */
export async function clusterPullSecretKeys(cluster: Cluster): Promise<string[]> {
  const s = await getJson<{ data?: Record<string, string> }>(
    cluster,
    '/api/v1/namespaces/openshift-config/secrets/pull-secret',
    {},
    'read the auth hosts of openshift-config/pull-secret',
  );
  const raw = s.data?.['.dockerconfigjson'];
  return raw ? authKeys(Buffer.from(raw, 'base64').toString('utf8')) : [];
}

export interface Inspected {
  digest: string;
  labels: Record<string, string>;
}

/** `skopeo inspect` of the image with the user's auth file: its digest and labels, or why not. */
export async function inspectImage(
  image: string,
  authfile: string | undefined,
  timeoutMs = 60_000,
): Promise<Inspected | { error: string }> {
  const skopeo = which('skopeo');
  if (!skopeo) return { error: 'skopeo is not installed, so the registry was not asked (install skopeo to check this before applying).' };
  const out: string[] = [];
  const args = ['inspect', ...(authfile ? ['--authfile', authfile] : []), '--retry-times', '0', `docker://${image}`];
  const r = run(skopeo, args, { onLine: (l, s) => s === 'stdout' && out.push(l) });
  const t = setTimeout(() => r.cancel(), timeoutMs);
  const res = await r.done.finally(() => clearTimeout(t));
  if (res.code !== 0) {
    const err =
      res.tail
        .filter((l) => !out.includes(l))
        .join(' ')
        .trim() || `skopeo exited with status ${res.code ?? res.signal}`;
    return { error: authfile ? err.split(authfile).join('<rhcosLayering.pullSecretPath>') : err };
  }
  try {
    const j = JSON.parse(out.join('\n')) as { Digest?: string; Labels?: Record<string, string> | null };
    return { digest: j.Digest ?? '', labels: j.Labels ?? {} };
  } catch {
    return { error: 'skopeo printed something that is not JSON' };
  }
}

/** The pool's RHEL stream (spec.osImageStream.name, else status.osImageStream.name), when it has one. */
export function poolStream(pool: Obj): string | undefined {
  const name = (o: unknown) => (o && typeof o === 'object' ? (o as { name?: unknown }).name : undefined);
  const s = name(pool.spec?.['osImageStream']) ?? name(pool.status?.['osImageStream']);
  return typeof s === 'string' && s ? s : undefined;
}

export interface PreflightInput {
  image: string;
  pool: Obj;
  /** The auth keys of the cluster's pull secret, or why they could not be read. */
  clusterKeys: string[] | { error: string };
  inspected: Inspected | { error: string };
}

export function preflightChecks(i: PreflightInput): Check[] {
  const out: Check[] = [];
  const host = registryHost(i.image);
  const digest = /@(sha256:[0-9a-f]{64})$/.exec(i.image)?.[1];
  if ('error' in i.inspected) {
    const unknown = /manifest unknown|not found/i.test(i.inspected.error);
    const refused = /unauthorized|authentication required|denied/i.test(i.inspected.error);
    // A registry this machine cannot reach (network, TLS) says nothing about the image: not checked, rather than failed.
    out.push(
      unknown || refused
        ? {
            id: 'digest',
            status: 'failed',
            message: `The registry did not serve ${i.image}: ${i.inspected.error}`,
            fix: unknown
              ? 'Push the image again (Push Layered Image) and apply the digest the push printed.'
              : 'Check rhcosLayering.pullSecretPath: it needs credentials for this registry.',
          }
        : { id: 'digest', status: 'skipped', message: `Whether ${i.image} exists was not checked: ${i.inspected.error}` },
    );
  } else if (digest && i.inspected.digest && i.inspected.digest !== digest)
    out.push({
      id: 'digest',
      status: 'failed',
      message: `The registry answers ${i.inspected.digest} for ${i.image}, not the digest given.`,
      fix: 'Apply the digest the push printed.',
    });
  else out.push({ id: 'digest', status: 'ok', message: `${i.image} exists in the registry.` });

  if (isInternalRegistry(host))
    out.push({ id: 'pull-secret', status: 'ok', message: `${host} is the internal registry: nodes pull from it with MCO's credentials.` });
  else if ('error' in i.clusterKeys)
    out.push({
      id: 'pull-secret',
      status: 'skipped',
      message: `The cluster's pull secret could not be read (${i.clusterKeys.error}), so whether nodes can pull from ${host} is not known.`,
    });
  else if (covers(i.clusterKeys, i.image))
    out.push({ id: 'pull-secret', status: 'ok', message: `openshift-config/pull-secret has credentials for ${host}.` });
  else
    out.push({
      id: 'pull-secret',
      status: 'failed',
      message: `openshift-config/pull-secret has no credentials for ${host}: nodes will fail to pull the image (unauthorized) unless the repository is public.`,
      fix: `Add ${host} to the global pull secret: oc set data secret/pull-secret -n openshift-config --from-file=.dockerconfigjson=<merged-pull-secret.json>`,
    });

  const v = poolView(i.pool);
  if (v.state === 'Degraded')
    out.push({
      id: 'pool',
      status: 'failed',
      message: `Pool ${v.name} is degraded${v.message ? `: ${v.message}` : ''}. MCO does not move on with a degraded node, so the image would not roll out.`,
      fix: 'Fix the degraded node first (Why Is This Node Degraded? in the Rollouts view).',
    });
  else out.push({ id: 'pool', status: 'ok', message: `Pool ${v.name} is ${v.state}.` });

  const stream = poolStream(i.pool);
  const label = 'error' in i.inspected ? undefined : i.inspected.labels['io.openshift.os.streamclass'];
  if (!stream || !label)
    out.push({
      id: 'stream',
      status: 'skipped',
      message: !label
        ? 'The image has no io.openshift.os.streamclass label (or was not read), so its RHEL stream is not checked.'
        : `Pool ${v.name} does not name an osImageStream.`,
    });
  else if (stream === label) out.push({ id: 'stream', status: 'ok', message: `The image and pool ${v.name} are both on ${stream}.` });
  else
    out.push({
      id: 'stream',
      status: 'failed',
      message: `The image is built FROM a ${label} base but pool ${v.name} is on ${stream}; mixing RHCOS 9 and 10 is not supported.`,
      fix: `Build FROM the ${stream} base image of this cluster (Insert Cluster Base Image), or move the pool to ${label} first.`,
    });
  return out;
}

/** Runs every check; never throws (a check that cannot run says so). */
export async function preflight(cluster: Cluster, pool: Obj, image: string, authfile: string | undefined): Promise<Check[]> {
  const [clusterKeys, inspected] = await Promise.all([
    clusterPullSecretKeys(cluster).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })),
    inspectImage(image, authfile),
  ]);
  return preflightChecks({ image, pool, clusterKeys, inspected });
}
