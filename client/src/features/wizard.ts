/**
 * Multi-step input in one QuickInput: each step shows `step/total` and, after the first, a Back
 * button. A step resolves with its value, BACK, or undefined when the user dismissed it.
 */
import { QuickInputButtons, window } from 'vscode';
import type { QuickPickItem } from 'vscode';

export const BACK = Symbol('back');
export type Answer<T> = T | typeof BACK | undefined;

export interface StepItem<T> extends QuickPickItem {
  value: T;
}

interface Step {
  title: string;
  step: number;
  /** A flow of one step (total 1) shows no `1/1`. */
  total: number;
  /** Show Back (false on the first step shown). */
  back: boolean;
}

const counted = (s: Step) => (s.total > 1 ? { step: s.step, totalSteps: s.total } : {});

/**
 * `items` may be loaded while the step is already shown (busy, nothing to pick yet): a failed load
 * closes the step and rejects. `active` is the value picked before, focused again when the user comes Back.
 */
export function pickStep<T>(
  s: Step & { placeholder: string; items: StepItem<T>[] | Promise<StepItem<T>[]>; active?: T },
): Promise<Answer<T>> {
  const q = window.createQuickPick<StepItem<T>>();
  Object.assign(q, { title: s.title, ...counted(s), placeholder: s.placeholder, ignoreFocusOut: true });
  q.buttons = s.back ? [QuickInputButtons.Back] : [];
  const show = (items: StepItem<T>[]) => {
    q.items = items;
    const again = items.find((i) => s.active !== undefined && i.value === s.active);
    if (again) q.activeItems = [again];
  };
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (v: Answer<T>) => {
      if (done) return;
      done = true;
      resolve(v);
      q.dispose();
    };
    q.onDidAccept(() => {
      const item = q.selectedItems[0] ?? q.activeItems[0];
      if (item) finish(item.value);
    });
    q.onDidTriggerButton((b) => b === QuickInputButtons.Back && finish(BACK));
    q.onDidHide(() => finish(undefined));
    if (Array.isArray(s.items)) show(s.items);
    else {
      q.busy = true;
      s.items.then(
        (items) => {
          q.busy = false;
          show(items);
        },
        (e: unknown) => {
          if (done) return;
          done = true;
          q.dispose();
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    }
    q.show();
  });
}

/** `keep` receives the text as typed when the user goes Back, so it is there again when they return. */
export function inputStep(
  s: Step & {
    prompt: string;
    value: string;
    placeholder?: string;
    /** Typed text hidden (a token). */
    password?: boolean;
    valueSelection?: [number, number];
    validate: (v: string) => string | null;
    keep?: (typed: string) => void;
  },
): Promise<Answer<string>> {
  const box = window.createInputBox();
  Object.assign(box, { title: s.title, ...counted(s), prompt: s.prompt, value: s.value, ignoreFocusOut: true });
  if (s.valueSelection) box.valueSelection = s.valueSelection;
  if (s.placeholder) box.placeholder = s.placeholder;
  box.password = s.password ?? false;
  box.buttons = s.back ? [QuickInputButtons.Back] : [];
  const check = () => (box.validationMessage = s.validate(box.value) ?? undefined);
  check();
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: Answer<string>) => {
      if (done) return;
      done = true;
      resolve(v);
      box.dispose();
    };
    box.onDidChangeValue(check);
    box.onDidAccept(() => {
      if (s.validate(box.value) === null) finish(box.value.trim());
    });
    box.onDidTriggerButton((b) => {
      if (b !== QuickInputButtons.Back) return;
      s.keep?.(box.value);
      finish(BACK);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

/**
 * Runs the steps in order, each keeping its own answer: BACK returns to the step before, undefined
 * (Escape) stops. True when the last step was answered. List only the steps that are shown, so Back
 * never lands on one that answers itself.
 */
export async function runSteps(steps: readonly (() => Promise<Answer<unknown>>)[]): Promise<boolean> {
  for (let i = 0; i < steps.length;) {
    const v = await steps[i]!();
    if (v === undefined) return false;
    i = v === BACK ? Math.max(0, i - 1) : i + 1;
  }
  return true;
}
