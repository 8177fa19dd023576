/**
 * Show Rule Documentation: the rule's page (docs/rules/<id>.md, shipped in the VSIX) as a Markdown
 * preview, the way vscode-eslint's "Show documentation for …" quick fix opens a rule's page. The
 * language server offers it as a code action on each of its diagnostics.
 */
import { commands, Uri, workspace } from 'vscode';
import type { ExtensionContext } from 'vscode';
import type { CommandHandlers } from '../../../common/commands';
import { showError } from './notify';

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function ruleDocs(context: ExtensionContext) {
  return {
    async 'rhcosLayering.showRuleDoc'(id?: unknown) {
      if (typeof id !== 'string' || id.length > 100 || !RULE_ID.test(id)) {
        void showError('RHCOS Layering: Show Rule Documentation needs a rule id, as the quick fix on a finding passes it.');
        return;
      }
      const page = Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
      try {
        await workspace.fs.stat(page);
      } catch {
        void showError(`RHCOS Layering: there is no documentation page for rule ${id} in this version of the extension.`);
        return;
      }
      await commands.executeCommand('markdown.showPreview', page);
    },
  } satisfies Partial<CommandHandlers>;
}
