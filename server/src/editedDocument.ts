/**
 * An open document (the `TextDocument` of vscode-languageserver-textdocument, with its positions and clamping)
 * whose line starts follow each edit instead of being read again from the whole text: the package's own document
 * counts line breaks character by character on the first edit after opening (tens of milliseconds on a 5 MB
 * MachineConfig), and again on every full-sync change. A full-sync change is turned into the one span that
 * differs (a memory compare), so both kinds of change cost what they changed. Each version's line index is
 * shared (core/lineIndex.ts lineIndexOf) with lint and the models, which would otherwise build their own.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineIndex, releaseLineIndex, shareLineIndex } from './core/lineIndex';
import { changedSpan, lineStarts, spliceLineStarts, type Splice } from './core/lineStarts';

const isEol = (c: number) => c === 10 || c === 13;

export class EditedDocument implements TextDocument {
  private text: string;
  private starts: number[];

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
  ) {
    this.text = text;
    this.starts = lineStarts(text);
    this.share();
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Applies the changes in order (as TextDocument.update does) and takes `version`. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const range = wellFormed(change.range);
        this.splice({ start: this.offsetAt(range.start), end: this.offsetAt(range.end), inserted: change.text });
      } else if (change.text !== this.text) {
        const span = changedSpan(this.text, change.text);
        this.starts = spliceLineStarts(this.text, this.starts, span, change.text);
        this.text = change.text;
      }
    }
    this.version = version;
    this.share();
  }

  /** Lets go of the shared line index (the document was closed). */
  release(): void {
    releaseLineIndex(this.uri);
  }

  private splice(s: Splice): void {
    const after = this.text.slice(0, s.start) + s.inserted + this.text.slice(s.end);
    this.starts = spliceLineStarts(this.text, this.starts, s, after);
    this.text = after;
  }

  private share(): void {
    shareLineIndex(this.uri, new LineIndex(this.text, this.starts));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const starts = this.starts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (starts[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEol(offset, starts[line]!) - starts[line]! };
  }

  offsetAt(position: Position): number {
    const starts = this.starts;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const starts = this.starts;
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - starts[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line]!;
    const end = this.beforeEol(line + 1 < starts.length ? starts[line + 1]! : this.text.length, start);
    return { start: { line, character: 0 }, end: { line, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.starts;
    if (line >= starts.length || line < 0) return '';
    const next = line + 1 < starts.length ? starts[line + 1]! : this.text.length;
    return this.text.substring(this.beforeEol(next, starts[line]!), next);
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
