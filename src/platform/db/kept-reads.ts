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

/**
 * Values kept under a stamp that the database moves, in the writing transaction, whenever a value could change (a
 * chronology's, a caseload's). Works alike on every instance, because each read asks the database for the stamp first.
 * Bounded by weight (rows, say) as well as by count, since one value may be a whole authority's caseload.
 */
export function keptUnderStamp<K, V>(options: { weightOf: (value: V) => number; mostWeight: number }) {
  const kept = new Map<string, { stamp: string; value: V; weight: number }>();
  let weight = 0;
  const drop = (id: string) => {
    weight -= kept.get(id)?.weight ?? 0;
    kept.delete(id);
  };
  return {
    /** The value kept for this key under exactly this stamp, or undefined. */
    get(key: K, stamp: string): V | undefined {
      const id = JSON.stringify(key);
      const hit = kept.get(id);
      if (hit?.stamp !== stamp) return undefined;
      // Map order is insertion order: moving a hit to the end makes the first entry the least recently used.
      kept.delete(id);
      kept.set(id, hit);
      return hit.value;
    },
    /** Keeps a value read after its stamp was taken: newer than its stamp, never older. */
    set(key: K, stamp: string, value: V) {
      const id = JSON.stringify(key);
      drop(id);
      const entry = { stamp, value, weight: Math.max(1, options.weightOf(value)) };
      if (entry.weight > options.mostWeight) return;
      kept.set(id, entry);
      weight += entry.weight;
      while (weight > options.mostWeight) drop(kept.keys().next().value!);
    },
  };
}
