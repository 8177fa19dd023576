/** Build Layered Image and Push Layered Image: pick the file and the tag, lint first, run the task, report. */
import * as path from 'node:path';
import { commands, DiagnosticSeverity, env, languages, ProgressLocation, Uri, window, workspace, tasks } from 'vscode';
import { showError } from './notify';
import type { ExtensionContext, TaskExecution } from 'vscode';
import { checkTag, suggestTag } from '../build/args';
import { detectKind } from '../../../common/fileKind';
import { plain } from '../../../common/plainText';
import { LINT_SOURCE, TASK_TYPE } from '../../../common/commands';
import type { CommandHandlers } from '../../../common/commands';
import type { Outcome, PushOutcome } from '../build/builder';
import { makeTask, taskEvents } from './buildTask';
import type { BuildTaskDefinition } from './buildTask';
import { inputStep, pickStep, runSteps } from './wizard';
import type { Answer } from './wizard';

const CONTAINERFILE_GLOB = '**/{Containerfile,Containerfile.*,*.containerfile,Dockerfile,Dockerfile.*}';

function isContainerfile(uri: Uri): boolean {
  return detectKind(uri.fsPath) === 'containerfile';
}

/**
 * The Containerfile to build: the one given or in the editor, the only one in the workspace, or null
 * when the user has to pick among several (a wizard step). undefined when there is none.
 */
async function knownContainerfile(arg: unknown): Promise<Uri | Uri[] | undefined> {
  if (arg instanceof Uri) return arg;
  const active = window.activeTextEditor?.document;
  if (active && (active.languageId === 'dockerfile' || isContainerfile(active.uri))) return active.uri;
  const found = await workspace.findFiles(CONTAINERFILE_GLOB, '**/node_modules/**', 200);
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    void showError(
      'RHCOS Layering: no Containerfile in this workspace. Open the Containerfile to build, then run Build Layered Image again.',
    );
    return undefined;
  }
  return found;
}

/** The linter's errors for the file, waiting briefly for the first lint of a file not yet open. */
async function lintErrors(uri: Uri): Promise<string[]> {
  const wasOpen = workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const doc = await workspace.openTextDocument(uri);
  if (doc.isDirty) await doc.save();
  if (!wasOpen) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        sub.dispose();
        resolve();
      }, 3000);
      const sub = languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString())) {
          clearTimeout(t);
          sub.dispose();
          resolve();
        }
      });
    });
  }
  return languages
    .getDiagnostics(uri)
    .filter((d) => d.source === LINT_SOURCE && d.severity === DiagnosticSeverity.Error)
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

/** True when the file lints without errors, or the user builds anyway. */
async function lintAllows(uri: Uri): Promise<boolean> {
  const errors = await lintErrors(uri);
  if (!errors.length) return true;
  const choice = await window.showWarningMessage(
    plain(
      `${path.basename(uri.fsPath)} has ${errors.length} lint error${errors.length > 1 ? 's' : ''}; the image may not ` +
        `boot or the build may fail.`,
    ),
    { modal: true, detail: plain(errors.slice(0, 5).join('\n')) },
    'Build anyway',
    'Show Problems',
  );
  if (choice === 'Show Problems') void commands.executeCommand('workbench.actions.view.problems');
  return choice === 'Build anyway';
}

