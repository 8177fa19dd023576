/**
 * On-cluster image mode from the editor: Apply Containerfile to Pool (wrap or take the MachineOSConfig,
 * push spec, secrets, read-only diff, dry run, modal, apply), Rebuild, Remove Image Mode from Pool, and
 * the notice Apply Layered Image to Pool shows on a pool that builds its own image.
 */
import * as path from 'node:path';
import { commands, DiagnosticSeverity, languages, Uri, window, workspace } from 'vscode';
import type { ExtensionContext, QuickPickItem, TextDocument } from 'vscode';
import { stringify } from 'yaml';
import { LINT_SOURCE, ROLLOUTS_VIEW } from '../../../common/commands';
import type { CommandHandlers } from '../../../common/commands';
import { plain } from '../../../common/plainText';
import { detectKind } from '../../../common/fileKind';
import type { Cluster, Obj } from '../cluster/cluster';
import { ClusterError } from '../cluster/errors';
import {
  commitMosc,
  deleteMosc,
  internalRegistrySecret,
  listMoscs,
  listSecrets,
  noPushSecretMessage,
  planMosc,
  pushCapable,
  requestRebuild,
} from '../cluster/imageMode';
import type { SecretInfo } from '../cluster/imageMode';
import { contentProblem, finalStageNotConfigs, machineOSConfigsIn, poolOf, withConfigsFinal, wrapContainerfile } from '../cluster/moscWrap';
import { checkPushSpec, internalPushSpec } from '../cluster/pushSpec';
import { poolView } from '../cluster/rollout';
import { moscImpact } from '../cluster/imageModeImpact';
import type { Connection } from './clusterConnection';
import { fail, masterConfirmed, protectedConfirmed, RESTRICTED } from './clusterCommands';
import { showError } from './notify';
import { showReviewDiff } from './reviewDocuments';
import { BACK, inputStep, pickStep, runSteps } from './wizard';
import type { Answer, StepItem } from './wizard';

const TITLE = 'Apply Containerfile to Pool';
const CONTAINERFILE_GLOB = '**/{Containerfile,Containerfile.*,*.containerfile,Dockerfile,Dockerfile.*}';
const ON_CLUSTER = /^[ \t]*FROM[ \t]+configs\b/im;
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The pool a Rollouts row (a pool, or a pool's MachineOSConfig) or a string names. */
function poolArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const e = arg as { kind?: unknown; name?: unknown; pool?: unknown } | undefined;
  if (e && e.kind === 'mosc' && typeof e.pool === 'string') return e.pool;
  return e && e.kind === 'pool' && typeof e.name === 'string' ? e.name : undefined;
}

/** The YAML a user sees: no status or server-kept fields. */
function shown(o: Obj | null): Obj | null {
  if (!o) return null;
  const c = structuredClone(o);
  delete c.status;
  for (const k of ['managedFields', 'uid', 'resourceVersion', 'generation', 'creationTimestamp']) delete c.metadata[k];
  return c;
}

async function showReview(cluster: Cluster, mosc: Obj, existing: Obj | null): Promise<void> {
  const name = mosc.metadata.name;
  await showReviewDiff(
    {
      label: `${name}.on-cluster`,
      text: existing
        ? `# MachineOSConfig ${name} on ${cluster.context} now (read-only)\n${stringify(shown(existing))}`
        : `# ${cluster.context} has no MachineOSConfig ${name}: applying creates it.\n`,
    },
    { label: `${name}.to-apply`, text: `# MachineOSConfig ${name} to apply on ${cluster.context} (read-only)\n${stringify(shown(mosc))}` },
    `MachineOSConfig ${name}: ${cluster.context} ↔ to apply (read-only)`,
  );
}

/** The linter's errors in the file; true when there are none or the user goes on anyway. */
async function lintAllows(doc: TextDocument): Promise<boolean> {
  const errors = languages
    .getDiagnostics(doc.uri)
    .filter((d) => d.source === LINT_SOURCE && d.severity === DiagnosticSeverity.Error)
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
  if (!errors.length) return true;
  const choice = await window.showWarningMessage(
    plain(
      `${path.basename(doc.uri.fsPath)} has ${errors.length} lint error${errors.length > 1 ? 's' : ''}; the on-cluster build may ` +
        'fail or the nodes may not boot the image.',
    ),
    { modal: true, detail: plain(errors.slice(0, 5).join('\n')) },
    'Apply anyway',
    'Show Problems',
  );
  if (choice === 'Show Problems') void commands.executeCommand('workbench.actions.view.problems');
  return choice === 'Apply anyway';
}

