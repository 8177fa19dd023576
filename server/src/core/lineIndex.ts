/** Offset <-> LSP position conversion for one text (UTF-16 code units, as LSP and JS strings use). */
import { lineStarts } from './lineStarts';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  private readonly starts: readonly number[];
  /** `starts`: the text's line starts when the caller has them (an open document keeps them from version to version). */
  constructor(
    readonly text: string,
    starts?: readonly number[],
  ) {
    this.starts = starts ?? lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] ?? 0;
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    let end = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }

  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(p.line);
    const lineEnd = p.line + 1 < this.starts.length ? this.starts[p.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, p.character), lineEnd);
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/**
 * Maps UTF-8 byte offsets (what the Go shell parser reports) to UTF-16 offsets in `text`.
 * Returns the identity for ASCII text, which is the common case.
 */
export function utf8ToUtf16Mapper(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (b) => Math.min(b, text.length);
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (cp >= 0x10000) i++;
  }
  return (b) => (b >= map.length ? text.length : map[b]!);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** The line indexes of the open documents' current versions, by document (see lineIndexOf). */
const shared = new Map<string, LineIndex>();

/** Makes `index` what lineIndexOf answers for its text, until the next version of document `key` or its release. */
export function shareLineIndex(key: string, index: LineIndex): void {
  shared.set(key, index);
}

export function releaseLineIndex(key: string): void {
  shared.delete(key);
}

/**
 * The line index of `text`: an open document's (kept up to date edit by edit) when `text` is its current version,
 * else a fresh one. Lint and the models ask here, so a keystroke in a 5 MB file does not read it for line breaks.
 */
export function lineIndexOf(text: string): LineIndex {
  for (const index of shared.values()) if (index.text === text) return index;
  return new LineIndex(text);
}
