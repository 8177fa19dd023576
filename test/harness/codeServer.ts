/**
 * Runs the packaged .vsix in a real VS Code (code-server on 127.0.0.1) with a throwaway profile, and
 * drives it from headless Chromium with playwright-core. Shared by the e2e tests and `npm start`.
 */
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
export const VSIX = path.join(ROOT, `${PKG.name}-${PKG.version}.vsix`);

/** Path of the code-server launcher, installing it into the cache folder on first use. */
export function codeServerBin(): string {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'e2e', 'install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error('installing code-server failed; see the messages above');
  return r.stdout.trim().split('\n').pop()!;
}

export async function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(freePort(0)));
    s.listen(preferred, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Instance {
  url: (folder: string) => string;
  port: number;
  root: string;
  proc: ChildProcess;
  logDir: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  /** Workspace Trust on (Restricted Mode until the user trusts the folder). */
  trust?: boolean;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  quiet?: boolean;
}

export async function startCodeServer(opts: StartOptions = {}): Promise<Instance> {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
  const bin = codeServerBin();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-cs-'));
  const dirs = { ud: path.join(root, 'user-data'), ext: path.join(root, 'extensions'), xdg: path.join(root, 'xdg') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  const settingsFile = path.join(dirs.ud, 'User', 'settings.json');
  fs.writeFileSync(
    settingsFile,
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'security.workspace.trust.enabled': !!opts.trust,
        'security.workspace.trust.startupPrompt': 'always',
        'git.enabled': false,
        'npm.autoDetect': 'off',
        'chat.disableAIFeatures': true,
        'editor.hover.delay': 100,
        'workbench.colorTheme': 'Default Dark Modern',
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  // code-server is a remote host to VS Code: machine-scoped settings (kubeconfig, pull secret,
  // build tool) are read from the Machine settings, as in any remote window.
  fs.mkdirSync(path.join(dirs.ud, 'Machine'), { recursive: true });
  fs.copyFileSync(settingsFile, path.join(dirs.ud, 'Machine', 'settings.json'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    XDG_CONFIG_HOME: dirs.xdg,
    XDG_DATA_HOME: dirs.xdg,
    XDG_CACHE_HOME: dirs.xdg,
    XDG_STATE_HOME: dirs.xdg,
    EXTENSIONS_GALLERY: '{}', // no marketplace: nothing leaves 127.0.0.1
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const inst = spawnSync(bin, ['--user-data-dir', dirs.ud, '--extensions-dir', dirs.ext, '--install-extension', VSIX], {
    env,
    encoding: 'utf8',
  });
  if (inst.status !== 0) throw new Error(`installing the .vsix into code-server failed:\n${inst.stdout}${inst.stderr}`);

  const port = await freePort(opts.port ?? 0);
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    dirs.ud,
    '--extensions-dir',
    dirs.ext,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--config',
    path.join(root, 'config.yaml'),
  ];
  if (!opts.trust) args.push('--disable-workspace-trust');
  const log = fs.openSync(path.join(root, 'code-server.log'), 'w');
  const proc = spawn(bin, args, { env, stdio: ['ignore', log, log], detached: true });
  // If this process ends without stop() (a crash, a timeout), take code-server's process group with it.
  const killOnExit = () => {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.on('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    try {
      process.kill(-proc.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    for (let i = 0; i < 50 && proc.exitCode === null && proc.signalCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (i > 600 || proc.exitCode !== null) {
      await stop();
      throw new Error(`code-server did not start; log: ${path.join(root, 'code-server.log')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: (folder) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
    port,
    root,
    proc,
    logDir: path.join(dirs.ud, 'logs'),
    env,
    stop,
  };
}
