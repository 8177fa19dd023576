/** Command lines for build and push, as argument arrays (never a shell string). */
import type { Tool } from './tool';
import { repository } from '../../../common/imageRef';

export interface BuildOptions {
  containerfile: string;
  context: string;
  tag: string;
  authfile?: string | undefined;
  pullAlways?: boolean | undefined;
  noCache?: boolean | undefined;
  platform?: string | undefined;
  /** rhcosLayering.certificateAuthority: a PEM file added to the roots the registry's certificate is checked against. */
  certificateAuthority?: string | undefined;
  /** The folder for --cert-dir (podman, buildah) made from it. */
  certDir?: string | undefined;
}

export function buildArgs(tool: Tool, o: BuildOptions): string[] {
  const a = tool === 'buildah' ? ['bud'] : ['build'];
  a.push('-f', o.containerfile, '-t', o.tag);
  // docker has no --authfile: its credentials come from DOCKER_CONFIG (see dockerConfigEnv).
  if (o.authfile && tool !== 'docker') a.push('--authfile', o.authfile);
  if (o.certDir && tool !== 'docker') a.push('--cert-dir', o.certDir);
  if (o.pullAlways) a.push(tool === 'docker' ? '--pull' : '--pull=always');
  if (o.noCache) a.push('--no-cache');
  if (o.platform) a.push('--platform', o.platform);
  // podman, buildah and docker parse options with cobra: after --, nothing is read as an option.
  a.push('--', o.context);
  return a;
}

export interface PushOptions {
  image: string;
  digestfile: string;
  authfile?: string | undefined;
  certDir?: string | undefined;
}

export function pushArgs(tool: Tool, o: PushOptions): string[] {
  if (tool === 'docker') return ['push', '--', o.image];
  const a = ['push', '--digestfile', o.digestfile];
  if (o.authfile) a.push('--authfile', o.authfile);
  if (o.certDir) a.push('--cert-dir', o.certDir);
  a.push('--', o.image);
  return a;
}

/** The arguments as shown to the user: the pull secret's path is replaced, never printed. */
export function displayCommand(tool: Tool, args: readonly string[], authfile?: string): string {
  return [
    tool,
    ...args.map((x) => (authfile && x === authfile ? '<rhcosLayering.pullSecretPath>' : /\s/.test(x) ? JSON.stringify(x) : x)),
  ].join(' ');
}

/** A tag a registry will accept: registry host, lowercase repository, optional tag; says what is wrong otherwise. */
/**
 * The value the tag box opens with for a Containerfile: its own last tag; else the last repository used
 * with a tag named after the Containerfile's folder (never another Containerfile's tag as it is, which
 * would overwrite that image); else empty. `select` is the part to select, so typing replaces just the tag.
 */
export function suggestTag(
  own: string | undefined,
  lastTag: string | undefined,
  containerfile: string,
): { value: string; select?: [number, number] } {
  if (own) return { value: own };
  if (!lastTag || checkTag(lastTag) !== null) return { value: '' };
  const repo = repository(lastTag);
  const folder = containerfile.split(/[\\/]/).slice(-2, -1)[0] ?? '';
  const name =
    folder
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 128) || 'latest';
  return { value: `${repo}:${name}`, select: [repo.length + 1, repo.length + 1 + name.length] };
}

export function checkTag(tag: string): string | null {
  const example = 'for example quay.io/my-org/rhcos-layered:latest';
  if (!tag.trim()) return `Enter the image to build, ${example}.`;
  if (/\s/.test(tag)) return 'An image name has no spaces.';
  if (tag.includes('@')) return 'Give a tag, not a digest: the digest is known only after the push.';
  const repo = repository(tag);
  const [host, ...path] = repo.split('/');
  if (!path.length || !/[.:]|^localhost$/.test(host!)) return `Name the registry the cluster pulls from, ${example}.`;
  if (!/^[A-Za-z0-9.-]+(:[0-9]+)?$/.test(host!)) return `"${host}" is not a registry host[:port].`;
  const bad = path.find((c) => !/^[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*$/.test(c));
  if (bad !== undefined)
    return `"${bad}" is not a valid repository name: use lowercase letters, digits and single '.', '_' or '-' between them.`;
  const t = tag.slice(repo.length + 1);
  if (tag.length > repo.length && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(t)) return `"${t}" is not a valid tag.`;
  return null;
}

/**
 * The values a tasks.json or a setting gives (tag, containerfile, context, platform, image) before
 * they reach the engine: one that starts with "-" would be read as an option, so it is refused with
 * the key to fix. Null when all are fine.
 */
export function checkInputs(
  tool: Tool,
  values: { tag?: string; containerfile?: string; context?: string; platform?: string; image?: string },
): string | null {
  for (const [key, value] of Object.entries(values) as [string, string | undefined][]) {
    if (value === undefined) continue;
    if (value.trimStart().startsWith('-'))
      return (
        `The ${key} "${value}" starts with "-", so ${tool} would read it as an option. Fix ` +
        `"${key === 'image' ? 'tag' : key}" in tasks.json${key === 'platform' ? ' or rhcosLayering.build.platform' : ''}.`
      );
  }
  if (values.platform !== undefined && !/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(values.platform))
    return (
      `The platform "${values.platform}" is not os/arch[/variant], for example linux/amd64. Fix "platform" in ` +
      `tasks.json or rhcosLayering.build.platform.`
    );
  return null;
}
