/**
 * The one way Hearth pages through a list, and the parameters of the govukPagination component that
 * views/partials/pagination.njk renders.
 *
 * - Lists that grow without bound (the audit log, the outbox, people) page by keyset: the link carries the last row's
 *   key (`?before=<id>`), the query asks for rows past it, and no page costs more than the first. A cursor comes from
 *   a URL anyone can type, so `cursorFrom` reads it as carefully as a form and a bad one starts the list from the top.
 * - Lists that people count through by number (a board thread's pages, which posts link to as `?page=3#post-7`; a
 *   content list; search results) keep numbered pages, as their addresses are published.
 */

export interface PaginationLink {
  href: string;
  text?: string;
}

/** What govukPagination takes; null when the list fits on one page, so the partial renders nothing. */
export interface Pagination {
  landmarkLabel?: string;
  previous?: PaginationLink;
  next?: PaginationLink;
  items?: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

/** A link to the same list with its filters kept and the cursor (or page) changed; empty values are left out. */
export function pageLink(path: string, filters: Record<string, string | null | undefined>, cursor: Record<string, string | number | null>) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...cursor })) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const CURSORS = {
  /** A row's serial id. */
  id: (value: string) => (/^[1-9]\d{0,14}$/.test(value) ? Number(value) : null),
  uuid: (value: string) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : null),
  /** A sort key that is text, such as an email address (254 characters at most). */
  text: (value: string) => (value !== '' && value.length <= 254 ? value : null),
} as const;

type CursorKind = keyof typeof CURSORS;

/** The cursor a keyset link carried, or null (the first page) if it is missing or cannot be a key of this kind. */
export function cursorFrom<K extends CursorKind>(query: unknown, name: string, kind: K): ReturnType<(typeof CURSORS)[K]> {
  const raw = query && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (typeof value === 'string' ? CURSORS[kind](value) : null) as ReturnType<(typeof CURSORS)[K]>;
}

/**
 * "Newer" and "older" links for a keyset page, newest first. `older` is the cursor of the next page; `newer` the cursor
 * of the page before (null for the newest page itself, so there is no "newer" link on it).
 */
export function keysetPagination(options: {
  path: string;
  filters?: Record<string, string | null | undefined>;
  param: string;
  older: string | number | null;
  newer: { cursor: string | number | null } | null;
  text: { landmark: string; newer: string; older: string };
}): Pagination | null {
  const { path, filters = {}, param, older, newer, text } = options;
  if (older === null && newer === null) return null;
  return {
    landmarkLabel: text.landmark,
    previous: newer ? { href: pageLink(path, filters, { [param]: newer.cursor }), text: text.newer } : undefined,
    next: older !== null ? { href: pageLink(path, filters, { [param]: older }), text: text.older } : undefined,
  };
}

/** The page number a numbered list was asked for: 1 unless the query says a plain positive number. */
export function pageNumberFrom(query: unknown): number {
  const raw = query && typeof query === 'object' ? (query as Record<string, unknown>).page : undefined;
  return typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : 1;
}

/**
 * Numbered pages as the GOV.UK pattern shows them: the first, the last and the neighbours of the current page, with an
 * ellipsis for each gap. `base` may already carry a query; `anchor` ("#posts") is added to every link.
 */
export function numberedPagination(base: string, page: number, totalPages: number, anchor = ''): Pagination | null {
  if (totalPages <= 1) return null;
  const href = (n: number) => `${base}${base.includes('?') ? '&' : '?'}page=${n}${anchor}`;
  const numbers = [...new Set([1, page - 1, page, page + 1, totalPages])].filter((n) => n >= 1 && n <= totalPages).sort((a, b) => a - b);
  const items: NonNullable<Pagination['items']> = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n - numbers[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < totalPages ? { href: href(page + 1) } : undefined,
  };
}
