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
  let lines = 1;
  let words = 0;
  let instructions = 0;
  let inWord = false;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const blank = c === 32 || c === 9 || c === 10 || c === 13;
    if (!blank && !inWord) {
      words++;
      if (lineStart && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) instructions++;
    }
    inWord = !blank;
    if (c === 10) lines++;
    if (c === 10) lineStart = true;
    else if (!blank) lineStart = false;
  }
  return { units: 2 * words + lines + 5 * instructions + Math.ceil(text.length / 32), chars: text.length, lines, words, instructions };
}
