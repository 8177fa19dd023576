/** The two caches the engine uses: by text (bounded by the characters held) and by object identity (weak). */

/** Default character budget of one text cache: keys are instruction and script texts, values their parse trees. */
export const TEXT_CACHE_CHARS = 4 * 1024 * 1024;

interface TextCache {
  chars: number;
  /** Drops a key (and what it holds) now; false when the cache no longer had it. */
  drop(key: string): boolean;
  /** Keys each owner (an open document) used in its latest use, and how many owners use each key. */
  byOwner: Map<string, Set<string>>;
  refs: Map<string, number>;
}
const caches = new Set<TextCache>();
const owners = new WeakMap<object, TextCache>();

/**
 * The owner whose work is running (the server sets it to a document's URI while it lints that
 * document), and the keys each cache handed out meanwhile. When the owner is released (the document
 * is closed) the entries no other owner uses are dropped at once instead of waiting for eviction;
 * the per-RUN caches, weak on the parse results, go with them.
 */
let current: { owner: string; touched: Map<TextCache, Set<string>> } | null = null;

export function withCacheOwner<T>(owner: string, work: () => T): T {
  const outer = current;
  const mine = { owner, touched: new Map<TextCache, Set<string>>() };
  current = mine;
  try {
    return work();
  } finally {
    current = outer;
    // The owner now uses what this run touched, in every cache (keys of an older version are let go).
    for (const c of caches) setKeys(c, owner, mine.touched.get(c) ?? new Set());
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
  for (const c of caches) {
    const before = c.chars;
    setKeys(c, owner, new Set(), true);
    freed += before - c.chars;
  }
  return freed;
}

function setKeys(c: TextCache, owner: string, keys: Set<string>, dropUnused = false): void {
  const old = c.byOwner.get(owner);
  if (old) {
    for (const k of old) {
      if (keys.has(k)) continue;
      const n = (c.refs.get(k) ?? 1) - 1;
      if (n > 0) c.refs.set(k, n);
      else {
        c.refs.delete(k);
        if (dropUnused) c.drop(k);
      }
    }
  }
  for (const k of keys) if (!old?.has(k)) c.refs.set(k, (c.refs.get(k) ?? 0) + 1);
  if (keys.size) c.byOwner.set(owner, keys);
  else c.byOwner.delete(owner);
}

/**
 * Memoizes `compute` by string key, least recently used first out. A cache holds at most `limit`
 * entries and keys of at most `maxChars` characters in all (parse trees grow with their text, so the
 * characters bound the memory); a key over a quarter of the budget (a whole file that did not split
 * into instructions) is computed every time and never kept, so typing in it does not fill the cache.
 */
export function memoByText<V>(limit: number, compute: (key: string) => V, opts: { maxChars?: number } = {}): (key: string) => V {
  const maxChars = opts.maxChars ?? TEXT_CACHE_CHARS;
  const cache = new Map<string, V>();
  const stats: TextCache = {
    chars: 0,
    drop: (key) => {
      if (!cache.delete(key)) return false;
      stats.chars -= key.length;
      return true;
    },
    byOwner: new Map(),
    refs: new Map(),
  };
  caches.add(stats);
  const fn = (key: string): V => {
    if (current && key.length <= maxChars / 4) {
      let t = current.touched.get(stats);
      if (!t) current.touched.set(stats, (t = new Set()));
      t.add(key);
    }
    const hit = cache.get(key);
    if (hit !== undefined) {
      // Most recently used goes last.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const v = compute(key);
    if (key.length > maxChars / 4) return v;
    while (cache.size > 0 && (cache.size >= limit || stats.chars + key.length > maxChars)) {
      const oldest = cache.keys().next().value as string;
      cache.delete(oldest);
      stats.chars -= oldest.length;
    }
    cache.set(key, v);
    stats.chars += key.length;
    return v;
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