/**
 * The text to send for a Containerfile: its lint errors accepted, nothing MCO would refuse, and a last
 * stage that is `FROM configs` (made so when the user agrees; the file is not changed). undefined to stop.
 */
async function buildableContent(doc: TextDocument): Promise<string | undefined> {
  if (!(await lintAllows(doc))) return undefined;
  const content = doc.getText();
  const problem = contentProblem(content);
  if (problem) return void showError(`RHCOS Layering: ${problem}`);
  const bad = finalStageNotConfigs(content);
  if (!bad) return content;
  const fix = await window.showWarningMessage(
    plain(`The last stage of ${path.basename(doc.uri.fsPath)} starts with "${bad.text}" (line ${bad.line + 1}).`),
    {
      modal: true,
      detail:
        'On the cluster MCO puts your Containerfile after its own "configs" stage (the base image with the pool\'s ' +
        'MachineConfigs), and the last stage must be FROM configs AS final, or the image lacks them. The file itself is not changed.',
    },
    'Use FROM configs AS final',
  );
  return fix ? withConfigsFinal(content) : undefined;
}

/** The workspace's Containerfiles (by name, as the linter picks them). */
async function workspaceContainerfiles(): Promise<Uri[]> {
  const found = await workspace.findFiles(CONTAINERFILE_GLOB, '**/node_modules/**', 200);
  return found.filter((u) => detectKind(u.fsPath) === 'containerfile');
}

/** One row per Containerfile; those written for on-cluster builds (`FROM configs`) first. */
async function containerfileItems(uris: Uri[]): Promise<StepItem<string>[]> {
  const rows = await Promise.all(
    uris.map(async (u) => {
      const text = new TextDecoder().decode(await workspace.fs.readFile(u)).slice(0, 100_000);
      const onCluster = ON_CLUSTER.test(text);
      return {
        label: workspace.asRelativePath(u),
        description: onCluster ? 'FROM configs: written for on-cluster builds' : '',
        value: u.toString(),
        onCluster,
      };
    }),
  );
  return rows
    .sort((a, b) => Number(b.onCluster) - Number(a.onCluster) || a.label.localeCompare(b.label))
    .map(({ label, description, value }) => ({ label, description, value }));
}

interface Pick<T> extends QuickPickItem {
  value: T;
}

async function pick<T>(items: Pick<T>[], title: string, placeHolder: string): Promise<T | undefined> {
  return (await window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true }))?.value;
}

