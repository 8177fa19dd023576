/**
 * Error notifications: each one is also written to the "RHCOS Layering" output channel with the time,
 * and offers *Show Output* beside its own actions. Messages reach here already masked (ClusterError
 * redacts credentials; build output has the pull-secret path replaced) and as plain text.
 */
import { window } from 'vscode';
import type { OutputChannel } from 'vscode';

let output: Pick<OutputChannel, 'appendLine' | 'show'> | undefined;

export function setOutput(channel: Pick<OutputChannel, 'appendLine' | 'show'>): void {
  output = channel;
}

export const SHOW_OUTPUT = 'Show Output';

/** A line in the output channel, for what a welcome view's Show Output button leads to. */
export function logLine(message: string): void {
  output?.appendLine(message);
}

/** window.showErrorMessage, logged, with *Show Output* last; resolves with the user's own action, if any. */
export async function showError(message: string, ...actions: string[]): Promise<string | undefined> {
  output?.appendLine(`error: ${message}`);
  const choice = await window.showErrorMessage(message, ...actions, SHOW_OUTPUT);
  if (choice === SHOW_OUTPUT) {
    output?.show(true);
    return undefined;
  }
  return choice;
}