async function run(def: BuildTaskDefinition, title: string): Promise<Outcome | PushOutcome> {
  const folder = def.containerfile ? workspace.getWorkspaceFolder(Uri.file(def.containerfile)) : workspace.workspaceFolders?.[0];
  const id = `cmd-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const task = makeTask(def, folder, id);
  return await window.withProgress<Outcome | PushOutcome>(
    { location: ProgressLocation.Notification, title, cancellable: true },
    (progress, token) =>
      new Promise((resolve) => {
        let execution: TaskExecution | undefined;
        let last = 0;
        const subs = [
          taskEvents.step.event((e) => {
            if (e.id !== id) return;
            const pct = (e.step.n / Math.max(1, e.step.m)) * 100;
            progress.report({
              message: `STEP ${e.step.n}/${e.step.m}${e.line !== null ? ` (line ${e.line + 1})` : ''}: ${e.step.text.slice(0, 60)}`,
              increment: pct - last,
            });
            last = pct;
          }),
          taskEvents.done.event((e) => {
            if (e.id !== id) return;
            for (const s of subs) s.dispose();
            resolve(e.outcome);
          }),
          token.onCancellationRequested(() => execution?.terminate()),
        ];
        void tasks.executeTask(task).then((x) => (execution = x));
      }),
  );
}

export function registerBuildCommands(context: ExtensionContext) {
  const state = context.workspaceState;
  return {
    async 'rhcosLayering.buildLayeredImage'(arg?: unknown) {
      const known = await knownContainerfile(arg);
      if (!known) return;
      // Several Containerfiles: pick one (its lint checked), then its tag, with Back between them.
      const choices = Array.isArray(known) ? known : null;
      let uri = Array.isArray(known) ? undefined : known;
      if (uri && !(await lintAllows(uri))) return;
      const total = choices ? 2 : 1;
      let typed: { uri: Uri; tag: string } | undefined;
      let tag = '';
      const steps: (() => Promise<Answer<unknown>>)[] = [];
      if (choices)
        steps.push(async () => {
          const picked = await pickStep({
            title: 'Build Layered Image: which Containerfile?',
            step: 1,
            total,
            back: false,
            placeholder: 'Containerfiles of this workspace',
            active: uri?.toString(),
            items: choices.map((u) => ({ label: workspace.asRelativePath(u), value: u.toString() })),
          });
          if (typeof picked !== 'string') return picked;
          uri = choices.find((u) => u.toString() === picked)!;
          return (await lintAllows(uri)) ? picked : undefined;
        });
      steps.push(async () => {
        const u = uri!;
        const suggested = suggestTag(state.get<string>(`tag:${u.fsPath}`), state.get<string>('lastTag'), u.fsPath);
        const v = await inputStep({
          title: `Build Layered Image: image name and tag for ${path.basename(path.dirname(u.fsPath))}/${path.basename(u.fsPath)}`,
          step: total,
          total,
          back: total > 1,
          prompt: 'The registry, repository and tag to build, for example quay.io/my-org/rhcos-layered:416-hotfix',
          value: typed?.uri.toString() === u.toString() ? typed.tag : suggested.value,
          ...(suggested.select && typed?.uri.toString() !== u.toString() ? { valueSelection: suggested.select } : {}),
          validate: (x) => checkTag(x.trim()),
          keep: (x) => (typed = { uri: u, tag: x }),
        });
        if (typeof v === 'string') tag = v;
        return v;
      });
      if (!(await runSteps(steps)) || !uri) return;
      await state.update(`tag:${uri.fsPath}`, tag.trim());
      await state.update('lastTag', tag.trim());
      const def: BuildTaskDefinition = { type: TASK_TYPE, action: 'build', containerfile: uri.fsPath, tag: tag.trim() };
      const o = await run(def, `Building ${tag.trim()}`);
      if (o.ok) {
        await state.update('lastBuilt', tag.trim());
        const next = await window.showInformationMessage(plain(`RHCOS Layering: built ${tag.trim()}.`), 'Push');
        if (next === 'Push') await commands.executeCommand('rhcosLayering.pushLayeredImage', tag.trim());
      } else if (o.explanation?.kind !== 'cancelled') {
        const more = o.explanation?.kind === 'missing-tool' ? ['Open Settings'] : [];
        const c = await showError(plain(`RHCOS Layering: build failed. ${o.explanation?.message ?? ''}`), ...more);
        if (c === 'Open Settings') void commands.executeCommand('workbench.action.openSettings', 'rhcosLayering.buildTool');
      }
    },

    async 'rhcosLayering.pushLayeredImage'(arg?: unknown) {
      let image = typeof arg === 'string' ? arg : undefined;
      if (!image) {
        image = await window.showInputBox({
          title: 'Push Layered Image',
          prompt: 'The image to push (as built)',
          value: state.get<string>('lastBuilt') ?? state.get<string>('lastTag') ?? '',
          ignoreFocusOut: true,
          validateInput: (v) => checkTag(v.trim()),
        });
        image = image?.trim();
      }
      if (!image) return;
      const o = (await run({ type: TASK_TYPE, action: 'push', tag: image }, `Pushing ${image}`)) as PushOutcome;
      if (!o.ok || !o.reference) {
        if (o.explanation?.kind !== 'cancelled') void showError(plain(`RHCOS Layering: push failed. ${o.explanation?.message ?? ''}`));
        return;
      }
      await state.update('lastPushed', o.reference);
      const choice = await window.showInformationMessage(plain(`Pushed ${o.reference}`), 'Copy', 'Apply to Pool…');
      if (choice === 'Copy') {
        await env.clipboard.writeText(o.reference);
        void window.setStatusBarMessage('RHCOS Layering: image reference copied', 3000);
      } else if (choice === 'Apply to Pool…') {
        await commands.executeCommand('rhcosLayering.applyLayeredImage', o.reference);
      }
      return o.reference;
    },
  } satisfies Partial<CommandHandlers>;
}
