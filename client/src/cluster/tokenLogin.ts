/**
 * Writes a token login into a kubeconfig file the user chose, as a user and a context of their own
 * (`rhcos-layering/<host>-<port>`), beside whatever the file holds. The cluster entry for the server
 * is reused when it verifies TLS; otherwise one is added that does (never insecure-skip-tls-verify).
 * The file is replaced atomically and is readable by its owner only (0600). Nothing here logs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import type { OcLogin } from './ocLogin';
import { OcLoginError } from './ocLogin';

interface Named<T> {
  name: string;
  [k: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}
interface KubeconfigFile {
  apiVersion?: string;
  kind?: string;
  clusters?: Named<Record<string, unknown>>[];
  users?: Named<Record<string, unknown>>[];
  contexts?: Named<Record<string, unknown>>[];
  'current-context'?: string;
  [k: string]: unknown;
}

/** A server URL compared without case and trailing slashes (a loop: a regex anchored at the end backtracks on a run of slashes). */
function serverKey(s: unknown): string {
  if (typeof s !== 'string') return '';
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end).toLowerCase();
}

/** Adds (or replaces) the login's user and context in `file`; returns the context's name. */
export function writeTokenLogin(file: string, login: OcLogin): string {
  let kc: KubeconfigFile = { apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [] };
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    let loaded: unknown;
    try {
      loaded = yaml.load(text);
    } catch (e) {
      throw new OcLoginError(
        `${path.basename(file)} is not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); nothing was written.`,
      );
    }
    if (loaded !== undefined && loaded !== null && (typeof loaded !== 'object' || Array.isArray(loaded)))
      throw new OcLoginError(`${path.basename(file)} is not a kubeconfig; nothing was written.`);
    kc = { ...kc, ...((loaded ?? {}) as KubeconfigFile) };
  }
  const list = (k: 'clusters' | 'users' | 'contexts') => {
    const v = kc[k];
    if (v !== undefined && v !== null && !Array.isArray(v))
      throw new OcLoginError(`${path.basename(file)}: ${k} is not a list; nothing was written.`);
    return (kc[k] = (v ?? []).filter((x) => x && typeof x === 'object'));
  };
  const clusters = list('clusters');
  const users = list('users');
  const contexts = list('contexts');
  const host = new URL(login.server).host.replace(/[:]/g, '-');
  const id = `rhcos-layering/${host}`;
  const ca = login.certificateAuthority ? path.resolve(login.certificateAuthority) : undefined;
  if (ca && !fs.existsSync(ca)) throw new OcLoginError(`The certificate authority file ${ca} does not exist; nothing was written.`);
  // A cluster entry of the same server that verifies TLS (and has the CA asked for, if one was).
  let cluster = clusters.find(
    (c) =>
      serverKey(c.cluster?.['server']) === serverKey(login.server) &&
      c.cluster?.['insecure-skip-tls-verify'] !== true &&
      (!ca || c.cluster?.['certificate-authority'] === ca),
  );
  if (!cluster) {
    const name = clusters.some((c) => c.name === id) ? `${id}-${clusters.length}` : id;
    cluster = { name, cluster: { server: login.server, ...(ca ? { 'certificate-authority': ca } : {}) } };
    clusters.push(cluster);
  }
  const user = { name: id, user: { token: login.token } };
  const ui = users.findIndex((u) => u.name === id);
  if (ui >= 0) users[ui] = user;
  else users.push(user);
  const context = { name: id, context: { cluster: cluster.name, user: id } };
  const ci = contexts.findIndex((c) => c.name === id);
  if (ci >= 0) contexts[ci] = context;
  else contexts.push(context);
  if (!kc['current-context']) kc['current-context'] = id;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(tmp, yaml.dump(kc, { lineWidth: -1 }), { mode: 0o600, flag: 'wx' });
    fs.chmodSync(tmp, 0o600); // whatever the umask
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new OcLoginError(
      `Could not write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}; nothing was changed.`,
    );
  }
  return id;
}
