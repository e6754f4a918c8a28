// One shared, empty, read-only Map that per-interface tables start as, so
// that a table nobody writes (RFC 4191 routes, RFC 8106 DNS options on a
// link without them) costs nothing: an empty Map is ~190 bytes, and at
// 100,000 hosts each such table is 19 MB. Writers swap in a real Map on
// their first insertion (`writable`); reads, deletes and clears on the
// shared one are harmless, and a stray `set` throws rather than leak
// entries into every table at once.

class EmptyMap extends Map<never, never> {
  override set(): never {
    throw new Error('EMPTY_MAP is shared and read-only: call writable() before inserting');
  }
}

const EMPTY: Map<never, never> = new EmptyMap();

/** The shared empty table, typed as the caller's. */
export function emptyMap<K, V>(): Map<K, V> {
  return EMPTY as unknown as Map<K, V>;
}

/** `m` itself, or a new Map when `m` is the shared empty one. */
export function writable<K, V>(m: Map<K, V>): Map<K, V> {
  return m === (EMPTY as unknown) ? new Map<K, V>() : m;
}
