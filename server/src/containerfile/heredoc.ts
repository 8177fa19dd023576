/**
 * Which words of an instruction's line open a here-document, the way the Dockerfile frontend decides
 * (moby/buildkit frontend/dockerfile/parser/parser.go `heredocsFromLine`, `ParseHeredoc`; buildah's
 * parser, openshift/imagebuilder dockerfile/parser, calls the same functions): the line is split into
 * words with quotes kept (a `<<` followed by blanks stays one word with what follows), and a word is a
 * marker when it matches `^(\d*)<<(-?)\s*([^<]*)$` and the rest is one word once unquoted.
 * `cat<<EOF` is one word that does not start with `<<`, so it is not a marker.
 */
export interface HeredocMarker {
  /** The terminator line, quotes removed. */
  name: string;
  /** `<<-`: leading tabs of the body and the terminator line are stripped. */
  chomp: boolean;
  /** Part of the name was quoted, so the body is not expanded. */
  quoted: boolean;
}

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/** The line's words as the frontend's lexer splits them (RawQuotes, RawEscapes); unbalanced quotes end the last word. */
export function lineWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  const end = () => {
    if (inWord && cur !== '') words.push(cur);
    cur = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const stop = close < 0 ? line.length : close + 1;
      cur += line.slice(i, stop);
      inWord = true;
      i = stop - 1;
    } else if (c === '\\') {
      cur += line.slice(i, i + 2);
      inWord = true;
      i++;
    } else if (c === '<' && line[i + 1] === '<') {
      // `<<` and the blanks after it join the word that follows (shell/lex.go processPossibleHeredoc).
      let j = i + 2;
      while (j < line.length && (line[j] === ' ' || line[j] === '\t')) j++;
      cur += line.slice(i, j);
      inWord = true;
      i = j - 1;
    } else if (isBlank(c)) {
      end();
    } else {
      cur += c;
      inWord = true;
    }
  }
  end();
  return words;
}

const MARKER = /^(\d*)<<(-?)\s*([^<]*)$/;

/** The here-document a word opens, or null. */
export function heredocMarker(word: string): HeredocMarker | null {
  const m = MARKER.exec(word);
  if (!m || m[3] === '') return null;
  const rest = m[3]!;
  let name = '';
  let quoted = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === "'" || c === '"') {
      const close = rest.indexOf(c, i + 1);
      if (close < 0) return null; // BuildKit refuses the line: "unexpected end of statement"
      let inner = rest.slice(i + 1, close);
      if (c === '"') inner = inner.replace(/\\(["\\$`])/g, '$1');
      name += inner;
      quoted = true;
      i = close;
    } else if (c === '\\') {
      name += rest[i + 1] ?? '';
      i++;
    } else if (isBlank(c)) {
      return null; // more than one word: `<<EOF sh`
    } else {
      name += c;
    }
  }
  return name === '' ? null : { name, chomp: m[2] === '-', quoted };
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/**
 * The here-documents of an instruction's joined line (continuations joined, comment lines left out):
 * only RUN, COPY and ADD (also after ONBUILD) in their shell form take them.
 */
export function instructionHeredocs(line: string): HeredocMarker[] {
  if (!line.includes('<<')) return [];
  const words = lineWords(line);
  let i = 0;
  if (words[0]?.toUpperCase() === 'ONBUILD') i++;
  if (!HEREDOC_KEYWORDS.has(words[i]?.toUpperCase() ?? '')) return [];
  i++;
  while (words[i]?.startsWith('--')) i++;
  if (isJsonForm(words.slice(i).join(' '))) return [];
  const out: HeredocMarker[] = [];
  for (const w of words.slice(i)) {
    const h = heredocMarker(w);
    if (h) out.push(h);
  }
  return out;
}

function isJsonForm(args: string): boolean {
  const t = args.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}
