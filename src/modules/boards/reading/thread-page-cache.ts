/**
 * Renderings of thread pages for visitors who are not signed in, each kept with the thread's version. The platform's
 * page cache empties everything on `invalidate()`, which every new post would call; here a new post only makes its
 * own thread's pages stale, and every instance knows at once, because the version is read with the thread on each
 * request. A hit costs that one query and no rendering.
 */
export function createThreadPageCache(maxEntries = 500) {
  const pages = new Map<string, { version: string; html: string }>();

  function get(url: string, version: string): string | null {
    const kept = pages.get(url);
    if (!kept || kept.version !== version) return null;
    // Refresh its place, so the least recently read page is the one forgotten.
    pages.delete(url);
    pages.set(url, kept);
    return kept.html;
  }

  function set(url: string, version: string, html: string): void {
    pages.delete(url);
    pages.set(url, { version, html });
    if (pages.size > maxEntries) pages.delete(pages.keys().next().value!);
  }

  return { get, set, size: () => pages.size };
}

/** Everything on a thread page that a visitor sees and that can change. */
export function versionOf(thread: { id: number; version: number; board_slug: string }): string {
  return `${thread.board_slug}:${thread.id}:${thread.version}`;
}
