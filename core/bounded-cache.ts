import QuickLRU from 'quick-lru';

/**
 * A per-isolate memory of at most about `maxSize` entries (quick-lru: between `maxSize` and
 * 2 × `maxSize`, the least recently used going first), for values that are costly to make and
 * cheap to keep: formatters, zod schemas, hashes, hints of what earlier requests read. A library
 * rather than our own Map that was emptied when full (written nine times over before).
 */
export const boundedCache = <K, V>(maxSize: number): QuickLRU<K, V> => new QuickLRU<K, V>({ maxSize });

/**
 * The value of `key` in `cache`, made by `make` (and kept) when missing.
 * @returns the kept or new value
 */
export function cached<K, V>(cache: QuickLRU<K, V>, key: K, make: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = make();
  cache.set(key, value);
  return value;
}
