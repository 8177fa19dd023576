/** The cluster commands: apply an image or a MachineConfig to a pool, roll back, insert the base image, and the tree's item actions. */
import * as path from 'node:path';
import { commands, DiagnosticSeverity, env, languages, Range, Uri, window, workspace } from 'vscode';
import { showError } from './notify';
import { osImageOnImageModePoolConfirmed } from './imageModeNotice';
import { showClusterError } from './networkSettings';
import type { ExtensionContext, InputBoxOptions } from 'vscode';
import { ROLE_LABEL } from '../../../common/mco';
import type { Cluster, Obj } from '../cluster/cluster';
import type { Prediction } from '../cluster/plan/predict';
import { appliedFromVsCode, commitApply, layerMachineConfig, machineConfigsIn, osImageReport, planApply, poolsFor } from '../cluster/apply';
import { ClusterError } from '../cluster/errors';
import { plain } from '../../../common/plainText';
import { poolView } from '../cluster/rollout';
import { deletePicked, rollbackCandidates } from '../cluster/rollback';
import { describeOwner, ownershipOf } from '../cluster/ownership';
import { isProtected } from '../cluster/protectedContexts';
import { osFromImageRange } from '../build/osStage';
import type { Connection } from './clusterConnection';
import type { RolloutsView } from './rolloutsView';
import type { PlanReview } from './planReview';
import { onView } from './viewProgress';
import { documentUri, RESTRICTED } from './clusterDocuments';
export { RESTRICTED };
import { ROLLOUTS_VIEW } from '../../../common/commands';
import type { CommandHandlers } from '../../../common/commands';
import { preflightPassed } from './explainCommands';
import { applyImageWizard } from './applyImageWizard';
import { offersPrepull } from '../cluster/applyImageChoices';

export { MC_SCHEME } from './clusterDocuments';

/** An error in a notification: its text may quote the cluster, so links in it are not made clickable. A TLS failure offers Choose CA File…. */
export function fail(e: unknown): void {
  void showClusterError(e);
}

/**
 * When one of the pools is master, the user types `master` to go on: true when they did, or when no
 * pool is master.
 */
export async function masterConfirmed(pools: Obj[], box: Pick<InputBoxOptions, 'title' | 'prompt' | 'validateInput'>): Promise<boolean> {
  if (!pools.some((p) => p.metadata.name === 'master')) return true;
  return (await window.showInputBox({ ...box, ignoreFocusOut: true })) === 'master';
}

/**
 * A context that matches `rhcosLayering.protectedContexts` needs its name typed before any write: true
 * when it was, or when the context is not protected.
 */
export async function protectedConfirmed(context: string, action: string): Promise<boolean> {
  if (!isProtected(context, workspace.getConfiguration('rhcosLayering').get<unknown[]>('protectedContexts', []))) return true;
  const typed = await window.showInputBox({
    title: `${context} is a protected context (rhcosLayering.protectedContexts)`,
    prompt: `Type ${context} to ${action}.`,
    ignoreFocusOut: true,
    validateInput: (v) => (v === context || v === '' ? null : `Type ${context} exactly.`),
  });
  return typed === context;
}

/**
 * Dry run, the modal with what will happen (and, for someone else's MachineConfig, whose it is and
 * what is lost, then its name typed), the master check, then create or update with the
 * resourceVersion read for the review. On a 409 it re-reads and reviews again. Returns true when applied.
 */
