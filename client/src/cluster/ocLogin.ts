/**
 * A pasted `oc login --token=… --server=…` command (the web console's "Copy login command"), read
 * the way oc reads its flags: `--flag=value` or `--flag value`, in any order, quoted or not, with a
 * `$ ` prompt or a line continuation pasted along, the server as a URL or a bare host[:port]. The
 * server is always https:// (oc's default); TLS verification is never turned off, so a command that
 * asks for that is refused with the reason. Errors never quote the token.
 */

export interface OcLogin {
  /** https://host[:port] (no path, no trailing slash). */
  server: string;
  token: string;
  /** `--certificate-authority`: a CA file to verify the server with, if given. */
  certificateAuthority?: string;
}

export class OcLoginError extends Error {}

/** Splits like a POSIX shell would for this purpose: single and double quotes, backslash escapes, no expansion. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q === "'") {
      if (c === "'") q = null;
      else cur += c;
      continue;
    }
    if (q === '"') {
      if (c === '"') q = null;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) cur += text[++i];
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      q = c;
      has = true;
    } else if (c === '\\') {
      // A line continuation joins lines; any other escaped character stands for itself.
      if (text[i + 1] === '\n') i++;
      else if (text[i + 1] === '\r' && text[i + 2] === '\n') i += 2;
      else if (i + 1 < text.length) {
        cur += text[++i];
        has = true;
      }
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (q) throw new OcLoginError('The command has an unclosed quote; paste the whole line from "Copy login command".');
  if (has || cur) out.push(cur);
  return out;
}

/** Flags of `oc login` that take a value (so `--flag value` consumes the next word). */
const VALUED = new Set([
  '--token',
  '--server',
  '-s',
  '--certificate-authority',
  '--username',
  '-u',
  '--password',
  '-p',
  '--kubeconfig',
  '--context',
  '--cluster',
  '--user',
  '--namespace',
  '-n',
  '--loglevel',
  '-v',
  '--request-timeout',
  '--callback-port',
]);

/** Normalises oc's server argument: `api.x:6443`, `https://api.x:6443/`, … to `https://host[:port]`. */
export function normaliseServer(raw: string): string {
  let s = raw.trim();
  if (!s) throw new OcLoginError('The server is empty.');
  if (/^http:\/\//i.test(s))
    throw new OcLoginError(`The server ${s} is plain http://: a token is only sent over https://. Use the cluster's https:// API URL.`);
  if (!/^https:\/\//i.test(s)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) throw new OcLoginError(`The server ${s} is not an https:// URL.`);
    s = `https://${s}`;
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new OcLoginError(`The server "${raw}" is not a URL or host name.`);
  }
  if (u.username || u.password) throw new OcLoginError('The server URL holds a user name or password; give the API URL alone.');
  if (!u.hostname) throw new OcLoginError(`The server "${raw}" has no host.`);
  return `https://${u.host}`;
}

/**
 * Reads a pasted login command. The first words may be `oc login` (or `kubectl`-less `login`, or a
 * path to oc); a bare server as the positional argument counts as `--server`.
 */
export function parseOcLogin(text: string): OcLogin {
  const words = splitWords(text.replace(/^\s*\$\s+/, ''));
  let i = 0;
  if (words[i] && /(^|\/)oc(\.exe)?$/.test(words[i]!)) i++;
  if (words[i] === 'login') i++;
  else
    throw new OcLoginError(
      'Paste an `oc login --token=… --server=…` command (from the web console: your name, then "Copy login command").',
    );
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-')) {
      positional.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    if (name === '--insecure-skip-tls-verify') {
      const v = eq > 0 ? w.slice(eq + 1).toLowerCase() : 'true';
      if (v !== 'false')
        throw new OcLoginError(
          'The command turns TLS verification off (--insecure-skip-tls-verify), which would send your token to a server whose ' +
            "certificate is not checked. Remove that flag; if the cluster's CA is not trusted, give it with --certificate-authority=<file>.",
        );
      continue;
    }
    if (eq > 0) flags.set(name, w.slice(eq + 1));
    else if (VALUED.has(name)) {
      if (i + 1 >= words.length) throw new OcLoginError(`${name} has no value.`);
      flags.set(name, words[++i]!);
    } else flags.set(name, 'true');
  }
  if (flags.has('--username') || flags.has('-u') || flags.has('--password') || flags.has('-p'))
    throw new OcLoginError('Only token logins can be pasted; for a user name and password use Log In… in a terminal instead.');
  const serverRaw = flags.get('--server') ?? flags.get('-s') ?? positional[0];
  if (!serverRaw) throw new OcLoginError('The command has no --server=<API URL>.');
  const token = flags.get('--token');
  if (!token) throw new OcLoginError('The command has no --token=<token>.');
  if (/\s/.test(token) || token.length < 8) throw new OcLoginError('The token in the command is not a token (too short or has spaces).');
  const ca = flags.get('--certificate-authority');
  return { server: normaliseServer(serverRaw), token, ...(ca ? { certificateAuthority: ca } : {}) };
}
