/**
 * API and network failures, said in words a cluster administrator acts on. Never includes a token;
 * text quoted from the server is plain text (no clickable links).
 */
import { MCO_GROUP } from '../../../common/mco';
import { plain } from '../../../common/plainText';

export class ClusterError extends Error {
  constructor(
    message: string,
    readonly kind:
      | 'no-kubeconfig'
      | 'bad-kubeconfig'
      | 'no-context'
      | 'unauthorized'
      | 'forbidden'
      | 'unreachable'
      | 'tls'
      | 'not-found'
      | 'conflict'
      | 'invalid'
      | 'refused'
      | 'other',
    readonly status?: number,
  ) {
    // The message quotes the API server, webhooks and MCO: no link of theirs may become clickable,
    // and no credential of the kubeconfig's is shown.
    super(plain(redact(message)));
  }
}

/**
 * Credentials masked as tokens are: a password (or any user info) in a URL, bearer and OpenShift
 * tokens, JWTs, and `token=` / `password: ` values.
 */
export function redact(text: string): string {
  return (
    text
      // Matches start at `:` and look back for the scheme, and a JWT's header is bounded: from every
      // start in a long run of scheme (or `eyJ…`) characters the scan would go to the run's end (quadratic).
      .replace(/:(?<=\b[a-z][a-z0-9+.-]*:)\/\/([^/\s@]+)@/gi, (_m, info: string) =>
        info.includes(':') ? `://${info.split(':')[0]}:<hidden>@` : `://${info}@`,
      )
      .replace(/\bBearer\s+\S+/g, 'Bearer <hidden>')
      .replace(/\bsha256~[\w-]+/g, 'sha256~<hidden>')
      // A JWT: header.payload.signature. One greedy run per start, checked afterwards, so a long run of
      // `eyJ-eyJ-…` costs one pass (a bounded `{1,4096}` then a `\.` backtracked 4,096 steps per start).
      .replace(/\beyJ[\w-]*(?:\.[\w-]*)*/g, (m) => {
        const parts = m.split('.');
        return parts.length >= 3 && parts[1] !== '' ? '<hidden JWT>' : m;
      })
      .replace(/\b(token|password|passwd|secret|auth)(["']?\s*[:=]\s*["']?)[^\s"',;]+/gi, '$1$2<hidden>')
  );
}

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'EPROTO',
]);

function statusOf(e: unknown): { code?: number; message?: string } {
  const x = e as { code?: unknown; statusCode?: unknown; body?: unknown };
  // ApiException carries `code`; client-node's Watch and our raw GETs throw an Error with `statusCode`.
  const code = typeof x?.code === 'number' ? x.code : typeof x?.statusCode === 'number' ? x.statusCode : undefined;
  if (code === undefined) return {};
  let message: string | undefined;
  try {
    const b = typeof x.body === 'string' ? (JSON.parse(x.body) as unknown) : x.body;
    message = (b as { message?: string })?.message;
  } catch {
    /* not JSON */
  }
  return { code, ...(message ? { message } : {}) };
}

/**
 * client-node rejects with the plugin's stderr as the whole message when the exec credential plugin
 * fails (no HTTP status, no network code): that text can hold tokens, so only the fact is told.
 */
function execFailure(e: unknown): string | null {
  if (typeof (e as { code?: unknown })?.code === 'number' || typeof (e as { statusCode?: unknown })?.statusCode === 'number') return null;
  const net = netCode(e);
  if (net === 'ENOENT' || net === 'EACCES') return `cannot be run (${net}: not installed or not on PATH)`;
  if (net || !(e instanceof Error) || e.name !== 'Error' || e.cause !== undefined) return null;
  if (/HTTP protocol is not allowed|Premature close/i.test(e.message)) return null;
  return 'failed';
}

function netCode(e: unknown): string | undefined {
  let x = e as { code?: unknown; cause?: unknown; errno?: unknown } | undefined;
  for (let i = 0; x && i < 4; i++) {
    if (typeof x.code === 'string') return x.code;
    x = x.cause as typeof x;
  }
  return undefined;
}

