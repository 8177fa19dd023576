/** The two caches the engine uses: by text (bounded by the characters held) and by object identity (weak). */

/** Default character budget of one text cache: keys are instruction and script texts, values their parse trees. */
export const TEXT_CACHE_CHARS = 4 * 1024 * 1024;

interface TextCache {
  chars: number;
}
const caches = new Set<TextCache>();
const owners = new WeakMap<object, TextCache>();

/**
 * Memoizes `compute` by string key, least recently used first out. A cache holds at most `limit`
 * entries and keys of at most `maxChars` characters in all (parse trees grow with their text, so the
 * characters bound the memory); a key over a quarter of the budget (a whole file that did not split
 * into instructions) is computed every time and never kept, so typing in it does not fill the cache.
 */
export function memoByText<V>(limit: number, compute: (key: string) => V, opts: { maxChars?: number } = {}): (key: string) => V {
  const maxChars = opts.maxChars ?? TEXT_CACHE_CHARS;
  const cache = new Map<string, V>();
  const stats: TextCache = { chars: 0 };
  caches.add(stats);
  const fn = (key: string): V => {
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