async function confirmAndApply(
  cluster: Cluster,
  mc: Obj,
  pools: Obj[],
  allMcs: Obj[],
  review: PlanReview,
  allPools: Obj[],
): Promise<boolean> {
  for (;;) {
    let plan;
    try {
      plan = await onView(() => planApply(cluster, mc));
    } catch (e) {
      fail(e instanceof ClusterError && e.kind !== 'refused' ? new Error(`The dry run failed, nothing was changed. ${e.message}`) : e);
      return false;
    }
    const name = plan.mc.metadata.name;
    const prediction = await review.plan(cluster, { apply: plan.mc }, allPools, allMcs);
    await review.showDiff(plan.existing ? 'update' : 'create', cluster.context, name, plan.existing, plan.dryRun);
    const lines: string[] = [];
    for (const p of pools) {
      const r = osImageReport(p, allMcs, plan.mc);
      for (const o of r.others) lines.push(`MachineConfig ${o.name} also sets osImageURL for pool ${p.metadata.name} (${o.osImageURL}).`);
      if (r.others.length)
        lines.push(
          r.winner === name
            ? `${name} wins: MCO merges by name and the last osImageURL counts.`
            : `${r.winner} wins over ${name}: MCO merges by name and the last osImageURL counts, so this change will not ` +
                `take effect until ${r.winner} is removed.`,
        );
    }
    const names = pools.map((p) => p.metadata.name).join(', ');
    const verb = plan.existing ? `replace MachineConfig ${name}` : `create MachineConfig ${name}`;
    const image = plan.mc.spec?.['osImageURL'];
    const takeover = plan.takeover
      ? [
          `${name} already exists and belongs to ${plan.takeover.owner}, not to VS Code.`,
          plan.takeover.losses.length
            ? `Replacing it loses:\n${plan.takeover.losses.map((l) => `• ${l}`).join('\n')}`
            : 'Replacing it loses nothing it sets, but its owner may write it back.',
        ]
      : [];
    const ok = await window.showWarningMessage(
      plain(`${cluster.context}: ${planHeadline(prediction)}`),
      {
        modal: true,
        detail: plain(
          [
            ...planDetail(prediction),
            ...takeover,
            `This will ${verb} on ${cluster.context} (the server accepted it in a dry run).`,
            ...(typeof image === 'string' ? [`osImageURL: ${image}`] : []),
            ...lines,
          ].join('\n\n'),
        ),
      },
      plan.takeover ? 'Replace…' : 'Apply',
    );
    if (ok !== 'Apply' && ok !== 'Replace…') return false;
    let typed: string | undefined;
    if (plan.takeover) {
      typed = await window.showInputBox({
        title: `Replacing a MachineConfig that belongs to ${plain(plan.takeover.owner)}`,
        prompt:
          `Type ${name} to replace ` +
          `it${plan.takeover.losses.length ? ` and lose its ${plan.takeover.losses.map((l) => l.split(':')[0]).join(', ')}` : ''}.`,
        ignoreFocusOut: true,
        validateInput: (v) => (v === name || v === '' ? null : `Type ${name} exactly.`),
      });
      if (typed !== name) return false;
    }
    const master = await masterConfirmed(pools, {
      title: 'Applying to the control plane',
      prompt: 'Type master to confirm: every control-plane node will reboot, one at a time.',
      validateInput: (v) => (v === 'master' || v === '' ? null : 'Type master exactly.'),
    });
    if (!master) return false;
    if (!(await protectedConfirmed(cluster.context, `${plan.existing ? 'replace' : 'create'} MachineConfig ${name} there`))) return false;
    try {
      const r = await onView(() => commitApply(cluster, plan, typed));
      review.follow(cluster, prediction);
      const next = pools.every((p) => poolView(p).paused) ? 'is paused, so the change waits until it is resumed' : 'is updating';
      void window.showInformationMessage(
        plain(`RHCOS Layering: ${r.action} MachineConfig ${r.obj.metadata.name}; pool ${names} ${next}. Follow it in the Rollouts view.`),
      );
      void commands.executeCommand(`${ROLLOUTS_VIEW}.focus`);
      return true;
    } catch (e) {
      if (!(e instanceof ClusterError && e.kind === 'conflict')) {
        fail(e);
        return false;
      }
      const again = await window.showWarningMessage(
        plain(`MachineConfig ${name} changed on the server since it was read (409 Conflict). Nothing was changed.`),
        { modal: true, detail: 'Read it again and review? It will be dry-run and shown to you before anything is written.' },
        'Re-read and review',
      );
      if (again !== 'Re-read and review') return false;
    }
  }
}

