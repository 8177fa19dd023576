/**
 * The work budget of one Containerfile. Parsing costs per line, per word (the shell parser) and per
 * instruction, not only per character: under the 8 MiB size limit, 100,000 RUN instructions, a
 * 150,000-word RUN or 1,000,000 continuation lines each took minutes and gigabytes. The work is
 * counted in one linear pass before anything is parsed; a file over the budget is not parsed at all
 * (the editor keeps answering) and gets one diagnostic that says so and what to do.
 */

/**
 * Work units we check in one file: the shell parser costs ~0.1 ms per word, so about 4 s of parsing on a
 * laptop (40,000 words, or 10,000 one-line instructions, or 2.5 MB on one line). A 2,000-line Containerfile
 * is ~25,000 units.
 */
export const CONTAINERFILE_WORK_BUDGET = 80_000;

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
