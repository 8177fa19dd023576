/**
 * Time marks of the Rollouts view's first paint (activation, feature code loaded, connected, pools
 * listed, pools returned to the tree), written as JSON lines to the file RHCOS_LAYERING_TIMING_FILE
 * names, for `npm run bench:tree`. Nothing is written when the variable is unset. Each mark is
 * written once per extension host: the first paint is what is measured.
 */
import { appendFile } from 'node:fs';

const seen = new Set<string>();

export function mark(name: string): void {
  const file = process.env.RHCOS_LAYERING_MARKS_FILE;
  if (!file || seen.has(name)) return;
  seen.add(name);
  appendFile(file, JSON.stringify({ mark: name, at: Date.now(), pid: process.pid }) + '\n', () => undefined);
}
