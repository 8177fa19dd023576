/** What a RUN's shell text parses to (shell.ts with mvdan/sh, fastShell.ts for plain command chains): commands and words with offsets. */

export interface Word {
  /** The word with quotes removed; dynamic parts (`$x`, `$(...)`) kept as written. */
  value: string;
  /** True when some part is an expansion whose value is unknown here. */
  dynamic: boolean;
  /** True when part of the word is unquoted, so `{a,b}` would be brace-expanded by bash. */
  unquotedBraces: boolean;
  start: number;
  end: number;
  /** Where `value` holds an expansion as written (`$X`, `${X:-y}`, `$(...)`): for variables.ts, which fills in known ARG/ENV values. */
  expansions?: Expansion[];
  /** Names of the ARG/ENV variables whose values were filled into this word (set by variables.ts). */
  vars?: string[];
}

/** An expansion inside a word's `value`: `value.slice(at, at + len)` is its text as written. */
export interface Expansion {
  at: number;
  len: number;
  /** Inside double quotes: its value is not split into words. */
  quoted: boolean;
  /** A parameter expansion (`$X`, `${X}`, `${X:-y}`); otherwise a command substitution, arithmetic, …. */
  param: boolean;
}

export interface Redirect {
  op: string;
  target: Word | null;
  /** For `<<EOF` and `<<-EOF`: the here-document's body (its lines up to the terminator line). */
  body?: Word | undefined;
}

export interface Command {
  words: Word[];
  redirects: Redirect[];
  start: number;
  end: number;
  /** Inside a subshell, `$(...)`, if/for/while body or function. */
  nested: boolean;
}

/** One link of a top-level `a && b || c` chain. `op` joins it to the link before. */
export interface ChainLink {
  command: Command | null; // null for a compound command (if, for, subshell, ...)
  op: '&&' | '||' | '|' | null;
  start: number;
  end: number;
}

export interface Statement {
  links: ChainLink[];
  start: number;
  end: number;
  background: boolean;
}

export interface Script {
  /** The source as parsed (offsets point into it). */
  src: string;
  statements: Statement[];
  /** Every simple command, in source order, top-level and nested. */
  commands: Command[];
  /** `set -e` (or -o errexit) appears before the last statement. */
  errexit: boolean;
  error?: { message: string; offset: number };
}
