/**
 * Log In… (offered when the API server answers 401): either `oc login --server=<server> --web` in a
 * terminal (a program and its arguments, never a shell string) writing into the kubeconfig in use,
 * or a pasted `oc login --token=… --server=…` command whose token goes into that kubeconfig as a user
 * and context of its own. The token is typed into a password box and never shown or logged.
 * Also Choose kubeconfig… and Show Output, the welcome views' other buttons.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigurationTarget, window, workspace } from 'vscode';
import type { OutputChannel } from 'vscode';
import type { CommandHandlers } from '../../../common/commands';
import { kubeconfigFiles, loadKubeconfig } from '../cluster/kubeconfig';
import { normaliseServer, OcLoginError, parseOcLogin } from '../cluster/ocLogin';
import { writeTokenLogin } from '../cluster/tokenLogin';
import type { Connection } from './clusterConnection';
import { showError } from './notify';
import { inputStep, pickStep, runSteps } from './wizard';

type Handlers = Pick<CommandHandlers, 'rhcosLayering.logIn' | 'rhcosLayering.chooseKubeconfig' | 'rhcosLayering.showOutput'>;

export function loginCommands(connection: Connection, output: OutputChannel): Handlers {
  /** The file a login writes to: the setting's, else the first KUBECONFIG file, else ~/.kube/config (as oc does). */
  const target = () => {
    const src = connection.source();
    return src.explicit ?? kubeconfigFiles(src).files[0] ?? path.join(os.homedir(), '.kube', 'config');
  };
  /** The server of the context in use, when the kubeconfig can say. */
  const server = async (): Promise<string | undefined> => {
    const c = connection.connector.peek();
    if (c) return c.server;
    try {
      const kc = await loadKubeconfig(connection.source());
      const name = connection.contextName() ?? kc.currentContext;
      const cluster = kc.clusters.find((x) => x.name === kc.contexts.find((y) => y.name === name)?.cluster);
      return cluster?.server;
    } catch {
      return undefined;
    }
  };

  const checkServer = (v: string) => {
    try {
      normaliseServer(v);
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };

  function webLogin(file: string, raw: string): void {
    const term = window.createTerminal({
      name: 'oc login',
      shellPath: 'oc',
      shellArgs: ['login', `--server=${normaliseServer(raw)}`, '--web'],
      env: { KUBECONFIG: file },
    });
    term.show();
    const sub = window.onDidCloseTerminal((t) => {
      if (t !== term) return;
      sub.dispose();
      // oc login makes its own context current in that file: use it.
      if (t.exitStatus?.code === 0) void connection.useContext(undefined);
      else if (t.exitStatus?.code !== undefined)
        void showError(`oc login ended with exit code ${t.exitStatus.code}; nothing changed. Is oc installed and on PATH?`);
    });
  }

  async function pasted(file: string, text: string): Promise<void> {
    try {
      const context = writeTokenLogin(file, parseOcLogin(text));
      output.appendLine(`Log In: wrote context ${context} into ${file}`);
      await connection.useContext(context);
    } catch (e) {
      void showError(e instanceof OcLoginError ? e.message : 'Logging in failed; nothing was written.');
    }
  }

  return {
    'rhcosLayering.logIn': async () => {
      const file = target();
      const known = await server();
      // How, then (unless the server is known for the browser login) the server or the pasted command, with Back.
      let how: 'web' | 'paste' | undefined;
      let typedServer = '';
      let command = '';
      const step = (n: number) => ({ title: 'Log In to the Cluster', step: n, total: 2, back: n > 1 });
      const done = await runSteps([
        async () => {
          const v = await pickStep<'web' | 'paste'>({
            ...step(1),
            placeholder: 'How to log in',
            active: how,
            items: [
              {
                label: '$(terminal) Log in with the browser',
                description: 'oc login --web',
                detail: `Runs oc login --server=${known ?? '<server>'} --web in a terminal; writes ${file}`,
                value: 'web',
              },
              {
                label: '$(clippy) Paste a login command…',
                description: 'oc login --token=… --server=…',
                detail: `From the web console's "Copy login command"; the token goes into ${file}`,
                value: 'paste',
              },
            ],
          });
          if (v === 'web' || v === 'paste') how = v;
          return v;
        },
        async () => {
          if (how === 'web') {
            if (known) return true;
            const v = await inputStep({
              ...step(2),
              title: 'Log In: API server',
              prompt: 'The API server URL, e.g. https://api.cluster.example.com:6443',
              value: typedServer,
              validate: (x) => (x.trim() ? checkServer(x) : 'The API server URL.'),
              keep: (x) => (typedServer = x),
            });
            if (typeof v === 'string') typedServer = v;
            return v;
          }
          // The token is not kept when going Back: a password box is not refilled.
          const v = await inputStep({
            ...step(2),
            title: 'Log In: paste the login command',
            prompt: `From the web console: your name, Copy login command, Display Token. The token is written into ${file} (mode 0600).`,
            placeholder: 'oc login --token=sha256~… --server=https://api.…:6443',
            password: true,
            value: '',
            validate: (x) => {
              if (!x.trim()) return null;
              try {
                parseOcLogin(x);
                return null;
              } catch (e) {
                return e instanceof OcLoginError ? e.message : 'The command cannot be read.';
              }
            },
          });
          if (typeof v === 'string') command = v;
          return v;
        },
      ]);
      if (!done) return;
      if (how === 'web') webLogin(file, known ?? typedServer);
      else if (command.trim()) await pasted(file, command);
    },
    'rhcosLayering.chooseKubeconfig': async () => {
      const uri = await window.showOpenDialog({
        canSelectMany: false,
        openLabel: 'Use this kubeconfig',
        title: 'Choose a kubeconfig file',
      });
      if (!uri?.[0]) return;
      // The connection resets when the setting changes.
      await workspace.getConfiguration('rhcosLayering').update('kubeconfig', uri[0].fsPath, ConfigurationTarget.Global);
    },
    'rhcosLayering.showOutput': () => output.show(true),
  };
}
