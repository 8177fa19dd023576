/**
 * Where two versions of a text differ: the length of their common start and of their common end (not
 * overlapping). Found by halving with whole-substring comparisons, which the engine does natively, so a
 * keystroke in a 400 KB file costs a few dozen comparisons instead of a loop over every character.
 */
export interface CommonEnds {
  prefix: number;
  suffix: number;
}

let last: { a: string; b: string; ends: CommonEnds } | undefined;

export function commonEnds(a: string, b: string): CommonEnds {
  // The budget and the chunker both ask about the same two versions.
  if (last && last.a === a && last.b === b) return last.ends;
  const prefix = commonPrefix(a, b);
  const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
  const ends = { prefix, suffix };
  last = { a, b, ends };
  return ends;
}

function commonPrefix(a: string, b: string): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  // Invariant: the first `lo` characters are equal; the first `hi + 1` are not (or hi is the shorter length).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The common end, at most `max` characters. */
function commonSuffix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
