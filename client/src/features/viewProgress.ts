/** Progress on the Rollouts view itself (its progress bar), for connecting, dry runs and applies. */
import { window } from 'vscode';
import { ROLLOUTS_VIEW } from '../../../common/commands';

export function onView<T>(work: () => Thenable<T>): Thenable<T> {
  return window.withProgress({ location: { viewId: ROLLOUTS_VIEW } }, work);
}
