/**
 * Show Build Log and Open Generated Containerfile for on-cluster builds. The log goes to one output
 * channel per build, appended in batches (at most ten a second): an output channel is append-only and
 * file-backed in VS Code, so a 50,000-line buildah log costs one append per batch, where a read-only
 * document from a TextDocumentContentProvider would be re-read whole on every change. The follower
 * (cluster/buildLog.ts) goes from attempt to attempt, resumes dropped streams with sinceTime, and stops
 * when the build has finished and its last log has ended.
 */
import { languages, window, workspace } from 'vscode';
import type { ExtensionContext, OutputChannel, Uri } from 'vscode';
import { showError } from './notify';
import { BUILD_SCHEME, generatedUri } from './buildDiagnostics';
import type { RolloutsView } from './rolloutsView';
import type { Connection } from './clusterConnection';
import { followBuildLog, generatedContainerfile, LineBatcher } from '../cluster/buildLog';
import { duration } from '../cluster/builds';
import { plain } from '../../../common/plainText';

const RESTRICTED = 'Restricted Mode: trust this workspace to read builds from the cluster (its kubeconfig may run a credential plugin).';
const FLUSH_MS = 100;

interface Following {
  channel: OutputChannel;
  abort: AbortController | undefined;
}

function fail(e: unknown): void {
  void showError(`RHCOS Layering: ${plain(e instanceof Error ? e.message : String(e))}`);
}

/** The build the command was run on (a tree row), or one the user picks from the watched builds. */
async function pickBuild(view: RolloutsView, el: unknown, title: string): Promise<string | undefined> {
  const name = (el as { kind?: string; name?: string } | undefined)?.kind === 'mosb' ? (el as { name: string }).name : undefined;
  if (name) return name;
  const feed = view.builds.feed;
  await feed.start();
  if (feed.served === false) {
    void window.showInformationMessage(
      'RHCOS Layering: this cluster has no on-cluster builds (MachineOSBuild v1 needs OpenShift 4.18 or later).',
    );
    return undefined;
  }
  // The watches list within a moment of starting.
  for (let i = 0; i < 50 && feed.model.builds.size === 0 && feed.states.get('machineosbuilds')?.state !== 'connected'; i++)
    await new Promise((r) => setTimeout(r, 100));
  const builds = [...feed.model.builds.values()].sort((a, b) => b.created.localeCompare(a.created));
  if (!builds.length) {
    void window.showInformationMessage('RHCOS Layering: no MachineOSBuilds on this cluster yet.');
    return undefined;
  }
  const picked = await window.showQuickPick(
    builds.map((b) => ({ label: b.name, description: [b.pool, b.phase, duration(b)].filter(Boolean).join(' · '), detail: b.message })),
    { title, placeHolder: 'Pick a build' },
  );
  return picked?.label;
}

export function buildLogCommands(context: ExtensionContext, connection: Connection, view: () => RolloutsView) {
  const following = new Map<string, Following>();
  context.subscriptions.push({
    dispose: () => {
      for (const f of following.values()) {
        f.abort?.abort();
        f.channel.dispose();
      }
    },
  });

  async function follow(mosb: string): Promise<void> {
    let f = following.get(mosb);
    if (f?.abort) return f.channel.show(true); // already streaming
    f ??= { channel: window.createOutputChannel(`RHCOS Build ${mosb}`), abort: undefined };
    following.set(mosb, f);
    const { channel } = f;
    const abort = (f.abort = new AbortController());
    channel.clear();
    channel.show(true);
    const batch = new LineBatcher((text) => channel.append(text), FLUSH_MS);
    const add = (lines: string[]) => batch.add(lines);
    try {
      const cluster = await connection.get();
      const r = await followBuildLog(
        cluster,
        mosb,
        { lines: (_pod, lines) => add(lines), status: (m) => add([`── ${plain(m)} ──`]) },
        { signal: abort.signal },
      );
      add([
        r.phase === 'Deleted'
          ? '── The MachineOSBuild was deleted ──'
          : `── Build ${r.phase}: ${r.pods.length ? `log complete (${r.lines} lines, ${r.pods.length} attempt${r.pods.length === 1 ? '' : 's'})` : 'no build pod is left (MCO deletes them after a successful build)'} ──`,
      ]);
    } catch (e) {
      fail(e);
    } finally {
      batch.flush();
      f.abort = undefined;
    }
  }

  return {
    async 'rhcosLayering.showBuildLog'(el?: unknown) {
      if (!workspace.isTrusted) return fail(new Error(RESTRICTED));
      try {
        const mosb = await pickBuild(view(), el, 'Show Build Log');
        if (mosb) await follow(mosb);
      } catch (e) {
        fail(e);
      }
    },
    async 'rhcosLayering.openGeneratedContainerfile'(el?: unknown) {
      if (!workspace.isTrusted) return fail(new Error(RESTRICTED));
      try {
        const mosb = await pickBuild(view(), el, 'Open Generated Containerfile');
        if (!mosb) return;
        const doc = await workspace.openTextDocument(generatedUri(mosb));
        await window.showTextDocument(await languages.setTextDocumentLanguage(doc, 'dockerfile'), { preview: true });
      } catch (e) {
        fail(e);
      }
    },
  };
}

/** The read-only generated Containerfile (`rhcos-build:/<mosb>/Containerfile`), from ConfigMap `containerfile-<mosb>`. */
export function generatedContent(connection: Connection) {
  return {
    async provideTextDocumentContent(uri: Uri): Promise<string> {
      const mosb = uri.path.split('/')[1] ?? '';
      if (!workspace.isTrusted) return `# ${RESTRICTED}\n`;
      try {
        const text = await generatedContainerfile(await connection.get(), mosb);
        return text ?? `# ConfigMap containerfile-${mosb} is gone: MCO deletes a build's ConfigMaps after it succeeds.\n`;
      } catch (e) {
        return `# ${plain(e instanceof Error ? e.message : String(e))}\n`;
      }
    },
  };
}

export { BUILD_SCHEME };
