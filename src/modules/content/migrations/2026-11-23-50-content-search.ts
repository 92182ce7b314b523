import { sql, type Kysely } from 'kysely';

/**
 * Search moves out of content_published into two narrow tables, so that a common word is cheap to count and rank.
 *
 * - content_search: one small row per published item, with the words of all its text. The vector is stored out of
 *   line (toast_tuple_target and external storage), so a page of this table holds about a hundred items and counting
 *   ten thousand matches reads about a thousand pages instead of reading every wide content_published row.
 * - content_search_heads: the words of the title (weight A) and summary (weight B) only. Ranking reads this small
 *   vector for the items whose title or summary match, and never the long text.
 *
 * The publishing code keeps both in step in the publishing transaction; unpublishing or deleting cascades to them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('content_search')
    .addColumn('item_id', 'uuid', (c) => c.primaryKey().references('content_published.item_id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .modifyEnd(sql`with (toast_tuple_target = 128)`)
    .execute();
  // Uncompressed and out of line: a match that needs the positions (a "quoted phrase") reads it without decompressing.
  await sql`alter table content_search alter column document set storage external`.execute(db);
  await sql`create index content_search_document on content_search using gin (document)`.execute(db);

  await db.schema
    .createTable('content_search_heads')
    .addColumn('item_id', 'uuid', (c) => c.primaryKey().references('content_search.item_id').onDelete('cascade'))
    .addColumn('head', sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`create index content_search_heads_head on content_search_heads using gin (head)`.execute(db);

  await sql`
    insert into content_search (item_id, type, subject, published_at, document)
    select item_id, type, subject, published_at, to_tsvector('english', title || ' ' || summary || ' ' || body_text)
    from content_published`.execute(db);
  await sql`
    insert into content_search_heads (item_id, head)
    select item_id, setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
    from content_published`.execute(db);

  // Its index goes with it.
  await db.schema.alterTable('content_published').dropColumn('search').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('content_published')
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', body_text), 'C')`,
        )
        .stored(),
    )
    .execute();
  await db.schema.createIndex('content_published_search').on('content_published').using('gin').column('search').execute();
  await db.schema.dropTable('content_search_heads').execute();
  await db.schema.dropTable('content_search').execute();
}