/** The modal's headline: what each pool's nodes will do (the plan lines without the waves). */
function planHeadline(p: Prediction): string {
  return p.lines.slice(0, Math.max(1, p.pools.length)).join('; ');
}

/** The waves and where the policies came from, first in the modal's detail. */
function planDetail(p: Prediction): string[] {
  const waves = p.lines.slice(Math.max(1, p.pools.length));
  return [[...waves, `Plan from ${p.policySource}.`].join('\n')];
}

/** The server's dry run of the delete (same preconditions), shown as a diff with an empty right side. */
async function dryRunDelete(c: Cluster, mc: Obj, review: PlanReview): Promise<void> {
  const uid = mc.metadata['uid'];
  const rv = mc.metadata.resourceVersion;
  await c.delete(mc.metadata.name, typeof uid === 'string' && rv ? { uid, resourceVersion: rv } : undefined, true);
  await review.showDiff('delete', c.context, mc.metadata.name, mc, null);
}

export function clusterCommands(context: ExtensionContext, connection: Connection, view: () => RolloutsView, review: () => PlanReview) {
  // Commands are disabled in Restricted Mode (enablement), but executeCommand and command links do not check that.
  const cluster = async () => {
    if (!workspace.isTrusted) throw new Error(RESTRICTED);
    return connection.get();
  };
  return {
    async 'rhcosLayering.selectContext'() {
      if (!workspace.isTrusted) return fail(new Error(RESTRICTED));
      await connection.select();
    },

    async 'rhcosLayering.applyLayeredImage'(arg?: unknown) {
      // From the push: the image reference; from a pool row: the pool.
      const row = arg as { kind?: unknown; name?: unknown } | undefined;
      const givenPool = row && row.kind === 'pool' && typeof row.name === 'string' ? row.name : undefined;
      try {
        const c = await cluster();
        const pools = c.list('machineconfigpools');
        const mcs = c.list('machineconfigs');
        // Both are awaited below; until then a failure must not go unhandled.
        pools.catch(() => undefined);
        mcs.catch(() => undefined);
        const [version, known] = await Promise.all([c.ocpVersion(), commands.getCommands(true)]);
        const answers = await applyImageWizard({
          context: c.context,
          pools: pools.then((l) => l.items),
          ...(givenPool ? { givenPool } : {}),
          image: typeof arg === 'string' ? arg : (context.workspaceState.get<string>('lastPushed') ?? ''),
          offerPrepull: offersPrepull(version, known),
        });
        if (!answers) return;
        const { pool, image, name } = answers;
        if (!(await osImageOnImageModePoolConfirmed(c, pool.metadata.name, image))) return;
        if (!(await preflightPassed(c, pool, image))) return;
        if (answers.prepull && !(await commands.executeCommand<boolean>('rhcosLayering.prepullImage', { pool: pool.metadata.name, image })))
          return;
        const mc = layerMachineConfig(pool.metadata.name, image, name);
        await confirmAndApply(c, mc, [pool], (await mcs).items, review(), (await pools).items);
      } catch (e) {
        fail(e);
      }
    },

    async 'rhcosLayering.applyMachineConfig'(arg?: unknown) {
      const doc = arg instanceof Uri ? await workspace.openTextDocument(arg) : window.activeTextEditor?.document;
      if (!doc || doc.languageId !== 'yaml') {
        void showError('RHCOS Layering: open the MachineConfig YAML to apply, then run Apply MachineConfig again.');
        return;
      }
      const errors = languages.getDiagnostics(doc.uri).filter((d) => d.severity === DiagnosticSeverity.Error);
      if (errors.length) {
        void showError(
          plain(
            `RHCOS Layering: ${path.basename(doc.uri.fsPath)} has ${errors.length} error${errors.length > 1 ? 's' : ''}; ` +
              `fix ${errors.length > 1 ? 'them' : 'it'} first (line ${errors[0]!.range.start.line + 1}: ${errors[0]!.message})`,
          ),
          'Show Problems',
        ).then((x) => x && commands.executeCommand('workbench.actions.view.problems'));
        return;
      }
      const parsed = machineConfigsIn(doc.getText());
      if (parsed.length !== 1) {
        void showError(`RHCOS Layering: Apply MachineConfig applies one MachineConfig; this file has ${parsed.length}.`);
        return;
      }
      const mc = parsed[0]!;
      if (!mc.metadata?.name) {
        void showError('RHCOS Layering: the MachineConfig has no metadata.name.');
        return;
      }
      try {
        const c = await cluster();
        const [pools, mcs] = await Promise.all([c.list('machineconfigpools'), c.list('machineconfigs')]);
        const targets = poolsFor(mc, pools.items);
        if (!targets.length) {
          void showError(
            plain(
              `RHCOS Layering: no pool of ${c.context} selects this MachineConfig (role label ` +
                `"${mc.metadata.labels?.[ROLE_LABEL] ?? ''}"). ` +
                'Fix the label or create the pool first.',
            ),
          );
          return;
        }
        await confirmAndApply(c, mc, targets, mcs.items, review(), pools.items);
      } catch (e) {
        fail(e);
      }
    },

    async 'rhcosLayering.rollBack'(arg?: unknown) {
      // From the Rollouts view's context menu: the MachineConfig row it was run on.
      const named =
        typeof arg === 'string'
          ? arg
          : typeof (arg as { name?: unknown } | undefined)?.name === 'string'
            ? (arg as { name: string }).name
            : undefined;
      try {
        const c = await cluster();
        const [pools, mcs] = await Promise.all([c.list('machineconfigpools'), c.list('machineconfigs')]);
        const layered = rollbackCandidates(mcs.items);
        if (!layered.length) {
          void window.showInformationMessage(
            `RHCOS Layering: no MachineConfig on ${c.context} sets osImageURL; the pools run the base image.`,
          );
          return;
        }
        const items = layered.map((m) => ({
          label: m.metadata.name,
          description:
            `${
              poolsFor(m, pools.items)
                .map((p) => p.metadata.name)
                .join(', ') || 'no pool'
            }` + `${appliedFromVsCode(m) ? ' · applied from VS Code' : ` · ${ownershipOf(m).kind === 'mco' ? 'MCO' : 'not from VS Code'}`}`,
          detail: String(m.spec!['osImageURL']),
          mc: m,
        }));
        const pick = named
          ? items.find((i) => i.label === named)
          : await window.showQuickPick(items, {
              title: 'Roll Back Layered Image: the MachineConfig to delete',
              placeHolder: 'Deleting it returns the pool to the image of the remaining MachineConfigs (the base image if none)',
            });
        if (!pick) {
          if (named)
            void window.showInformationMessage(
              plain(`RHCOS Layering: MachineConfig ${named} on ${c.context} no longer sets osImageURL; nothing to roll back.`),
            );
          return;
        }
        const targets = poolsFor(pick.mc, pools.items);
        const owner = ownershipOf(pick.mc);
        const prediction = await review().plan(c, { remove: pick.label }, pools.items, mcs.items);
        await dryRunDelete(c, pick.mc, review());
        const ok = await window.showWarningMessage(
          plain(`${c.context}: ${planHeadline(prediction)}`),
          {
            modal: true,
            detail: plain(
              [
                ...planDetail(prediction),
                describeOwner(pick.mc),
                `This deletes MachineConfig ${pick.label} on ${c.context}, only if it is still as shown (same UID and ` +
                  `resourceVersion); the nodes go back to the previous OS image.`,
              ].join('\n\n'),
            ),
          },
          owner.kind === 'ours' ? 'Delete and roll back' : 'Delete…',
        );
        if (ok !== 'Delete and roll back' && ok !== 'Delete…') return;
        let typed: string | undefined;
        if (owner.kind === 'foreign') {
          typed = await window.showInputBox({
            title: `Deleting a MachineConfig that belongs to ${plain(owner.owner)}`,
            prompt: `Type ${pick.label} to delete it; its owner may create it again.`,
            ignoreFocusOut: true,
            validateInput: (v) => (v === pick.label || v === '' ? null : `Type ${pick.label} exactly.`),
          });
          if (typed !== pick.label) return;
        }
        if (!(await masterConfirmed(targets, { title: 'Rolling back the control plane', prompt: 'Type master to confirm.' }))) return;
        if (!(await protectedConfirmed(c.context, `delete MachineConfig ${pick.label} there`))) return;
        await deletePicked(c, pick.mc, typed);
        review().follow(c, prediction);
        const after =
          targets.length && targets.every((p) => poolView(p).paused)
            ? 'the pool is paused, so the roll back waits until it is resumed'
            : 'the pool is rolling back';
        void window.showInformationMessage(plain(`RHCOS Layering: deleted ${pick.label}; ${after}.`));
        void commands.executeCommand(`${ROLLOUTS_VIEW}.focus`);
      } catch (e) {
        fail(e);
      }
    },

    async 'rhcosLayering.insertBaseImage'() {
      const editor = window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'dockerfile') {
        void showError('RHCOS Layering: open the Containerfile, then run Insert Cluster Base Image again.');
        return;
      }
      try {
        const c = await cluster();
        const image = await c.baseImage();
        const r = osFromImageRange(editor.document.getText());
        const range = r ? new Range(r.start.line, r.start.character, r.end.line, r.end.character) : null;
        if (range) await editor.edit((b) => b.replace(range, image));
        else await editor.edit((b) => b.insert(editor.selection.active, `FROM ${image}\n`));
        void window.setStatusBarMessage(`RHCOS Layering: FROM is now the base image of ${c.context}`, 4000);
      } catch (e) {
        fail(e);
      }
    },

    async 'rhcosLayering.pausePool'(el?: unknown) {
      await setPaused(el, true);
    },
    async 'rhcosLayering.resumePool'(el?: unknown) {
      await setPaused(el, false);
    },

    async 'rhcosLayering.openMachineConfig'(arg?: unknown) {
      const v = view();
      let name: string | undefined;
      if (typeof arg === 'string') name = arg;
      else if (arg && typeof arg === 'object' && (arg as { kind?: string }).kind === 'pool')
        name = v.model.pool((arg as { name: string }).name)?.target;
      else if (arg && typeof arg === 'object' && (arg as { kind?: string }).kind === 'node')
        name = v.model.node((arg as { name: string }).name)?.desiredConfig;
      if (!name) return;
      const doc = await workspace.openTextDocument(documentUri('machineconfigs', name));
      await window.showTextDocument(await languages.setTextDocumentLanguage(doc, 'yaml'), { preview: true });
    },

    async 'rhcosLayering.copyDebugCommand'(el?: unknown) {
      const name = (el as { name?: string } | undefined)?.name;
      if (!name) return;
      await env.clipboard.writeText(`oc debug node/${name} -- chroot /host rpm-ostree status`);
      void window.setStatusBarMessage(`RHCOS Layering: copied oc debug node/${name} -- chroot /host rpm-ostree status`, 4000);
    },

    'rhcosLayering.refreshRollouts'() {
      view().refresh();
    },
  } satisfies Partial<CommandHandlers>;

  async function setPaused(el: unknown, paused: boolean): Promise<void> {
    const name =
      (el as { name?: string } | undefined)?.name ??
      (await window.showQuickPick(view().model.pools.size ? [...view().model.pools.keys()] : ['worker', 'master'], {
        title: paused ? 'Pause pool' : 'Resume pool',
      }));
    if (!name) return;
    try {
      const c = await cluster();
      if (!(await protectedConfirmed(c.context, `${paused ? 'pause' : 'resume'} pool ${name} there`))) return;
      await c.setPaused(name, paused);
      void window.setStatusBarMessage(`RHCOS Layering: pool ${name} ${paused ? 'paused' : 'resumed'}`, 4000);
    } catch (e) {
      fail(e);
    }
  }
}
