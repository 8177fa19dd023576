/**
 * The work budget of one Containerfile. Parsing costs per line, per word (the shell parser) and per
 * instruction, not only per character: under the 8 MiB size limit, 100,000 RUN instructions, a
 * 150,000-word RUN or 1,000,000 continuation lines each took minutes and gigabytes. The work is
 * counted in one linear pass before anything is parsed; a file over the budget is not parsed at all
 * (the editor keeps answering) and gets one diagnostic that says so and what to do.
 */

/**
 * Work units we check in one file. A 10,000-line layering Containerfile (bench/inputs.mjs: RUN chains,
 * COPY, ENV, LABEL) is ~154,000 units and lints in about 0.6 s of CPU on a laptop-class core; a
 * 2,000-line one is ~25,000. What stays out: a 150,000-word RUN (~334,000 units), a 7.9 MB line
 * (~247,000), 100,000 RUN instructions (~1,040,000) and 1,000,000 continuation lines, each of which
 * costs seconds and hundreds of MiB (test/lsp/budget.test.ts).
 */
import { cacheOwner, onReleaseCacheOwner } from '../core/memo';
import { commonEnds } from '../core/textDiff';

export const CONTAINERFILE_WORK_BUDGET = 200_000;

export interface Work {
  units: number;
  chars: number;
  lines: number;
  words: number;
  instructions: number;
}

/** Lines, words (runs of non-blank characters) and instruction-like lines (a letter first), and the units they cost. */
export function containerfileWork(text: string): Work {
  return workOf(text, count(text, 0, text.length));
}

/**
 * The same, for the open document being linted (the cache owner): from its previous version's counts,
 * less the changed lines as they were, plus the changed lines as they are. The counts add up over pieces
 * that start at line starts, so a keystroke counts one or two lines instead of the whole file.
 */
export function containerfileWorkOf(text: string): Work {
  const owner = cacheOwner();
  if (owner === null) return containerfileWork(text);
  const prev = versions.get(owner);
  let counts: Counts;
  if (!prev) counts = count(text, 0, text.length);
  else {
    const { prefix, suffix } = commonEnds(prev.text, text);
    // The changed characters' lines: from the line start at or before them to just after the next line break.
    const from = prefix === 0 ? 0 : text.lastIndexOf('\n', prefix - 1) + 1;
    const newEnd = lineAfter(text, text.length - suffix);
    const oldEnd = lineAfter(prev.text, prev.text.length - suffix);
    const was = count(prev.text, from, oldEnd);
    const is = count(text, from, newEnd);
    counts = {
      words: prev.counts.words - was.words + is.words,
      breaks: prev.counts.breaks - was.breaks + is.breaks,
      instructions: prev.counts.instructions - was.instructions + is.instructions,
    };
  }
  versions.set(owner, { text, counts });
  return workOf(text, counts);
}

const versions = new Map<string, { text: string; counts: Counts }>();
onReleaseCacheOwner((owner) => versions.delete(owner));

/** Just after the first line break at or after `at`, or the end. */
function lineAfter(text: string, at: number): number {
  const e = text.indexOf('\n', at);
  return e < 0 ? text.length : e + 1;
}

interface Counts {
  words: number;
  /** Line breaks. */
  breaks: number;
  instructions: number;
}

function workOf(text: string, c: Counts): Work {
  const lines = c.breaks + 1;
  return {
    units: 2 * c.words + lines + 5 * c.instructions + Math.ceil(text.length / 32),
    chars: text.length,
    lines,
    words: c.words,
    instructions: c.instructions,
  };
}

/** Counts over [from, to), where `from` is 0 or just after a line break. */
function count(text: string, from: number, to: number): Counts {
  let breaks = 0;
  let words = 0;
  let instructions = 0;
  let inWord = false;
  let lineStart = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const blank = c === 32 || c === 9 || c === 10 || c === 13;
    if (!blank && !inWord) {
      words++;
      if (lineStart && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) instructions++;
    }
    inWord = !blank;
    if (c === 10) breaks++;
    if (c === 10) lineStart = true;
    else if (!blank) lineStart = false;
  }
  return { words, breaks, instructions };
}
