import type { WriteWatch } from './write-watch.js';

export interface WatchedTables {
  /** Tables where any new row could change what was read (a count, a list). */
  anyWrite?: readonly string[];
  /** Tables read only by key, which a new row elsewhere cannot change. */
  existingRows?: readonly string[];
}

const KEPT_AT_MOST = 2_000;

/**
 * A read that, on the embedded database, is kept until the write watch sees a write to a table it came from; with no
 * write watch (PostgreSQL, shared with other instances) every call reads. Everyone asking gets the same object, so
 * callers must not change it.
 */
export function keptWhileUnchanged<K, V>(
  writes: WriteWatch | null,
  tables: WatchedTables,
  read: (key: K) => Promise<V>,
): (key: K) => Promise<V> {
  if (!writes) return read;
  const kept = new Map<K, { generation: number; value: V }>();
  return async (key: K) => {
    // Taken before the read, so that a write landing while it runs makes what it read stale, never the other way.
    const generation = writes.generation(tables);
    const hit = kept.get(key);
    if (hit && hit.generation === generation) return hit.value;
    const value = await read(key);
    kept.delete(key);
    if (kept.size >= KEPT_AT_MOST) kept.delete(kept.keys().next().value!);
    kept.set(key, { generation, value });
    return value;
  };
}
