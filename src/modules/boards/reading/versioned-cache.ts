/**
 * Things worked out from a thread, each kept with the thread's version: a visitor's rendering of a page, or the posts
 * of a page that everyone without held posts sees alike. The platform's page cache empties everything on
 * `invalidate()`, which every new post would call; here a new post only makes its own thread's entries stale, and every
 * instance knows at once, because the version is read with the thread on each request.
 */
export function createVersionedCache<T>(maxEntries = 500) {
  const entries = new Map<string, { version: string; value: T }>();

  function get(key: string, version: string): T | undefined {
    const kept = entries.get(key);
    if (!kept || kept.version !== version) return undefined;
    // Refresh its place, so the least recently read entry is the one forgotten.
    entries.delete(key);
    entries.set(key, kept);
    return kept.value;
  }

  function set(key: string, version: string, value: T): void {
    entries.delete(key);
    entries.set(key, { version, value });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  return { get, set, size: () => entries.size };
}

/** Everything on a thread page that a visitor sees and that can change. */
export function versionOf(thread: { id: number; version: number; board_slug: string }): string {
  return `${thread.board_slug}:${thread.id}:${thread.version}`;
}
