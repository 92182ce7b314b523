/**
 * Reads of the same row that arrive while one is on its way wait for, and share, the next one. Fifty people opening a
 * busy thread at once then cost the database a few reads instead of fifty; on PGlite, which answers one query at a
 * time, that is most of what a cached thread page costs. Nobody shares a read that began before they asked, so a
 * change committed before someone asked is always in what they see, on this instance or any other.
 *
 * Everyone sharing a read gets the same object: callers must not change it.
 */
export function sharedReads<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const running = new Map<K, Promise<V>>();
  const queued = new Map<K, Promise<V>>();

  function start(key: K): Promise<V> {
    const reading = read(key).finally(() => {
      if (running.get(key) === reading) running.delete(key);
    });
    running.set(key, reading);
    return reading;
  }

  return (key: K) => {
    const next = queued.get(key);
    if (next) return next;
    const current = running.get(key);
    if (!current) return start(key);
    const later = current
      .catch(() => undefined)
      .then(() => {
        queued.delete(key);
        return start(key);
      });
    queued.set(key, later);
    return later;
  };
}
