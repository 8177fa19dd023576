/**
 * Line starts of a text kept from one version to the next: an edit recomputes the starts of the text it
 * inserted and shifts the ones after it, instead of reading the whole text again (a 5 MB MachineConfig is
 * one keystroke away from the last version). A line starts after `\n`, after `\r\n` and after a lone `\r`,
 * as LSP counts lines.
 */
import { commonEnds } from './textDiff';

/** Offsets where each line of `text` starts, the first being 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  appendStarts(starts, text, 0, text.length, 0);
  return starts;
}

/** Pushes the starts of the lines that begin inside text[from, to), shifted by `shift` (`\r\n` at `to` counts as one break). */
function appendStarts(out: number[], text: string, from: number, to: number, shift: number): void {
  const cr = text.indexOf('\r', from);
  if (cr < 0 || cr >= to) {
    // The common case: indexOf is far faster than looking at every character.
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) out.push(i + 1 + shift);
    return;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) out.push(i + 1 + shift);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) out.push(i + 1 + shift);
  }
}

/** A replacement of old text [start, end) by `inserted`. */
export interface Splice {
  start: number;
  end: number;
  inserted: string;
}

/**
 * The line starts of `after`, which is `before` with `splice` applied, from `starts` (the line starts of
 * `before`, left unchanged). Lines before the splice keep their starts, the inserted text's are computed, the
 * ones after are shifted. A `\r` at either edge of the splice (a `\r\n` pair may be made or split) falls back to
 * a fresh computation.
 */
export function spliceLineStarts(before: string, starts: readonly number[], splice: Splice, after: string): number[] {
  const { start, end, inserted } = splice;
  const edge = (s: string, i: number) => s.charCodeAt(i) === 13;
  if (edge(before, start - 1) || edge(before, end - 1) || edge(after, start - 1) || edge(after, start + inserted.length - 1))
    return lineStarts(after);
  const out: number[] = [];
  // Starts up to `start` stay: the text before them is unchanged.
  let k = 0;
  while (k < starts.length && starts[k]! <= start) out.push(starts[k++]!);
  appendStarts(out, inserted, 0, inserted.length, start);
  // Starts in (start, end] followed a line break that the splice removed.
  while (k < starts.length && starts[k]! <= end) k++;
  const delta = inserted.length - (end - start);
  while (k < starts.length) out.push(starts[k++]! + delta);
  return out;
}

/** The one splice that turns `before` into `after`: their common prefix and suffix (core/textDiff) left out. */
export function changedSpan(before: string, after: string): Splice {
  const { prefix, suffix } = commonEnds(before, after);
  return { start: prefix, end: before.length - suffix, inserted: after.slice(prefix, after.length - suffix) };
}
