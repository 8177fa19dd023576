/**
 * The node tooltip's text: short lines that fit a hover (a table of two image references was wider
 * than the hover and got clipped). Digests are shortened to their first 12 and last 4 hex digits.
 */
import type { NodeView } from './rollout';

export function shortImage(ref: string): string {
  return ref.replace(/@sha256:([0-9a-f]{12})[0-9a-f]{48}([0-9a-f]{4})$/, '@sha256:$1…$2');
}

/** Markdown: the state line, then config and image (current → desired when they differ), then the degraded reason. */
export function nodeTooltip(name: string, v: NodeView): string {
  const code = (s: string) => `\`${s || '(none)'}\``;
  const change = (current: string, desired: string) => (current === desired ? code(current) : `${code(current)} → ${code(desired)}`);
  const lines = [
    `**${name}**: ${v.state}${v.cordoned ? ', cordoned' : ''}${v.ready ? '' : ', NotReady'}`,
    `Config: ${change(v.currentConfig, v.desiredConfig)}`,
    `Image: ${change(shortImage(v.currentImage), shortImage(v.desiredImage))}`,
  ];
  if (v.reason) lines.push(`**Degraded reason:** ${v.reason.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&')}`);
  return lines.join('\n\n');
}
