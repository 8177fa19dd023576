/** The two caches the engine uses: by text (bounded) and by object identity (weak). */

/** Memoizes `compute` by string key; the map is emptied when it reaches `limit` entries. */
export function memoByText<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const v = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, v);
    return v;
  };
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
