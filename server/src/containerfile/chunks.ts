/**
 * Splits a Containerfile into instruction chunks with a single linear scan, so that each
 * instruction can be parsed on its own and the result cached by its text: after an edit only the
 * changed instructions are parsed again.
 */
export interface Chunk {
  start: number;
  end: number;
}

const HEREDOC = /<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_KEYWORDS = /^\s*(RUN|COPY|ADD)\b/i;

/** Returns null when the file uses a parser directive that changes the escape character. */
export function splitChunks(text: string): Chunk[] | null {
  if (/^(\s*#\s*(syntax|check)\s*=.*\n)*\s*#\s*escape\s*=\s*`/i.test(text)) return null;
  const chunks: Chunk[] = [];
  const n = text.length;
  let pos = 0;
  const lineEnd = (p: number) => {
    const e = text.indexOf('\n', p);
    return e < 0 ? n : e;
  };
  const isBlankOrComment = (s: number, e: number) => {
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) continue;
      return c === 35; // '#'
    }
    return true;
  };
  const continues = (s: number, e: number) => {
    let i = e - 1;
    while (i >= s && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i--;
    return i >= s && text.charCodeAt(i) === 92; // '\'
  };
  while (pos < n) {
    let e = lineEnd(pos);
    if (isBlankOrComment(pos, e)) {
      pos = e + 1;
      continue;
    }
    const start = pos;
    const heredocCapable = HEREDOC_KEYWORDS.test(text.slice(pos, Math.min(e, pos + 16)));
    const markers: { strip: boolean; word: string }[] = [];
    const scanMarkers = (s: number, en: number) => {
      if (!heredocCapable) return;
      const line = text.slice(s, en);
      if (!line.includes('<<')) return;
      HEREDOC.lastIndex = 0;
      for (let m = HEREDOC.exec(line); m; m = HEREDOC.exec(line)) markers.push({ strip: m[1] === '-', word: m[3]! });
    };
    scanMarkers(pos, e);
    let end = e;
    // Continuation lines; comment and blank lines inside a continuation belong to it.
    let cont = continues(pos, e);
    while (cont && e < n) {
      pos = e + 1;
      e = lineEnd(pos);
      end = e;
      if (isBlankOrComment(pos, e)) continue;
      scanMarkers(pos, e);
      cont = continues(pos, e);
    }
    // Heredoc bodies, each up to its terminator line.
    for (const mk of markers) {
      let found = false;
      while (e < n && !found) {
        pos = e + 1;
        e = lineEnd(pos);
        end = e;
        let line = text.slice(pos, e);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        found = (mk.strip ? line.replace(/^\t+/, '') : line) === mk.word;
      }
      // An unterminated heredoc swallows the rest of the file: leave that to the whole-file parse.
      if (!found) return null;
    }
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    chunks.push({ start, end });
    pos = e + 1;
  }
  return chunks;
}
