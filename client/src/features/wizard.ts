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
  total: number;
  /** Show Back (false on the first step shown). */
  back: boolean;
}

export function pickStep<T>(s: Step & { placeholder: string; items: StepItem<T>[] }): Promise<Answer<T>> {
  const q = window.createQuickPick<StepItem<T>>();
  Object.assign(q, { title: s.title, step: s.step, totalSteps: s.total, placeholder: s.placeholder, items: s.items, ignoreFocusOut: true });
  q.buttons = s.back ? [QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
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
    q.show();
  });
}

export function inputStep(s: Step & { prompt: string; value: string; validate: (v: string) => string | null }): Promise<Answer<string>> {
  const box = window.createInputBox();
  Object.assign(box, { title: s.title, step: s.step, totalSteps: s.total, prompt: s.prompt, value: s.value, ignoreFocusOut: true });
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
    box.onDidTriggerButton((b) => b === QuickInputButtons.Back && finish(BACK));
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
