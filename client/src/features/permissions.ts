/**
 * Access reviews as context keys: `rhcosLayering.deny.<action>` is true when the connected user may
 * not take the action (menus and the palette hide it), `rhcosLayering.readOnly` when they may take
 * none. Nothing is denied before the answers are in, or when they could not be asked.
 */
import { commands } from 'vscode';
import { ACTIONS } from '../cluster/access';
import type { Access, Action } from '../cluster/access';

export function showAccess(a: Access | undefined): void {
  for (const action of Object.keys(ACTIONS) as Action[])
    void commands.executeCommand('setContext', `rhcosLayering.deny.${action}`, a ? !a.allowed[action] : false);
  void commands.executeCommand('setContext', 'rhcosLayering.readOnly', a?.readOnly ?? false);
}
