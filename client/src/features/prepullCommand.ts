/**
 * Pre-pull Image to Pool… (`rhcosLayering.prepullImage`): a PinnedImageSet with the image by digest, listed by
 * the pool (client/src/cluster/pinnedImages.ts), dry-run first, confirmed in a modal that says what is written,
 * then followed on the Rollouts view ("pre-pulled 2/3" on the pool row) until every node pulled or one failed.
 *
 * Contract for other commands (the Apply wizard): `executeCommand('rhcosLayering.prepullImage', { pool, image })`
 * skips the pickers, shows the same confirmation, and resolves to true when every node of the pool has the
 * image, false when the user cancelled or a node failed (after the failure was shown).
 */
import { window, workspace } from 'vscode';
import type { ExtensionContext } from 'vscode';
import type { CommandHandlers } from '../../../common/commands';
import { plain } from '../../../common/plainText';
import type { Cluster } from '../cluster/cluster';
import {
  commitPrepull,
  imageRefProblem,
  planPrepull,
  prepullUnsupported,
  progressText,
  waitForPrepull,
  type PrepullProgress,
} from '../cluster/pinnedImages';
import type { Connection } from './clusterConnection';
import type { RolloutsView } from './rolloutsView';
import { RESTRICTED } from './clusterDocuments';
import { fail, protectedConfirmed } from './clusterCommands';
import { onView } from './viewProgress';
import { showError } from './notify';

/** How long to follow the nodes before giving up on watching (the pull goes on in the cluster). */
const WAIT_MS = 30 * 60_000;

/** `{ pool, image }` from another command, or a pool row of the view (`{ kind: 'pool', name }`). */
function given(arg: unknown): { pool?: string; image?: string } {
  const a = (arg ?? {}) as { pool?: unknown; image?: unknown; kind?: unknown; name?: unknown };
  return {
    ...(typeof a.pool === 'string' ? { pool: a.pool } : a.kind === 'pool' && typeof a.name === 'string' ? { pool: a.name } : {}),
    ...(typeof a.image === 'string' ? { image: a.image } : {}),
  };
}

export function failureText(p: PrepullProgress): string {
  return p.failed.map((f) => `${f.node}: ${f.error}\n${f.next}`).join('\n\n');
}

export function prepullCommands(context: ExtensionContext, connection: Connection, view: () => RolloutsView) {
  async function pickPool(c: Cluster): Promise<string | undefined> {
    const pools = await onView(() => c.list('machineconfigpools'));
    const pick = await window.showQuickPick(
      pools.items.map((p) => ({ label: p.metadata.name })),
      { title: 'Pre-pull Image to Pool: 1/2 pool', placeHolder: `Pools of ${c.context}` },
    );
    return pick?.label;
  }

  return {
    async 'rhcosLayering.prepullImage'(arg?: unknown): Promise<boolean> {
      let shown: string | undefined;
      try {
        // Disabled in Restricted Mode (enablement), but executeCommand does not check that.
        if (!workspace.isTrusted) throw new Error(RESTRICTED);
        const c = await connection.get();
        const why = await onView(() => prepullUnsupported(c));
        if (why) {
          void showError(`RHCOS Layering: ${plain(why)}`);
          return false;
        }
        const g = given(arg);
        const pool = g.pool ?? (await pickPool(c));
        if (!pool) return false;
        const image =
          g.image ??
          (await window.showInputBox({
            title: 'Pre-pull Image to Pool: 2/2 image by digest',
            prompt: '<registry>/<namespace>/<name>@sha256:<64 hex digits>, as the push printed it',
            value: context.workspaceState.get<string>('lastPushed') ?? '',
            ignoreFocusOut: true,
            validateInput: (v) => imageRefProblem(v.trim()),
          }));
        if (!image) return false;
        const plan = await onView(() => planPrepull(c, pool, image));
        const go = await window.showInformationMessage(
          `Pre-pull ${plan.image} to the nodes of pool ${pool} on ${c.context}?`,
          {
            modal: true,
            detail: [
              'This writes:',
              ...plan.writes.map((w) => `• ${w}`),
              '',
              'Each node pulls the image into its container storage while it keeps running: no node reboots or drains. ' +
                'A later OS update to this image uses the local copy instead of pulling it again.',
              `The dry run on ${c.context} passed.`,
            ].join('\n'),
          },
          'Pre-pull',
        );
        if (go !== 'Pre-pull') return false;
        if (!(await protectedConfirmed(c.context, `pre-pull to pool ${pool} there`))) return false;
        await onView(() => commitPrepull(c, plan));
        shown = pool;
        view().setPrepull(pool, 'pre-pulling…');
        const ctl = new AbortController();
        const timer = setTimeout(() => ctl.abort(), WAIT_MS);
        const p = await onView(() =>
          waitForPrepull(c, pool, { intervalMs: 2000, signal: ctl.signal, onProgress: (x) => view().setPrepull(pool, progressText(x)) }),
        ).then(
          (x) => (clearTimeout(timer), x),
          (e: unknown) => {
            clearTimeout(timer);
            throw e;
          },
        );
        view().setPrepull(pool, undefined);
        shown = undefined;
        if (p.failed.length) {
          void showError(
            `RHCOS Layering: pre-pull of ${plan.image} failed on ${p.failed.length} of ${p.total} nodes of pool ${pool}.\n${plain(failureText(p))}`,
          );
          return false;
        }
        if (!p.done) {
          void showError(
            `RHCOS Layering: stopped following the pre-pull to pool ${pool} after ${WAIT_MS / 60_000} minutes (${progressText(p)}); the nodes go on pulling.`,
          );
          return false;
        }
        void window.showInformationMessage(
          `RHCOS Layering: ${plan.image} is on all ${p.total} nodes of pool ${pool}; applying it will not pull it again.`,
        );
        return true;
      } catch (e) {
        if (shown) view().setPrepull(shown, undefined);
        fail(e);
        return false;
      }
    },
  } satisfies Partial<CommandHandlers>;
}
