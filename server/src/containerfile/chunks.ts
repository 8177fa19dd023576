/**
 * Splits a Containerfile into instruction chunks with a single linear scan, so that each
 * instruction can be parsed on its own and the result cached by its text: after an edit only the
 * changed instructions are parsed again. The scan follows the Dockerfile frontend's parser (moby/buildkit
 * frontend/dockerfile/parser/parser.go `Parse`; buildah's openshift/imagebuilder dockerfile/parser does
 * the same): a line continues when it ends in `\` and blanks only (`\ # note` does not continue), comment
 * and blank lines inside a continuation belong to it, and the bodies of the here-documents the joined
 * line opens follow it, each up to its terminator line.
 */
import { instructionHeredocs } from './heredoc';

export interface HeredocSpan {
  name: string;
  /** `<<-`: leading tabs are stripped from the body and the terminator line. */
  chomp: boolean;
  /** The marker was quoted (`<<'EOF'`): the body is not expanded. */
  quoted: boolean;
  /** The body's lines: from the line after the marker's line (or the previous terminator) up to the terminator line. */
  bodyStart: number;
  bodyEnd: number;
  /** The terminator line (without its line break); null when the file ends first ("unterminated heredoc"). */
  delimStart: number | null;
  delimEnd: number | null;
}

export interface Chunk {
  start: number;
  end: number;
  /** End of the instruction's own lines, before the first here-document body. */
  headEnd: number;
  heredocs: HeredocSpan[];
}

/** Returns null when the file uses a parser directive that changes the escape character. */
export function splitChunks(text: string): Chunk[] | null {
  if (changesEscape(text)) return null;
  const chunks: Chunk[] = [];
  scanChunksFrom(text, 0, (c) => (chunks.push(c), true));
  return chunks;
}

/** The file starts with a `# escape=\`` directive (after `# syntax=`/`# check=` ones): the chunk scan does not apply. */
export function changesEscape(text: string): boolean {
  return /^(\s*#\s*(syntax|check)\s*=.*\n)*\s*#\s*escape\s*=\s*`/i.test(text);
}

/**
 * The chunks from `pos` (the start of a line where the scan of the whole file also stands: 0, or just
 * after a chunk's last line) on, each handed to `take` until it returns false. The scan from a position
 * reads only the text after it, which is what lets an edit rescan from the chunk before it.
 */
export function scanChunksFrom(text: string, pos: number, take: (c: Chunk) => boolean): void {
  while (pos < text.length) {
    const e = lineEnd(text, pos);
    if (isBlankOrComment(text, pos, e)) {
      pos = e + 1;
      continue;
    }
    const chunk = scanInstruction(text, pos);
    if (!take(chunk)) return;
    pos = lineEnd(text, chunk.end) + 1;
  }
}

/** The instruction that starts at `start` (the start of a line that is neither blank nor a comment). */
export function scanInstruction(text: string, start: number): Chunk {
  const n = text.length;
  let pos = start;
  let e = lineEnd(text, pos);
  let joined = withoutContinuation(text.slice(pos, e));
  // Continuation lines; comment and blank lines inside a continuation belong to it.
  let cont = continues(text, pos, e);
  while (cont && e < n) {
    pos = e + 1;
    e = lineEnd(text, pos);
    if (isBlankOrComment(text, pos, e)) continue;
    joined += withoutContinuation(text.slice(pos, e));
    cont = continues(text, pos, e);
  }
  const headEnd = trimCr(text, start, e);
  const heredocs: HeredocSpan[] = [];
  let end = headEnd;
  for (const mk of instructionHeredocs(joined)) {
    const bodyStart = Math.min(e + 1, n);
    let delim: [number, number] | null = null;
    while (e < n && !delim) {
      pos = e + 1;
      e = lineEnd(text, pos);
      let end = e;
      // Trailing CR/LF off by hand: `/[\r\n]+$/` backtracks quadratically over a run of line breaks.
      while (end > pos && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
      let line = text.slice(pos, end);
      if (mk.chomp) line = line.replace(/^\t+/, '');
      if (line === mk.name) delim = [pos, trimCr(text, pos, e)];
    }
    heredocs.push({
      name: mk.name,
      chomp: mk.chomp,
      quoted: mk.quoted,
      bodyStart,
      bodyEnd: delim ? delim[0] : n,
      delimStart: delim ? delim[0] : null,
      delimEnd: delim ? delim[1] : null,
    });
    end = delim ? delim[1] : trimCr(text, start, n);
    // An unterminated here-document swallows the rest of the file, as in BuildKit (which then refuses it).
    if (!delim) break;
  }
  return { start, end, headEnd, heredocs };
}

export function lineEnd(text: string, p: number): number {
  const e = text.indexOf('\n', p);
  return e < 0 ? text.length : e;
}

function trimCr(text: string, s: number, e: number): number {
  return e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
}

function isBlankOrComment(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) continue;
    return c === 35; // '#'
  }
  return true;
}

/** The line ends in `\` followed by blanks only (imagebuilder's `\\[ \t]*$`, after the line break is dropped). */
function continues(text: string, s: number, e: number): boolean {
  let i = e - 1;
  while (i >= s && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i--;
  return i >= s && text.charCodeAt(i) === 92; // '\'
}

function withoutContinuation(line: string): string {
  return line.replace(/\r$/, '').replace(/\\[ \t]*$/, '');
}
