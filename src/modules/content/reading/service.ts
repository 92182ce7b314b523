import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { PublishedItem } from '../../../platform/content-feed.js';
import { publicPath, type ContentFields, type ContentType } from '../types.js';

export interface Published {
  id: string;
  type: ContentType;
  slug: string;
  subject: string | null;
  tags: string[];
  authorSlug: string | null;
  title: string;
  summary: string;
  fields: ContentFields;
  revision: number;
  publishedAt: Date;
  updatedAt: Date;
  path: string;
}

export const PER_PAGE = 10;

const COLUMNS = [
  'item_id',
  'type',
  'slug',
  'subject',
  'tags',
  'author_slug',
  'title',
  'summary',
  'fields',
  'revision',
  'published_at',
  'updated_at',
] as const;

type Row = {
  item_id: string;
  type: string;
  slug: string;
  subject: string | null;
  tags: string[];
  author_slug: string | null;
  title: string;
  summary: string;
  fields: ContentFields;
  revision: number;
  published_at: Date;
  updated_at: Date;
};

function toPublished(row: Row): Published {
  const type = row.type as ContentType;
  return {
    id: row.item_id,
    type,
    slug: row.slug,
    subject: row.subject,
    tags: row.tags,
    authorSlug: row.author_slug,
    title: row.title,
    summary: row.summary,
    fields: row.fields,
    revision: row.revision,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    path: publicPath(type, row.slug, row.subject),
  };
}

export interface ListFilter {
  types?: readonly ContentType[];
  subject?: string;
  authorSlug?: string;
  tags?: readonly string[];
  excludeId?: string;
}

/** What visitors can read. Only this file reads the published copies. */
export function createReading(db: Db) {
  function filtered(filter: ListFilter) {
    let query = db.selectFrom('content_published').select(COLUMNS);
    if (filter.types?.length) query = query.where('type', 'in', [...filter.types]);
    if (filter.subject) query = query.where('subject', '=', filter.subject);
    if (filter.authorSlug) query = query.where('author_slug', '=', filter.authorSlug);
    if (filter.tags?.length) query = query.where(sql<boolean>`tags && ${sql.val([...filter.tags])}::text[]`);
    if (filter.excludeId) query = query.where('item_id', '!=', filter.excludeId);
    return query;
  }

  async function bySlug(section: string, slug: string): Promise<Published | null> {
    const row = await db
      .selectFrom('content_published')
      .select(COLUMNS)
      .where('section', '=', section)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toPublished(row) : null;
  }

  async function byId(id: string): Promise<Published | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await db.selectFrom('content_published').select(COLUMNS).where('item_id', '=', id).executeTakeFirst();
    return row ? toPublished(row) : null;
  }

  /** The new address of an item whose slug changed, for a 301. */
  async function movedTo(section: string, slug: string): Promise<string | null> {
    const row = await db
      .selectFrom('content_redirects as r')
      .innerJoin('content_published as p', 'p.item_id', 'r.item_id')
      .select(['p.type', 'p.slug', 'p.subject'])
      .where('r.section', '=', section)
      .where('r.slug', '=', slug)
      .executeTakeFirst();
    return row ? publicPath(row.type as ContentType, row.slug, row.subject) : null;
  }

  /** Newest first, one page at a time. */
  async function page(filter: ListFilter, pageNumber: number, perPage = PER_PAGE) {
    const [rows, count] = await Promise.all([
      filtered(filter)
        .orderBy('published_at', 'desc')
        .orderBy('item_id')
        .limit(perPage)
        .offset((pageNumber - 1) * perPage)
        .execute(),
      filtered(filter)
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const total = Number(count.n);
    return { items: rows.map(toPublished), total, pages: Math.max(1, Math.ceil(total / perPage)), page: pageNumber };
  }

  async function recent(filter: ListFilter, limit: number): Promise<Published[]> {
    const rows = await filtered(filter).orderBy('published_at', 'desc').orderBy('item_id').limit(limit).execute();
    return rows.map(toPublished);
  }

  /** Lists ordered by title, for hubs: advice sheets and FAQs by subject. */
  async function byTitle(filter: ListFilter): Promise<Published[]> {
    const rows = await filtered(filter).orderBy('title').limit(1000).execute();
    return rows.map(toPublished);
  }

  async function all(): Promise<Published[]> {
    const rows = await filtered({}).orderBy('published_at', 'desc').limit(50_000).execute();
    return rows.map(toPublished);
  }

  async function authors(): Promise<{ slug: string; name: string; count: number }[]> {
    const rows = await db
      .selectFrom('content_published')
      .select(['author_slug', sql<string>`min(fields->>'authorName')`.as('name'), sql<number>`count(*)::int`.as('count')])
      .where('author_slug', 'is not', null)
      .where('author_slug', '!=', '')
      .groupBy('author_slug')
      .orderBy('author_slug')
      .execute();
    return rows.map((r) => ({ slug: r.author_slug!, name: r.name, count: Number(r.count) }));
  }

  const asFeedItem = (p: Published): PublishedItem => ({
    id: p.id,
    type: p.type,
    title: p.title,
    summary: p.summary,
    path: p.path,
    publishedAt: p.publishedAt,
  });

  /** What other modules (the newsletter) read, without touching these tables. */
  const contentFeed = {
    async recent(options: { limit: number; types?: string[] }) {
      const limit = Math.max(1, Math.min(100, Math.floor(options.limit) || 1));
      return (await recent({ types: options.types as ContentType[] | undefined }, limit)).map(asFeedItem);
    },
    async byIds(ids: string[]) {
      const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      if (valid.length === 0) return [];
      const rows = await db.selectFrom('content_published').select(COLUMNS).where('item_id', 'in', valid).execute();
      const found = new Map(rows.map((r) => [r.item_id, asFeedItem(toPublished(r))]));
      return valid.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
    },
  };

  return { bySlug, byId, movedTo, page, recent, byTitle, all, authors, contentFeed };
}

export type Reading = ReturnType<typeof createReading>;
