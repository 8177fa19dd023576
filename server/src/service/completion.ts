/** Completion inside RUN: rpm-ostree subcommands and their flags, `ostree container commit` and `bootc container lint`. */
import { RPM_OSTREE_COMMANDS } from '../containerfile/rpmOstreeCommands';
import type { Position } from '../core/lineIndex';
import { LineIndex } from '../core/lineIndex';

export interface CompletionItem {
  label: string;
  kind: 'command' | 'flag';
  detail: string;
  documentation?: string;
}

export function complete(text: string, pos: Position): CompletionItem[] {
  const index = new LineIndex(text);
  // Look back over continuation lines of the same instruction.
  let prefix = index.lineText(pos.line).slice(0, pos.character);
  for (let l = pos.line - 1; l >= 0 && /\\\s*$/.test(index.lineText(l)); l--) prefix = index.lineText(l).replace(/\\\s*$/, ' ') + prefix;
  const seg = prefix.split(/&&|\|\||;|\|/).pop() ?? '';
  const m = /(?:^|\s)rpm-ostree((?:\s+\S+)*?)\s+(\S*)$/.exec(seg);
  if (m) {
    const done = m[1]!
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .filter((w) => !w.startsWith('-'));
    if (done.length === 0) {
      return RPM_OSTREE_COMMANDS.map((c) => ({
        label: c.name,
        kind: 'command',
        detail: c.container ? 'rpm-ostree (works in a build)' : 'rpm-ostree (fails in a container build)',
        documentation: c.summary,
      }));
    }
    const c = RPM_OSTREE_COMMANDS.find((x) => x.name === done[0]);
    return (c?.flags ?? []).map((f) => ({ label: f, kind: f.startsWith('-') ? 'flag' : 'command', detail: `rpm-ostree ${c!.name}` }));
  }
  if (/(?:^|\s)ostree\s+\S*$/.test(seg)) return [{ label: 'container', kind: 'command', detail: 'ostree container commit' }];
  if (/(?:^|\s)ostree\s+container\s+\S*$/.test(seg))
    return [{ label: 'commit', kind: 'command', detail: 'finish the layer (docs up to 4.18)' }];
  if (/(?:^|\s)bootc\s+\S*$/.test(seg)) return [{ label: 'container', kind: 'command', detail: 'bootc container lint' }];
  if (/(?:^|\s)bootc\s+container\s+\S*$/.test(seg))
    return [{ label: 'lint', kind: 'command', detail: 'check the bootable image (docs from 4.19)' }];
  return [];
}
