/** The two caches the engine uses: by text (bounded by the characters held) and by object identity (weak). */

/** Default character budget of one text cache: keys are instruction and script texts, values their parse trees. */
export const TEXT_CACHE_CHARS = 4 * 1024 * 1024;

interface TextCache {
  chars: number;
  /** Drops the entries `owner` uses in its newest version and no other owner does; the characters freed. */
  release(owner: string): number;
}
const caches = new Set<TextCache>();
const owners = new WeakMap<object, TextCache>();

/**
 * Which owners use an entry, as generations: each `withCacheOwner` run gets the next generation, and an
 * owner uses the entries stamped with its newest finished run's generation (or a run still going on).
 * Stamping a hit is two field writes, where a set of keys per owner cost two hash lookups per key per lint.
 */
let generation = 0;
/** Each owner's newest finished run; an owner that is not here (released) uses nothing. */
const ownerGeneration = new Map<string, number>();

/**
 * The owner whose work is running (the server sets it to a document's URI while it lints that
 * document). When the owner is released (the document is closed) the entries no other owner uses are
 * dropped at once instead of waiting for eviction; the per-RUN caches, weak on the parse results, go
 * with them.
 */
let current: { owner: string; gen: number } | null = null;
/** The runs going on (nested runs of other owners), innermost last. */
const running: { owner: string; gen: number }[] = [];

export function withCacheOwner<T>(owner: string, work: () => T): T {
  const outer = current;
  const mine = { owner, gen: ++generation };
  current = mine;
  running.push(mine);
  try {
    return work();
  } finally {
    running.pop();
    current = outer;
    // The owner now uses what this run touched (the entries of an older version are let go).
    ownerGeneration.set(owner, mine.gen);
  }
}

/** The owner whose work is running (an open document's URI), or null outside `withCacheOwner` (the CLI, tests). */
export function cacheOwner(): string | null {
  return current?.owner ?? null;
}

/** Per-owner state kept elsewhere (a document's previous parse) registers here to be let go with its owner. */
const releaseHooks: ((owner: string) => void)[] = [];
export function onReleaseCacheOwner(hook: (owner: string) => void): void {
  releaseHooks.push(hook);
}

/** Drops the entries only `owner` used; returns the characters freed. */
export function releaseCacheOwner(owner: string): number {
  for (const hook of releaseHooks) hook(owner);
  let freed = 0;
  for (const c of caches) freed += c.release(owner);
  ownerGeneration.delete(owner);
  return freed;
}

/** A run of `owner` stamped `gen`: is it the owner's newest finished run, or one still going on? */
function uses(owner: string, gen: number): boolean {
  const newest = ownerGeneration.get(owner);
  if (newest !== undefined) return gen >= newest;
  return running.some((r) => r.owner === owner && r.gen === gen);
}

/** One cached value; `TextMemo.touch` marks it used again without looking its key up. */
export interface CacheEntry<V> {
  readonly value: V;
  /** Characters of its key. */
  readonly chars: number;
}

interface Entry<V> {
  value: V;
  chars: number;
  /** Used since the eviction hand last passed (second chance). */
  hit: boolean;
  /** The owner that stamped it last and the generation of that run (null: none, e.g. the CLI). */
  owner: string | null;
  gen: number;
  /** Other owners that use it, when more than one document holds the same text. */
  others?: Map<string, number>;
}

function stamp(e: Entry<unknown>, run: { owner: string; gen: number }): void {
  if (e.owner === run.owner || e.owner === null || !uses(e.owner, e.gen)) {
    if (e.owner !== null && e.owner !== run.owner && e.others) e.others.delete(run.owner);
    e.owner = run.owner;
    e.gen = run.gen;
  } else (e.others ??= new Map()).set(run.owner, run.gen);
}

function usedBy(e: Entry<unknown>, owner: string): boolean {
  if (e.owner === owner) return uses(owner, e.gen);
  const g = e.others?.get(owner);
  return g !== undefined && uses(owner, g);
}

function usedByOther(e: Entry<unknown>, owner: string): boolean {
  if (e.owner !== null && e.owner !== owner && uses(e.owner, e.gen)) return true;
  if (e.others) for (const [o, g] of e.others) if (o !== owner && uses(o, g)) return true;
  return false;
}

/**
 * Memoizes `compute` by string key. A cache holds at most `limit` entries and keys of at most
 * `maxChars` characters in all (parse trees grow with their text, so the characters bound the
 * memory); a key over a quarter of the budget (a whole file that did not split into instructions) is
 * computed every time and never kept, so typing in it does not fill the cache. What goes out when the
 * cache is full is the oldest entry not used since the eviction hand last passed it (second chance, an
 * approximation of least recently used): a hit marks the entry instead of moving it to the end, which
 * was a delete and an insert per instruction per keystroke.
 */
export interface TextMemo<V> {
  (key: string): V;
  /** The entry of `key` (computed now if need be). */
  entry(key: string): CacheEntry<V>;
  /**
   * Uses an entry again, as a lookup of its key would: the caller kept it from an earlier version of
   * the same document, where that key's text is unchanged.
   */
  touch(e: CacheEntry<V>): void;
}

export function memoByText<V>(limit: number, compute: (key: string) => V, opts: { maxChars?: number } = {}): TextMemo<V> {
  const maxChars = opts.maxChars ?? TEXT_CACHE_CHARS;
  const cache = new Map<string, Entry<V>>();
  const stats: TextCache = {
    chars: 0,
    release: (owner) => {
      let freed = 0;
      for (const [k, e] of cache) {
        if (!usedBy(e, owner)) continue;
        if (usedByOther(e, owner)) {
          if (e.owner === owner) e.owner = null;
          e.others?.delete(owner);
          continue;
        }
        cache.delete(k);
        freed += k.length;
      }
      stats.chars -= freed;
      return freed;
    },
  };
  caches.add(stats);
  const evictOne = () => {
    for (;;) {
      const [oldest, e] = cache.entries().next().value as [string, Entry<V>];
      cache.delete(oldest);
      if (e.hit && cache.size > 0) {
        e.hit = false;
        cache.set(oldest, e);
        continue;
      }
      stats.chars -= oldest.length;
      return;
    }
  };
  const entry = (key: string): Entry<V> => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      hit.hit = true;
      if (current) stamp(hit, current);
      return hit;
    }
    const value = compute(key);
    const e: Entry<V> = { value, chars: key.length, hit: false, owner: null, gen: 0 };
    if (key.length > maxChars / 4) return e;
    while (cache.size > 0 && (cache.size >= limit || stats.chars + key.length > maxChars)) evictOne();
    if (current) stamp(e, current);
    cache.set(key, e);
    stats.chars += key.length;
    return e;
  };
  const fn = ((key: string): V => entry(key).value) as TextMemo<V>;
  fn.entry = entry;
  fn.touch = (e) => {
    const x = e as Entry<V>;
    x.hit = true;
    if (current) stamp(x, current);
  };
  owners.set(fn, stats);
  return fn;
}

/** Characters held by one memoByText cache, or by all of them. */
export function textCacheChars(fn?: (key: string) => unknown): number {
  if (fn) return owners.get(fn)?.chars ?? 0;
  let n = 0;
  for (const c of caches) n += c.chars;
  return n;
}

/** Memoizes `compute` per object, for as long as the object lives. */
export function memoByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const v = compute(key);
    cache.set(key, v);
    return v;
  };
}
