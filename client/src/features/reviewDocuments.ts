/**
 * The read-only documents every review before a write shows in a diff editor (the MachineConfig dry run,
 * the MachineOSConfig to apply): one content provider, no unsaved "Untitled" buffer, the last few
 * reviews kept so a diff left open still shows its text.
 */
import { commands, EventEmitter, Uri, workspace } from 'vscode';
import type { Disposable, TextDocumentContentProvider } from 'vscode';

export const REVIEW_SCHEME = 'rhcos-review';
const KEEP = 16;

class ReviewDocuments implements TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private seq = 0;

  /** A new document named `<label>.yaml` holding `text`. */
  put(label: string, text: string): Uri {
    const uri = Uri.from({ scheme: REVIEW_SCHEME, path: `/${++this.seq}/${label}.yaml` });
    this.docs.set(uri.toString(), text);
    if (this.docs.size > KEEP) this.docs.delete(this.docs.keys().next().value!);
    return uri;
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.docs.get(uri.toString()) ?? '# This review is closed; run the command again.\n';
  }
}

const documents = new ReviewDocuments();

export function registerReviewDocuments(): Disposable {
  return workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, documents);
}

/** Opens `left` ↔ `right` as read-only documents in a diff editor beside what has focus. */
export async function showReviewDiff(
  left: { label: string; text: string },
  right: { label: string; text: string },
  title: string,
): Promise<void> {
  const l = documents.put(left.label, left.text);
  const r = documents.put(right.label, right.text);
  await commands.executeCommand('vscode.diff', l, r, title, { preview: true, preserveFocus: true });
}
