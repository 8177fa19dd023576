/**
 * Restricted networks: the proxy and the extra certificate authority the API calls use.
 *
 * @kubernetes/client-node 1.x only knows the kubeconfig cluster's `proxy-url` (`KubeConfig.createAgent`
 * in dist/config.js: hpagent's HttpsProxyAgent, i.e. HTTP CONNECT, or a SOCKS agent) and never reads
 * HTTPS_PROXY or NO_PROXY. So, as kubectl does through Go's ProxyFromEnvironment, a cluster without
 * `proxy-url` gets one from VS Code's `http.proxy`, else from HTTPS_PROXY (HTTP_PROXY for an http://
 * server), unless NO_PROXY (or VS Code's `http.noProxy`) names the server. The kubeconfig's own
 * `proxy-url` always wins. localhost and loopback addresses are never proxied (Go's rule).
 *
 * `rhcosLayering.certificateAuthority` adds a PEM file to the CA the kubeconfig gives (or to the
 * system's roots when it gives none). TLS verification is never turned off here.
 */
import * as fs from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { KubeConfig } from './k8s';
import { ClusterError } from './errors';

export interface NetworkSettings {
  /** VS Code's `http.proxy` (empty: not set). */
  httpProxy?: string | undefined;
  /** VS Code's `http.noProxy`. */
  noProxy?: readonly string[] | undefined;
  /** `rhcosLayering.certificateAuthority`: a PEM file with one or more CA certificates. */
  certificateAuthority?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** What was applied, for the status bar tooltip and the tests. */
export interface NetworkApplied {
  /** The proxy used and where it came from, when one is used. */
  proxy?: { url: string; from: string };
  /** The extra CA file, when one was added. */
  certificateAuthority?: string;
}

function envVar(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name.toUpperCase()] || env[name.toLowerCase()] || undefined;
}

/**
 * True when a NO_PROXY entry names this host, as curl and Go read it: `*` is every host; a name
 * matches itself and its subdomains (a leading `.` or `*.` is the same); `host:port` only that port;
 * an IPv4 CIDR (`10.0.0.0/8`) the addresses in it.
 */
export function bypassed(host: string, port: string, entries: readonly string[]): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  for (const raw of entries) {
    let e = raw.trim().toLowerCase();
    if (!e) continue;
    if (e === '*') return true;
    const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(e);
    if (cidr) {
      if (inCidr(h, cidr[1]!, Number(cidr[2]))) return true;
      continue;
    }
    const withPort = /^(.*):(\d+)$/.exec(e);
    if (withPort && !e.includes(']') && (e.match(/:/g) ?? []).length === 1) {
      if (withPort[2] !== port) continue;
      e = withPort[1]!;
    }
    e = e.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (h === e || h.endsWith(`.${e}`)) return true;
  }
  return false;
}

function ipv4(a: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

function inCidr(host: string, net: string, bits: number): boolean {
  const h = ipv4(host);
  const n = ipv4(net);
  if (h === null || n === null || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(h / size) === Math.floor(n / size);
}

/** The proxy for an API server URL when the kubeconfig names none, and where it came from. */
export function proxyFor(server: string, s: NetworkSettings): { url: string; from: string } | undefined {
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    return undefined;
  }
  const env = s.env ?? process.env;
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  // Go's ProxyFromEnvironment (golang.org/x/net/http/httpproxy, useProxy), which kubectl and oc use,
  // never proxies localhost or a loopback address: neither do we.
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return undefined;
  const noProxy = [...(envVar(env, 'no_proxy') ?? '').split(','), ...(s.noProxy ?? [])];
  if (bypassed(u.hostname, port, noProxy)) return undefined;
  if (s.httpProxy?.trim()) return { url: s.httpProxy.trim(), from: 'the setting http.proxy' };
  const name = u.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  const fromEnv = envVar(env, name);
  if (fromEnv) return { url: fromEnv.includes('://') ? fromEnv : `http://${fromEnv}`, from: name.toUpperCase() };
  return undefined;
}

/** The PEM certificates of the file named in rhcosLayering.certificateAuthority; a bad file is a ClusterError that says what is wrong. */
export function readCertificateAuthority(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ClusterError(
      `The certificate authority file ${file} (rhcosLayering.certificateAuthority) cannot be read` +
        `${code === 'ENOENT' ? ': it does not exist' : code ? ` (${code})` : ''}. Fix the path, or clear the setting.`,
      'tls',
    );
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length)
    throw new ClusterError(
      `The certificate authority file ${file} (rhcosLayering.certificateAuthority) holds no PEM certificate ` +
        '("-----BEGIN CERTIFICATE-----"). Give the CA certificate in PEM form, e.g. the one `oc get configmap kube-root-ca.crt -o yaml` shows.',
      'tls',
    );
  for (const [i, b] of blocks.entries()) {
    try {
      new X509Certificate(b);
    } catch {
      throw new ClusterError(
        `Certificate ${i + 1} of ${blocks.length} in ${file} (rhcosLayering.certificateAuthority) is not a valid X.509 certificate.`,
        'tls',
      );
    }
  }
  return blocks.join('\n') + '\n';
}

/**
 * Gives the current context's cluster the proxy (when its kubeconfig names none) and the extra CA.
 * Changes only this KubeConfig object, never the file.
 */
export function applyNetwork(kc: KubeConfig, s: NetworkSettings): NetworkApplied {
  const cluster = kc.getCurrentCluster();
  if (!cluster) return {};
  const applied: NetworkApplied = {};
  let proxyUrl = cluster.proxyUrl;
  if (!proxyUrl) {
    const p = proxyFor(cluster.server, s);
    if (p) {
      proxyUrl = p.url;
      applied.proxy = p;
    }
  } else applied.proxy = { url: proxyUrl, from: 'the kubeconfig (proxy-url)' };
  let caData = cluster.caData;
  let caFile = cluster.caFile;
  // insecure-skip-tls-verify (only accepted without a CA, checkUsable) and http:// servers check no certificate.
  if (s.certificateAuthority && cluster.server.startsWith('https:') && !cluster.skipTLSVerify) {
    const extra = readCertificateAuthority(s.certificateAuthority);
    let own: string;
    try {
      own = caFile
        ? fs.readFileSync(caFile, 'utf8')
        : caData
          ? Buffer.from(caData, 'base64').toString('utf8')
          : rootCertificates.join('\n');
    } catch {
      throw new ClusterError(`The kubeconfig's certificate-authority file ${caFile} cannot be read.`, 'bad-kubeconfig');
    }
    caData = Buffer.from(`${own.trimEnd()}\n${extra}`).toString('base64');
    caFile = undefined;
    applied.certificateAuthority = s.certificateAuthority;
  }
  if (proxyUrl === cluster.proxyUrl && caData === cluster.caData && caFile === cluster.caFile) return applied;
  const replaced = { ...cluster, caData, caFile, proxyUrl };
  kc.loadFromOptions({
    clusters: kc.clusters.map((c) => (c.name === cluster.name ? replaced : c)),
    users: kc.users,
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
  return applied;
}
