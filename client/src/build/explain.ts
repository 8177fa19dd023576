/**
 * Turns a failed build or push into one sentence that says what went wrong and what to do. The
 * patterns are the messages of podman 4 / buildah 1.28 (containers/image), which docker shares in part.
 */
import type { RunResult } from './process';
import type { Tool } from './tool';
import { installHint } from './tool';
import { plain } from '../../../common/plainText';

export interface Explanation {
  kind:
    | 'missing-tool'
    | 'bad-input'
    | 'authfile'
    | 'unauthorized'
    | 'x509'
    | 'unreachable'
    | 'http-registry'
    | 'run-failed'
    | 'manifest-unknown'
    | 'cancelled'
    | 'other';
  message: string;
}

/**
 * The explanation of a failed run. Its text quotes the engine's output and the Containerfile, so it
 * is plain text (no clickable link) and never holds the pull secret's path (`authfile`).
 */
export function explain(
  tool: Tool,
  phase: 'build' | 'push',
  r: RunResult,
  failedRun?: { line: number; instruction: string },
  authfile?: string,
): Explanation {
  const e = explainRun(tool, phase, r, failedRun);
  const hidden = authfile ? e.message.split(authfile).join('<rhcosLayering.pullSecretPath>') : e.message;
  return { kind: e.kind, message: plain(hidden) };
}

function explainRun(tool: Tool, phase: 'build' | 'push', r: RunResult, failedRun?: { line: number; instruction: string }): Explanation {
  if (r.cancelled) return { kind: 'cancelled', message: `The ${phase} was cancelled; the ${tool} process and its children were stopped.` };
  if (r.spawnError) {
    if (r.spawnError.code === 'ENOENT')
      return { kind: 'missing-tool', message: `${tool} is not installed or not on PATH. ${installHint(tool)}` };
    return {
      kind: 'missing-tool',
      message: `${tool} could not be started (${r.spawnError.code ?? r.spawnError.message}). Check that it is installed and executable.`,
    };
  }
  const text = r.tail.join('\n');
  const exit = r.code === null ? `was stopped by ${r.signal}` : `exited with status ${r.code}`;
  if (/checking authfile|reading JSON file|unmarshaling JSON|credential helper|getting username and password/.test(text)) {
    return {
      kind: 'authfile',
      message: `${tool} could not read the pull secret: ${cause(text, /(no such file or directory|unmarshaling JSON[^\n]*|is a directory|invalid character[^\n]*)/)}. Point rhcosLayering.pullSecretPath at a valid auth file (the JSON that \`podman login --authfile\` writes).`,
    };
  }
  if (/unauthorized|authentication required|denied: requested access|401 Unauthorized/i.test(text)) {
    return {
      kind: 'unauthorized',
      message: `The registry refused the credentials (unauthorized) during the ${phase}. Check that rhcosLayering.pullSecretPath holds an entry for ${registryIn(text) ?? 'this registry'} with a valid token, and that the account may ${phase === 'push' ? 'push to' : 'pull from'} the repository.`,
    };
  }
  if (/x509:|certificate signed by unknown authority|tls: failed to verify/.test(text)) {
    return {
      kind: 'x509',
      message: `The TLS certificate of ${registryIn(text) ?? 'the registry'} is not trusted (x509). Name a PEM file with its CA in rhcosLayering.certificateAuthority, or add it to /etc/containers/certs.d/<host:port>/ca.crt or the system trust store; verification is not turned off for you.`,
    };
  }
  if (/server gave HTTP response to HTTPS client/.test(text)) {
    return {
      kind: 'http-registry',
      message: `${registryIn(text) ?? 'The registry'} speaks plain HTTP. Mark it \`insecure = true\` in registries.conf if that is intended; nodes will need the same to pull the image.`,
    };
  }
  if (/connection refused|no such host|i\/o timeout|network is unreachable|dial tcp|no route to host/.test(text)) {
    const reg = registryIn(text);
    return {
      kind: 'unreachable',
      message: `The registry${reg ? ` ${reg}` : ''} cannot be reached (${cause(text, /(connection refused|no such host|i\/o timeout|network is unreachable|no route to host)/)}). Check the image name and that the registry is up and reachable from this machine.`,
    };
  }
  if (/manifest unknown|name unknown|not found: manifest/.test(text)) {
    return {
      kind: 'manifest-unknown',
      message: `An image in the FROM line does not exist in its registry (manifest unknown). Check the digest: the cluster's base image is in ConfigMap machine-config-osimageurl (baseOSContainerImage).`,
    };
  }
  const run = /building at STEP "([^"]*)": (?:while running runtime: )?exit status (\d+)/.exec(text);
  if (run || failedRun) {
    const status = run?.[2] ?? String(r.code);
    const where = failedRun ? ` at line ${failedRun.line + 1}` : '';
    const instr = failedRun?.instruction ?? run?.[1] ?? 'RUN';
    return {
      kind: 'run-failed',
      message: `${oneLine(instr)}${where} exited with status ${status}. Its output is in the terminal above; fix the command and build again.`,
    };
  }
  const last = [...r.tail].reverse().find((l) => /^Error:|^error:/i.test(l.trim()));
  return { kind: 'other', message: `${tool} ${phase} ${exit}${last ? `: ${last.trim().replace(/^Error:\s*/i, '')}` : ''}.` };
}

function cause(text: string, re: RegExp): string {
  return re.exec(text)?.[1] ?? 'see the terminal';
}

/**
 * The registry host the output names: containers/image says "pinging container registry <host>",
 * "Get \"https://<host>/v2/\"" or "… in <host>". A candidate must look like a host (a dot, a port or
 * localhost), so "retrying in 1s" is never taken for one.
 */
function registryIn(text: string): string | null {
  const host = /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+|[a-z0-9.-]+:\d+)$/i;
  for (const re of [
    /pinging container registry ([a-z0-9.-]+(?::\d+)?)/gi,
    /https?:\/\/([a-z0-9.-]+(?::\d+)?)\//gi,
    /(?:\bin |\bregistry |at destination: [^\n]*? in )([a-z0-9.-]+(?::\d+)?)\b/gi,
  ]) {
    for (const m of text.matchAll(re)) if (host.test(m[1]!) && !/^\d+(\.\d+)?m?s$/.test(m[1]!)) return m[1]!;
  }
  return null;
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}
