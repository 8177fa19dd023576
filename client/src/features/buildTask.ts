/**
 * The `rhcos-layering-build` task type: a CustomExecution whose pseudoterminal runs the build module
 * (build or push), so users can put it in tasks.json and the problem matcher sees the failure line.
 */
import * as path from 'node:path';
import { CustomExecution, EventEmitter, Task, TaskScope, workspace } from 'vscode';
import type { Pseudoterminal, TaskDefinition, WorkspaceFolder } from 'vscode';
import { build, problemLine, push } from '../build/builder';
import type { Job, Outcome, PushOutcome } from '../build/builder';
import type { Step } from '../build/steps';
import { resolveTool, ToolMissing } from '../build/tool';
import { checkInputs } from '../build/args';
import { TASK_TYPE } from '../../../common/commands';

export interface BuildTaskDefinition extends TaskDefinition {
  action?: 'build' | 'push';
  /** Containerfile path, relative to the workspace folder or absolute. */
  containerfile?: string;
  context?: string;
  /** Image to build (tag) or to push. */
  tag: string;
  tool?: string;
  pull?: boolean;
  noCache?: boolean;
  platform?: string;
}

/** Progress and results of running tasks, for the command that started them. */
export const taskEvents = {
  step: new EventEmitter<{ id: string; step: Step; line: number | null }>(),
  done: new EventEmitter<{ id: string; definition: BuildTaskDefinition; outcome: Outcome | PushOutcome }>(),
};

function settings() {
  const c = workspace.getConfiguration('rhcosLayering');
  return {
    tool: c.get<string>('buildTool', 'auto'),
    authfile: c.get<string>('pullSecretPath', '') || undefined,
    pull: c.get<boolean>('build.pullAlways', false),
    noCache: c.get<boolean>('build.noCache', false),
    platform: c.get<string>('build.platform', '') || undefined,
    certificateAuthority: c.get<string>('certificateAuthority', '') || undefined,
  };
}

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

class BuildTerminal implements Pseudoterminal {
  private readonly write = new EventEmitter<string>();
  private readonly closeE = new EventEmitter<number>();
  readonly onDidWrite = this.write.event;
  readonly onDidClose = this.closeE.event;
  private job: Job<Outcome> | undefined;

  constructor(
    private readonly def: BuildTaskDefinition,
    private readonly folder: string | undefined,
    private readonly id: string,
  ) {}

  private line(s: string): void {
    this.write.fire(s.replace(/\r?\n/g, '\r\n') + '\r\n');
  }

  open(): void {
    const s = settings();
    const abs = (p: string) => (path.isAbsolute(p) ? p : path.join(this.folder ?? process.cwd(), p));
    let engine;
    try {
      const t = resolveTool(this.def.tool ?? s.tool);
      engine = { tool: t.tool, path: t.path };
    } catch (e) {
      const message = e instanceof ToolMissing ? e.message : String(e);
      this.finish({ ok: false, code: null, explanation: { kind: 'missing-tool', message } });
      return;
    }
    // Raw tasks.json values, before they are made absolute: one that starts with "-" is refused with the key to fix.
    const bad = checkInputs(engine.tool, {
      tag: this.def.tag,
      ...(this.def.containerfile !== undefined ? { containerfile: this.def.containerfile } : {}),
      ...(this.def.context !== undefined ? { context: this.def.context } : {}),
      ...((this.def.platform ?? s.platform) !== undefined ? { platform: (this.def.platform ?? s.platform)! } : {}),
    });
    if (bad) {
      this.finish({ ok: false, code: null, explanation: { kind: 'bad-input', message: bad } });
      return;
    }
    const hide = (l: string) => (s.authfile ? l.split(s.authfile).join('<rhcosLayering.pullSecretPath>') : l);
    const events = {
      onCommand: (c: string) => this.line(`${DIM}> ${c}${RESET}`),
      onLine: (l: string) => this.line(hide(l)),
      onStep: (step: Step, line: number | null) => taskEvents.step.fire({ id: this.id, step, line }),
    };
    if (this.def.action === 'push') {
      this.job = push(engine, this.def.tag, s.authfile, events, s.certificateAuthority);
    } else {
      const containerfile = abs(this.def.containerfile ?? 'Containerfile');
      this.job = build(
        engine,
        {
          containerfile,
          context: abs(this.def.context ?? path.dirname(containerfile)),
          tag: this.def.tag,
          authfile: s.authfile,
          pullAlways: this.def.pull ?? s.pull,
          noCache: this.def.noCache ?? s.noCache,
          platform: this.def.platform ?? s.platform,
          certificateAuthority: s.certificateAuthority,
        },
        events,
      );
    }
    void this.job.done.then((o) => this.finish(o));
  }

  private finish(o: Outcome | PushOutcome): void {
    if (o.ok) {
      const ref = (o as PushOutcome).reference;
      this.line(`${GREEN}${ref ? `Pushed ${ref}` : `Built ${this.def.tag}`}${RESET}`);
    } else {
      if (o.problem) this.line(problemLine(o.problem));
      else this.line(`${RED}${o.explanation?.message ?? 'Failed.'}${RESET}`);
    }
    taskEvents.done.fire({ id: this.id, definition: this.def, outcome: o });
    this.closeE.fire(o.ok ? 0 : (o.code ?? 1));
  }

  close(): void {
    this.job?.cancel();
  }
}

let counter = 0;

/** A task for a definition; `id` lets the caller follow its progress. */
export function makeTask(def: BuildTaskDefinition, folder: WorkspaceFolder | undefined, id = `run-${++counter}`): Task {
  const name = def.action === 'push' ? `push ${def.tag}` : `build ${def.tag}`;
  const task = new Task(
    def,
    folder ?? TaskScope.Workspace,
    name,
    'RHCOS Layering',
    new CustomExecution(() => Promise.resolve(new BuildTerminal(def, folder?.uri.fsPath, id))),
    `$${TASK_TYPE}`,
  );
  return task;
}