export function explainError(
  e: unknown,
  ctx: { server: string; context: string; action: string; exec?: string | undefined },
): ClusterError {
  if (e instanceof ClusterError) return e;
  const { code, message } = statusOf(e);
  const plugin = ctx.exec ? execFailure(e) : null;
  if (plugin)
    return new ClusterError(
      `The credential plugin ${ctx.exec} of context "${ctx.context}" ${plugin}, so nothing was sent to ${ctx.server}; its ` +
        `output is not shown because it can hold credentials. Run it in a terminal to see why, or log in again with \`oc login\`.`,
      'unauthorized',
    );
  const what = `${ctx.action} on ${ctx.server}`;
  if (code === 401)
    return new ClusterError(
      `The credentials of context "${ctx.context}" were rejected (401 Unauthorized): the token has expired or is invalid. Log in again with \`oc login ${ctx.server}\`, then retry.`,
      'unauthorized',
      401,
    );
  if (code === 403)
    return new ClusterError(
      `Forbidden (403): the user of context "${ctx.context}" may not ${ctx.action}. ${message ? `The API server said: ${message}. ` : ''}Ask a cluster admin for the ${MCO_GROUP} permissions, or switch context.`,
      'forbidden',
      403,
    );
  if (code === 404) return new ClusterError(`Not found (404) while trying to ${what}${message ? `: ${message}` : ''}.`, 'not-found', 404);
  if (code === 409)
    return new ClusterError(`Conflict (409) while trying to ${what}: ${message ?? 'the object changed on the server'}.`, 'conflict', 409);
  if (code === 422 || code === 400)
    return new ClusterError(`The API server rejected the object (${code}): ${message ?? 'invalid'}.`, 'invalid', code);
  if (code)
    return new ClusterError(`The API server answered ${code} while trying to ${what}${message ? `: ${message}` : ''}.`, 'other', code);
  const net = netCode(e);
  if (net && TLS_CODES.has(net))
    return new ClusterError(
      `TLS verification of ${ctx.server} failed (${net}). Add the cluster's CA to the kubeconfig (certificate-authority-data), name a PEM file with it in rhcosLayering.certificateAuthority (Choose CA File…), or log in again with \`oc login\`; verification is never turned off for you.`,
      'tls',
    );
  if (
    net === 'ECONNREFUSED' ||
    net === 'ENOTFOUND' ||
    net === 'EHOSTUNREACH' ||
    net === 'ETIMEDOUT' ||
    net === 'ECONNRESET' ||
    net === 'EAI_AGAIN'
  ) {
    return new ClusterError(
      `Cannot reach the API server at ${ctx.server} (${net}). Check the network, VPN and the context "${ctx.context}".`,
      'unreachable',
    );
  }
  const m = e instanceof Error ? e.message : String(e);
  if (/Premature close/i.test(m) || net === 'ERR_STREAM_PREMATURE_CLOSE')
    return new ClusterError(
      `The connection to the API server at ${ctx.server} closed while trying to ${ctx.action}; reconnecting.`,
      'unreachable',
    );
  if (/HTTP protocol is not allowed/.test(m))
    return new ClusterError(
      `The API server URL ${ctx.server} is plain http://, which is only used when the kubeconfig's cluster sets insecure-skip-tls-verify. Use the cluster's https:// URL.`,
      'tls',
    );
  if (/certificate|self[- ]signed|SSL/i.test(m))
    return new ClusterError(
      `TLS verification of ${ctx.server} failed: ${m}. Add the cluster's CA to the kubeconfig, or name a PEM file with it in rhcosLayering.certificateAuthority (Choose CA File…); verification is never turned off for you.`,
      'tls',
    );
  return new ClusterError(`Could not ${what}: ${m}`, 'other'); // the constructor masks credentials
}