export function imageModeCommands(context: ExtensionContext, connection: Connection) {
  const cluster = async () => {
    if (!workspace.isTrusted) throw new Error(RESTRICTED);
    return connection.get();
  };
  const state = context.workspaceState;

  interface Choices {
    pool: string;
    pushSpec: string;
    pushSecret: string;
    pullSecret: string | undefined;
  }

  /**
   * The wizard, in one QuickInput with Back: the Containerfile (when none is in the editor), pool (unless
   * given), push spec (picked or typed, checked as the API checks it), push secret, pull secret.
   * undefined when the user stops.
   */
  async function wizard(
    c: Cluster,
    pools: Obj[],
    moscs: Obj[],
    secrets: SecretInfo[] | null,
    given?: string,
    files?: { uris: Uri[]; prepare: (uri: Uri) => Promise<boolean> },
  ): Promise<Choices | undefined> {
    const push = secrets ? pushCapable(secrets) : [];
    if (secrets && !push.length) {
      void showError(plain(`RHCOS Layering: ${noPushSecretMessage(c)}`));
      return undefined;
    }
    const builder = secrets ? internalRegistrySecret(secrets) : null;
    const first = given ? 1 : 0;
    // The steps shown, in order: -1 is the Containerfile, 0 to 3 the pool, push spec and secrets.
    const order = [...(files ? [-1] : []), ...[0, 1, 2, 3].filter((i) => i >= first)];
    const at = (i: number, title: string) => {
      const pos = order.indexOf(i);
      return { title: `${TITLE}: ${title}`, step: pos + 1, total: order.length, back: pos > 0 };
    };
    const typedSecret = (i: number, title: string, prompt: string) =>
      inputStep({
        ...at(i, title),
        prompt: `${prompt} Your user may not list the secrets there, so type its name.`,
        value: '',
        validate: (x) =>
          SECRET_NAME.test(x.trim()) && x.trim().length <= 253 ? null : 'A secret name: lowercase letters, digits, "-" and ".".',
      });
    const ch: Partial<Choices> = { pool: given };
    const existing = () => moscs.find((m) => m.metadata.name === ch.pool) ?? null;
    const steps: (() => Promise<Answer<string | undefined>>)[] = [
      () =>
        pickStep({
          ...at(0, 'pool'),
          placeholder: `Pools of ${c.context}`,
          items: pools.map((p) => {
            const v = poolView(p);
            const m = moscs.find((x) => poolOf(x) === v.name);
            return {
              label: v.name,
              description: `${v.total} nodes · ${v.paused ? '$(debug-pause) ' : ''}${v.state}${m ? ` · image mode: MachineOSConfig ${m.metadata.name}` : ''}`,
              value: v.name,
            };
          }),
        }),
      async () => {
        const pool = ch.pool!;
        const current = existing()?.spec?.['renderedImagePushSpec'];
        const typed = state.get<string>('moscPushSpec');
        const items: StepItem<string | null>[] = [];
        if (typeof current === 'string')
          items.push({ label: current, description: `what MachineOSConfig ${existing()!.metadata.name} uses now`, value: current });
        if (builder && current !== internalPushSpec(pool))
          items.push({
            label: internalPushSpec(pool),
            description: 'the internal image registry',
            detail: `An image stream in openshift-machine-config-operator; nodes pull it with the cluster's own credentials.`,
            value: internalPushSpec(pool),
          });
        if (typed && typed !== current && typed !== internalPushSpec(pool))
          items.push({ label: typed, description: 'typed before', value: typed });
        items.push({
          label: '$(edit) Type a push spec…',
          detail: '<registry host>/<repository>:<tag>, for example quay.io/my-org/os-image:latest',
          value: null,
        });
        for (;;) {
          const picked = await pickStep({
            ...at(1, 'where MCO pushes the built image'),
            placeholder: `renderedImagePushSpec for pool ${pool}`,
            items,
          });
          if (picked !== null) return picked;
          const v = await inputStep({
            ...at(1, 'push spec'),
            back: true,
            prompt: 'Checked as the API checks renderedImagePushSpec. MCO replaces the tag with each build’s name.',
            value: typed ?? 'quay.io/my-org/os-image:latest',
            validate: (x) => checkPushSpec(x),
          });
          if (v === BACK) continue;
          if (v !== undefined) await state.update('moscPushSpec', v);
          return v;
        }
      },
      () => {
        const currentSecret = (existing()?.spec?.['renderedImagePushSecret'] as { name?: string } | undefined)?.name;
        if (!secrets)
          return typedSecret(2, 'push secret', `The secret in openshift-machine-config-operator that can push to ${ch.pushSpec}.`);
        const rank = (s: SecretInfo) =>
          s.name === currentSecret ? 0 : s.serviceAccount === 'builder' && ch.pushSpec!.startsWith('image-registry.') ? 1 : 2;
        return pickStep({
          ...at(2, 'push secret'),
          placeholder: `A secret in openshift-machine-config-operator that can push to ${ch.pushSpec}`,
          items: [...push]
            .sort((x, y) => rank(x) - rank(y))
            .map((s) => ({
              label: s.name,
              description: [
                s.type,
                s.serviceAccount === 'builder' ? 'internal registry (builder service account)' : '',
                s.name === currentSecret ? 'used now' : '',
              ]
                .filter(Boolean)
                .join(' · '),
              value: s.name,
            })),
        });
      },
      async () => {
        const currentPull = (existing()?.spec?.['baseImagePullSecret'] as { name?: string } | undefined)?.name;
        const items: StepItem<string | null | false>[] = [
          {
            label: 'MCO default',
            description: existing() && !currentPull ? 'used now' : '',
            detail: 'global-pull-secret-copy: MCO keeps it in step with the cluster pull secret while a pool uses image mode.',
            value: null,
          },
          ...(secrets ? [] : [{ label: '$(edit) Type a secret name…', value: false as const }]),
          ...push.map((s) => ({
            label: s.name,
            description: [s.type, s.name === currentPull ? 'used now' : ''].filter(Boolean).join(' · '),
            value: s.name,
          })),
        ];
        if (currentPull) items.sort((x, y) => (x.value === currentPull ? -1 : y.value === currentPull ? 1 : 0));
        for (;;) {
          const picked = await pickStep({
            ...at(3, 'pull secret for the base image'),
            placeholder: 'baseImagePullSecret (optional)',
            items,
          });
          if (picked === null) return ''; // MCO's default: no baseImagePullSecret
          if (picked !== false) return picked;
          const v = await typedSecret(3, 'pull secret', 'The secret in openshift-machine-config-operator that pulls the base image.');
          if (v !== BACK) return v;
        }
      },
    ];
    const keys = ['pool', 'pushSpec', 'pushSecret', 'pullSecret'] as const;
    let file: string | undefined;
    const fileStep = async (): Promise<Answer<string>> => {
      const picked = await pickStep({
        ...at(-1, 'Containerfile'),
        placeholder: 'The editor shows no Containerfile: which one of this workspace to build on the cluster?',
        active: file,
        items: containerfileItems(files!.uris),
      });
      if (typeof picked !== 'string') return picked;
      file = picked;
      return (await files!.prepare(Uri.parse(picked))) ? picked : undefined;
    };
    const shown = order.map((i) =>
      i < 0
        ? fileStep
        : async () => {
            const v = await steps[i]!();
            if (v !== BACK && v !== undefined) ch[keys[i]!] = v;
            return v;
          },
    );
    if (!(await runSteps(shown))) return undefined;
    return { ...(ch as Choices), pullSecret: ch.pullSecret || undefined };
  }

  /**
   * Review diff, dry run, the modal that says what happens to the pool, the master and protected-context
   * checks, then create or update. On a 409 it reads again and reviews again.
   */
  async function confirmAndApply(c: Cluster, mosc: Obj, poolObj: Obj): Promise<boolean> {
    const pool = poolObj.metadata.name;
    for (;;) {
      let plan;
      try {
        plan = await planMosc(c, mosc);
      } catch (e) {
        fail(e instanceof ClusterError ? new Error(`The dry run failed, nothing was changed. ${e.message}`) : e);
        return false;
      }
      await showReview(c, plan.mosc, plan.existing);
      const impact = moscImpact(c.context, poolView(poolObj), {
        name: plan.mosc.metadata.name,
        existing: !!plan.existing,
        others: plan.others.map((o) => o.metadata.name),
      });
      const push = `Push: ${String(plan.mosc.spec?.['renderedImagePushSpec'])} with secret ${(plan.mosc.spec?.['renderedImagePushSecret'] as { name?: string })?.name ?? ''}.`;
      const ok = await window.showWarningMessage(
        plain(impact.headline),
        { modal: true, detail: plain([impact.detail[0]!, push, ...impact.detail.slice(1)].join('\n\n')) },
        ...(impact.offerPause ? ['Pause Pool, then Apply', 'Apply without pausing'] : ['Apply']),
      );
      if (!ok) return false;
      const master = await masterConfirmed([poolObj], {
        title: 'Image mode on the control plane',
        prompt: 'Type master to confirm: every control-plane node will reboot into the built image, one at a time.',
        validateInput: (x) => (x === 'master' || x === '' ? null : 'Type master exactly.'),
      });
      if (!master) return false;
      if (!(await protectedConfirmed(c.context, `${plan.existing ? 'update' : 'create'} MachineOSConfig ${mosc.metadata.name} there`)))
        return false;
      try {
        if (ok === 'Pause Pool, then Apply') await c.setPaused(pool, true);
        const r = await commitMosc(c, plan);
        const paused = ok === 'Pause Pool, then Apply' ? ` Pool ${pool} is paused: resume it once the build has succeeded.` : '';
        void window.showInformationMessage(
          plain(
            `RHCOS Layering: ${r.action} MachineOSConfig ${r.obj.metadata.name}; MCO is building the image for pool ${pool}. Follow it in the Rollouts view.${paused}`,
          ),
        );
        void commands.executeCommand(`${ROLLOUTS_VIEW}.focus`);
        return true;
      } catch (e) {
        if (!(e instanceof ClusterError && e.kind === 'conflict')) {
          fail(e);
          return false;
        }
        const again = await window.showWarningMessage(
          plain(`MachineOSConfig ${mosc.metadata.name} changed on the server since it was read (409 Conflict). Nothing was changed.`),
          { modal: true, detail: 'Read it again and review? It will be dry-run and shown to you before anything is written.' },
          'Re-read and review',
        );
        if (again !== 'Re-read and review') return false;
      }
    }
  }

  /** The pool of a tree row or string, else one picked among the pools that have a MachineOSConfig. */
  async function imageModePool(c: Cluster, arg: unknown, title: string): Promise<{ pool: Obj; mosc: Obj } | undefined> {
    const [pools, moscs] = await Promise.all([c.list('machineconfigpools'), listMoscs(c)]);
    const named = poolArg(arg);
    const layered = pools.items
      .map((p) => ({ pool: p, mosc: moscs.find((m) => poolOf(m) === p.metadata.name) }))
      .filter((x): x is { pool: Obj; mosc: Obj } => !!x.mosc);
    if (named) {
      const found = layered.find((x) => x.pool.metadata.name === named);
      if (!found) void window.showInformationMessage(plain(`RHCOS Layering: pool ${named} on ${c.context} has no MachineOSConfig.`));
      return found;
    }
    if (!layered.length) {
      void window.showInformationMessage(plain(`RHCOS Layering: no pool on ${c.context} has a MachineOSConfig.`));
      return undefined;
    }
    return pick(
      layered.map((x) => ({
        label: x.pool.metadata.name,
        description: `${poolView(x.pool).total} nodes · MachineOSConfig ${x.mosc.metadata.name}`,
        value: x,
      })),
      title,
      `Pools of ${c.context} with image mode`,
    );
  }

  return {
    async 'rhcosLayering.applyContainerfileToPool'(arg?: unknown) {
      try {
        if (!workspace.isTrusted) throw new Error(RESTRICTED);
        const doc = arg instanceof Uri ? await workspace.openTextDocument(arg) : window.activeTextEditor?.document;
        const fromYaml = doc?.languageId === 'yaml';
        // No Containerfile in the editor (e.g. run from a pool row): the workspace's are offered in the first step.
        const others = !doc || (doc.languageId !== 'dockerfile' && !fromYaml) ? await workspaceContainerfiles() : null;
        if (others && !others.length) {
          void showError(
            `RHCOS Layering: open the Containerfile (or MachineOSConfig YAML) to build on the cluster, then run ${TITLE} again.`,
          );
          return;
        }
        let given: Obj | undefined;
        if (doc && fromYaml) {
          const found = machineOSConfigsIn(doc.getText());
          if (found.length !== 1) {
            void showError(
              found.length === 0
                ? `RHCOS Layering: ${path.basename(doc.fileName)} holds no MachineOSConfig. Open the Containerfile (or the MachineOSConfig YAML) to build on the cluster, then run ${TITLE} again.`
                : `RHCOS Layering: ${TITLE} applies one MachineOSConfig; ${path.basename(doc.fileName)} has ${found.length}. Keep one in the file, or copy it to a file of its own.`,
            );
            return;
          }
          given = found[0]!;
          if (given.apiVersion !== 'machineconfiguration.openshift.io/v1' || !poolOf(given)) {
            void showError(
              plain(
                `RHCOS Layering: ${TITLE} sends a machineconfiguration.openshift.io/v1 MachineOSConfig with spec.machineConfigPool.name; ` +
                  `this one has apiVersion ${String(given.apiVersion)}${poolOf(given) ? '' : ' and no pool'}. The quick fixes in Problems convert v1alpha1.`,
              ),
            );
            return;
          }
          if (!(await lintAllows(doc))) return;
        }
        let content: string | undefined;
        if (doc && !others && !given) {
          content = await buildableContent(doc);
          if (content === undefined) return;
        }
        const c = await cluster();
        const [pools, moscs, secrets] = await Promise.all([
          c.list('machineconfigpools'),
          listMoscs(c),
          // Without the right to list them, the names are typed.
          listSecrets(c).catch((e: unknown) => {
            if (e instanceof ClusterError && e.kind === 'forbidden') return null;
            throw e;
          }),
        ]);
        if (given) {
          const name = poolOf(given);
          if (poolArg(arg) && name !== poolArg(arg)) {
            void showError(plain(`RHCOS Layering: the MachineOSConfig in the editor is for pool ${name}, not ${poolArg(arg)}.`));
            return;
          }
          const poolObj = pools.items.find((p) => p.metadata.name === name);
          if (!poolObj) {
            void showError(plain(`RHCOS Layering: ${c.context} has no pool ${name}; create the MachineConfigPool first.`));
            return;
          }
          return void (await confirmAndApply(c, given, poolObj));
        }
        const named = poolArg(arg);
        if (named && !pools.items.some((p) => p.metadata.name === named)) {
          void showError(plain(`RHCOS Layering: ${c.context} has no pool ${named}; create the MachineConfigPool first.`));
          return;
        }
        const files = others
          ? {
              uris: others,
              prepare: async (uri: Uri) => {
                content = await buildableContent(await workspace.openTextDocument(uri));
                return content !== undefined;
              },
            }
          : undefined;
        const ch = await wizard(c, pools.items, moscs, secrets, named, files);
        if (!ch || content === undefined) return;
        const poolObj = pools.items.find((p) => p.metadata.name === ch.pool)!;
        await confirmAndApply(c, wrapContainerfile({ ...ch, containerfile: content }), poolObj);
      } catch (e) {
        fail(e);
      }
    },

    async 'rhcosLayering.rebuildImage'(arg?: unknown) {
      try {
        const c = await cluster();
        const x = await imageModePool(c, arg, 'Rebuild Image: pool');
        if (!x) return;
        const v = poolView(x.pool);
        const ok = await window.showWarningMessage(
          plain(`${c.context}: rebuild the image of pool ${v.name}?`),
          {
            modal: true,
            detail: plain(
              `MCO builds MachineOSConfig ${x.mosc.metadata.name} again (the annotation ${'machineconfiguration.openshift.io/rebuild'}). ` +
                (v.paused
                  ? `Pool ${v.name} is paused: its nodes take the new image when it is resumed.`
                  : `When the build succeeds, the ${v.total} node${v.total === 1 ? '' : 's'} of the pool reboot into the new image.`),
            ),
          },
          'Rebuild',
        );
        if (ok !== 'Rebuild') return;
        if (!(await protectedConfirmed(c.context, `rebuild the image of pool ${v.name} there`))) return;
        await requestRebuild(c, v.name);
        void window.showInformationMessage(plain(`RHCOS Layering: MCO is rebuilding the image of pool ${v.name}.`));
      } catch (e) {
        fail(e);
      }
    },

    async 'rhcosLayering.removeImageMode'(arg?: unknown) {
      try {
        const c = await cluster();
        const x = await imageModePool(c, arg, 'Remove Image Mode from Pool: pool');
        if (!x) return;
        const v = poolView(x.pool);
        const ok = await window.showWarningMessage(
          plain(`${c.context}: remove image mode from pool ${v.name}? Each node reboots twice.`),
          {
            modal: true,
            detail: plain(
              `This deletes MachineOSConfig ${x.mosc.metadata.name} (only if it is still as read) and MCO deletes its builds. ` +
                `Each of the ${v.total} node${v.total === 1 ? '' : 's'} of pool ${v.name} goes back to the base image and reboots twice ` +
                '(the revert service reboots it once more).' +
                (v.paused ? ` Pool ${v.name} is paused: that happens when it is resumed.` : ''),
            ),
          },
          'Remove Image Mode',
        );
        if (ok !== 'Remove Image Mode') return;
        const master = await masterConfirmed([x.pool], {
          title: 'Removing image mode from the control plane',
          prompt: 'Type master to confirm: every control-plane node reboots twice, one at a time.',
          validateInput: (s) => (s === 'master' || s === '' ? null : 'Type master exactly.'),
        });
        if (!master) return;
        if (!(await protectedConfirmed(c.context, `delete MachineOSConfig ${x.mosc.metadata.name} there`))) return;
        await deleteMosc(c, x.mosc);
        void window.showInformationMessage(
          plain(`RHCOS Layering: deleted MachineOSConfig ${x.mosc.metadata.name}; pool ${v.name} reverts to the base image.`),
        );
        void commands.executeCommand(`${ROLLOUTS_VIEW}.focus`);
      } catch (e) {
        fail(e);
      }
    },
  } satisfies Partial<CommandHandlers>;
}
