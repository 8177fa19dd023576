/**
 * Build and push, as the extension runs them: checks first, then the engine with arguments (no
 * shell), progress from its STEP lines, and failures explained. No `vscode` import: the editor glue
 * and the tests drive the same functions.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildArgs, checkInputs, displayCommand, pushArgs } from './args';
import { repository } from '../../../common/imageRef';
import type { BuildOptions } from './args';
import { checkAuthfile } from './authfile';
import { registryCertDir } from './registryCa';
import { explain } from './explain';
import type { Explanation } from './explain';
import { run } from './process';
import type { RunResult } from './process';
import { lineOfStep, parseStep, stagesOf } from './steps';
import type { Step } from './steps';
import type { Tool } from './tool';

export interface Engine {
  tool: Tool;
  path: string;
  env?: NodeJS.ProcessEnv;
}

export interface Events {
  /** Output, line by line, as the engine printed it. */
  onLine?(line: string, stream: 'stdout' | 'stderr'): void;
  /** A new STEP began; `line` is its 0-based Containerfile line when known. */
  onStep?(step: Step, line: number | null): void;
  /** The command line, with the pull secret's path hidden. */
  onCommand?(display: string): void;
}

export interface Outcome {
  ok: boolean;
  code: number | null;
  explanation?: Explanation;
  /** For a failed step: where it is in the Containerfile (0-based line). */
  problem?: { file: string; line: number; message: string };
}

export interface PushOutcome extends Outcome {
  /** `repository@sha256:<64 hex>` when the push succeeded. */
  reference?: string;
  digest?: string;
}

export interface Job<T> {
  cancel(): void;
  done: Promise<T>;
}

function failed<T extends Outcome>(explanation: Explanation): Job<T> {
  return { cancel: () => undefined, done: Promise.resolve({ ok: false, code: null, explanation } as T) };
}

/** docker reads credentials from $DOCKER_CONFIG/config.json, so a private copy stands in for --authfile. */
function dockerConfig(engine: Engine, authfile: string | undefined): { env: NodeJS.ProcessEnv; cleanup(): void } {
  const env = { ...(engine.env ?? process.env) };
  if (engine.tool !== 'docker' || !authfile) return { env, cleanup: () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-docker-config-'));
  fs.copyFileSync(authfile, path.join(dir, 'config.json'));
  fs.chmodSync(path.join(dir, 'config.json'), 0o600);
  env['DOCKER_CONFIG'] = dir;
  return { env, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function build(engine: Engine, o: BuildOptions, ev: Events = {}): Job<Outcome> {
  const bad = checkInputs(engine.tool, { tag: o.tag, containerfile: o.containerfile, context: o.context, platform: o.platform });
  if (bad) return failed({ kind: 'bad-input', message: bad });
  // Spawning in a missing folder fails with ENOENT, which reads as a missing engine: say what is missing.
  if (!isFolder(o.context))
    return failed({
      kind: 'bad-input',
      message:
        `The build context ${o.context} does not exist or is not a folder. Fix "context" in tasks.json (relative to ` +
        `the workspace folder), or leave it out to build in the Containerfile's folder.`,
    });
  if (o.authfile) {
    const bad = checkAuthfile(o.authfile);
    if (bad) return failed({ kind: 'authfile', message: bad });
  }
  let text: string;
  try {
    text = fs.readFileSync(o.containerfile, 'utf8');
  } catch {
    return failed({ kind: 'other', message: `The Containerfile ${o.containerfile} cannot be read. Save it and try again.` });
  }
  const certs = registryCertDir(engine.tool, o.certificateAuthority);
  if ('error' in certs) return failed({ kind: 'bad-input', message: certs.error });
  const stages = stagesOf(text);
  let current: { step: Step; line: number | null } | null = null;
  const args = buildArgs(engine.tool, { ...o, certDir: certs.dir });
  ev.onCommand?.(displayCommand(engine.tool, args, o.authfile));
  const cfg = dockerConfig(engine, o.authfile);
  const p = run(engine.path, args, {
    cwd: o.context,
    env: cfg.env,
    onLine(line, stream) {
      const step = parseStep(line);
      if (step) {
        current = { step, line: lineOfStep(stages, step) };
        ev.onStep?.(step, current.line);
      }
      ev.onLine?.(line, stream);
    },
  });
  const done = p.done.then((r: RunResult): Outcome => {
    cfg.cleanup();
    certs.cleanup();
    if (r.code === 0 && !r.cancelled) return { ok: true, code: 0 };
    const cur = current;
    const failedRun =
      cur && cur.line !== null && /^RUN\b/i.test(cur.step.text) && !r.cancelled
        ? { line: cur.line, instruction: cur.step.text }
        : undefined;
    const explanation = explain(engine.tool, 'build', r, failedRun, o.authfile);
    const line =
      explanation.kind === 'run-failed'
        ? failedRun?.line
        : explanation.kind === 'manifest-unknown' || explanation.kind === 'unauthorized'
          ? (cur?.line ?? undefined)
          : undefined;
    return {
      ok: false,
      code: r.code,
      explanation,
      ...(line !== undefined && line !== null ? { problem: { file: o.containerfile, line, message: explanation.message } } : {}),
    };
  });
  return { cancel: () => p.cancel(), done };
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function push(
  engine: Engine,
  image: string,
  authfile: string | undefined,
  ev: Events = {},
  certificateAuthority?: string,
): Job<PushOutcome> {
  const bad = checkInputs(engine.tool, { image });
  if (bad) return failed({ kind: 'bad-input', message: bad });
  if (authfile) {
    const bad = checkAuthfile(authfile);
    if (bad) return failed({ kind: 'authfile', message: bad });
  }
  const certs = registryCertDir(engine.tool, certificateAuthority);
  if ('error' in certs) return failed({ kind: 'bad-input', message: certs.error });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-push-'));
  const digestfile = path.join(dir, 'digest');
  const args = pushArgs(engine.tool, { image, digestfile, authfile, certDir: certs.dir });
  ev.onCommand?.(displayCommand(engine.tool, args, authfile));
  const cfg = dockerConfig(engine, authfile);
  let dockerDigest: string | undefined;
  const p = run(engine.path, args, {
    env: cfg.env,
    onLine(line, stream) {
      const m = /digest: (sha256:[0-9a-f]{64})/.exec(line);
      if (m) dockerDigest = m[1];
      ev.onLine?.(line, stream);
    },
  });
  const done = p.done.then((r): PushOutcome => {
    cfg.cleanup();
    certs.cleanup();
    let digest: string | undefined;
    try {
      digest = fs.readFileSync(digestfile, 'utf8').trim();
    } catch {
      digest = dockerDigest;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    if (r.code === 0 && !r.cancelled) {
      if (!digest || !/^sha256:[0-9a-f]{64}$/.test(digest))
        return {
          ok: false,
          code: 0,
          explanation: {
            kind: 'other',
            message: `${engine.tool} push succeeded but reported no digest; check the image with \`skopeo inspect docker://${image}\`.`,
          },
        };
      return { ok: true, code: 0, digest, reference: `${repository(image)}@${digest}` };
    }
    return { ok: false, code: r.code, explanation: explain(engine.tool, 'push', r, undefined, authfile) };
  });
  return { cancel: () => p.cancel(), done };
}

/** The line a problem matcher reads: `<file>:<line>:<col>: error: <message>` (1-based). */
export function problemLine(p: { file: string; line: number; message: string }): string {
  return `${p.file}:${p.line + 1}:1: error: ${p.message}`;
}
