/**
 * Runs one program (no shell) in its own process group, streams its output by line, and can stop
 * the whole tree: SIGTERM to the group, then SIGKILL if it is still there after a grace period.
 */
import { spawn } from 'node:child_process';

export interface RunResult {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  cancelled: boolean;
  /** The last lines of stderr and stdout together, for explaining failures. */
  tail: string[];
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: NodeJS.ErrnoException;
}

export interface Running {
  pid: number | undefined;
  done: Promise<RunResult>;
  cancel(): void;
}

const TAIL = 200;

export function run(
  file: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; onLine?: (line: string, stream: 'stdout' | 'stderr') => void; graceMs?: number } = {},
): Running {
  const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  let cancelled = false;
  let killTimer: NodeJS.Timeout | undefined;
  const lines = (stream: 'stdout' | 'stderr') => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split(/\r?\n|\r(?!\n)/);
      rest = parts.pop() ?? '';
      for (const l of parts) emit(l, stream);
    };
    function emit(l: string, s: 'stdout' | 'stderr') {
      tail.push(l);
      if (tail.length > TAIL) tail.shift();
      opts.onLine?.(l, s);
    }
  };
  const onOut = lines('stdout');
  const onErr = lines('stderr');
  child.stdout.on('data', onOut);
  child.stderr.on('data', onErr);
  const killGroup = (sig: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const done = new Promise<RunResult>((resolve) => {
    let spawnError: NodeJS.ErrnoException | undefined;
    child.on('error', (e: NodeJS.ErrnoException) => (spawnError = e));
    child.on('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      // A grandchild may still hold the group; make sure nothing of the build outlives a cancel.
      if (cancelled) killGroup('SIGKILL');
      resolve({ code, signal, cancelled, tail, ...(spawnError ? { spawnError } : {}) });
    });
  });
  return {
    pid: child.pid,
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), opts.graceMs ?? 3000);
    },
  };
}
