/**
 * The open documents, kept from didOpen/didChange/didClose after checking every message's shape:
 * a message the server cannot use is refused with a reason (the caller logs it), never thrown at.
 * Versions that go backwards are ignored.
 */
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditedDocument } from './editedDocument';

/** Longest URI we accept; anything longer is not a document a client means. */
const MAX_URI = 8192;

export type Refused = { refused: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
export const isPosition = (v: unknown): v is { line: number; character: number } =>
  isObject(v) && isInt(v.line) && isInt(v.character) && v.line >= 0 && v.character >= 0;
export const isRange = (v: unknown): v is { start: { line: number; character: number }; end: { line: number; character: number } } =>
  isObject(v) && isPosition(v.start) && isPosition(v.end);

/** The URI decoded, or null when it is not a string or has a malformed escape. */
export function decodeUri(uri: unknown): string | null {
  if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_URI) return null;
  try {
    return decodeURIComponent(uri);
  } catch {
    return null;
  }
}

/** `{ textDocument: { uri } }`'s URI when it is usable, else null. */
export function documentUri(params: unknown): string | null {
  if (!isObject(params) || !isObject(params.textDocument)) return null;
  const uri = params.textDocument.uri;
  return decodeUri(uri) === null ? null : (uri as string);
}

export class DocumentStore {
  private readonly docs = new Map<string, EditedDocument>();

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  open(params: unknown): TextDocument | Refused {
    if (!isObject(params) || !isObject(params.textDocument)) return { refused: 'didOpen without a textDocument' };
    const { uri, languageId, version, text } = params.textDocument;
    if (decodeUri(uri) === null) return { refused: 'didOpen with a URI that is not a valid URI' };
    if (typeof languageId !== 'string') return { refused: `didOpen of ${String(uri)} with a languageId that is not a string` };
    if (!isInt(version)) return { refused: `didOpen of ${String(uri)} with a version that is not an integer` };
    if (typeof text !== 'string') return { refused: `didOpen of ${String(uri)} with a text that is not a string` };
    // A second didOpen of the same URI replaces the document (and the line index it shared).
    this.docs.get(uri as string)?.release();
    const doc = new EditedDocument(uri as string, languageId, version, text);
    this.docs.set(doc.uri, doc);
    return doc;
  }

  change(params: unknown): TextDocument | Refused {
    if (!isObject(params) || !isObject(params.textDocument)) return { refused: 'didChange without a textDocument' };
    const uri = documentUri(params);
    if (uri === null) return { refused: 'didChange with a URI that is not a valid URI' };
    const doc = this.docs.get(uri);
    if (!doc) return { refused: `didChange of ${uri}, which is not open` };
    const version = params.textDocument.version;
    if (!isInt(version)) return { refused: `didChange of ${uri} with a version that is not an integer` };
    if (version <= doc.version) return { refused: `didChange of ${uri} to version ${version}, not after ${doc.version}` };
    const changes = params.contentChanges;
    if (!Array.isArray(changes)) return { refused: `didChange of ${uri} without a contentChanges array` };
    const valid: TextDocumentContentChangeEvent[] = [];
    for (const c of changes as unknown[]) {
      if (!isObject(c) || typeof c.text !== 'string') return { refused: `didChange of ${uri} with a change whose text is not a string` };
      if (c.range === undefined) valid.push({ text: c.text });
      else if (isRange(c.range)) valid.push({ range: c.range, text: c.text });
      else return { refused: `didChange of ${uri} with a change whose range is not a range` };
    }
    doc.update(valid, version);
    return doc;
  }

  close(params: unknown): TextDocument | Refused {
    const uri = documentUri(params);
    if (uri === null) return { refused: 'didClose with a URI that is not a valid URI' };
    const doc = this.docs.get(uri);
    if (!doc) return { refused: `didClose of ${uri}, which is not open` };
    this.docs.delete(uri);
    doc.release();
    return doc;
  }
}
