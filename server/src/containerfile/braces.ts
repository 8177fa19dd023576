/** Bash brace expansion of one word: `kernel-{,core-}5.14` -> [`kernel-5.14`, `kernel-core-5.14`]. */
const LIMIT = 1024;

export function expandBraces(word: string): string[] {
  const out: string[] = [];
  expand(word, out);
  return out.length ? out : [word];
}

function expand(s: string, out: string[]): void {
  if (out.length >= LIMIT) return;
  const open = findOpen(s);
  if (open < 0) {
    out.push(s);
    return;
  }
  const { close, parts } = scan(s, open);
  if (close < 0) {
    out.push(s);
    return;
  }
  const pre = s.slice(0, open);
  const post = s.slice(close + 1);
  const alternatives: string[] | null = parts.length > 1 ? parts : sequence(parts[0]!);
  if (!alternatives) {
    // `{x}` is literal in bash; keep it and expand what follows.
    const rest: string[] = [];
    expand(post, rest);
    for (const r of rest) out.push(pre + s.slice(open, close + 1) + r);
    return;
  }
  for (const alt of alternatives) expand(pre + alt + post, out);
}

function findOpen(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '$' && s[i + 1] === '{') {
      // ${var} is a parameter expansion, not a brace list.
      const end = s.indexOf('}', i);
      if (end < 0) return -1;
      i = end;
    } else if (s[i] === '{') {
      const { close, parts } = scan(s, i);
      if (close >= 0 && (parts.length > 1 || sequence(parts[0]!))) return i;
    }
  }
  return -1;
}

function scan(s: string, open: number): { close: number; parts: string[] } {
  let depth = 0;
  const parts: string[] = [];
  let start = open + 1;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        parts.push(s.slice(start, i));
        return { close: i, parts };
      }
    } else if (c === ',' && depth === 1) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  return { close: -1, parts: [] };
}

function sequence(body: string): string[] | null {
  const m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body) ?? /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(body);
  if (!m) return null;
  const numeric = /\d/.test(m[1]!);
  const a = numeric ? Number(m[1]) : m[1]!.charCodeAt(0);
  const b = numeric ? Number(m[2]) : m[2]!.charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const res: string[] = [];
  const dir = a <= b ? 1 : -1;
  for (let v = a; dir > 0 ? v <= b : v >= b; v += dir * step) {
    res.push(numeric ? String(v) : String.fromCharCode(v));
    if (res.length > LIMIT) break;
  }
  return res;
}
