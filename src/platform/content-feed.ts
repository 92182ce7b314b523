/**
 * How other modules read published content without depending on the content module: the newsletter builds an issue
 * from it, and other pages can list it. The content module sets `app.contentFeed`; while it is switched off the
 * feed is null and readers simply offer nothing.
 */
export interface PublishedItem {
  id: string;
  /** For example "advice-sheet", "blog-post", "news". */
  type: string;
  title: string;
  summary: string;
  /** The item's public path, such as /news/kinship-care-week. */
  path: string;
  publishedAt: Date;
}

export interface ContentFeed {
  /** The newest published items, newest first. */
  recent(options: { limit: number; types?: string[] }): Promise<PublishedItem[]>;
  /** Published items by id, in the order asked for. Ids that are not published are left out. */
  byIds(ids: string[]): Promise<PublishedItem[]>;
}

declare module 'fastify' {
  interface FastifyInstance {
    contentFeed: ContentFeed | null;
  }
}
