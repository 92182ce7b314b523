import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Trigram similarity suggests close words when a search finds nothing.
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('content_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('submitted_by', 'uuid')
    .addColumn('approved_by', 'uuid')
    .addColumn('approved_version', 'integer')
    .addColumn('scheduled_for', 'timestamptz')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('content_items_updated').on('content_items').column('updated_at').execute();

  await db.schema
    .createTable('content_revisions')
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('content_revisions_pk', ['item_id', 'number'])
    .execute();

  // What visitors see: a copy made at publishing, so that later drafts never leak.
  await db.schema
    .createTable('content_published')
    .addColumn('item_id', 'uuid', (c) => c.primaryKey().references('content_items.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('author_slug', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', body_text), 'C')`,
        )
        .stored(),
    )
    .execute();
  await db.schema.createIndex('content_published_address').unique().on('content_published').columns(['section', 'slug']).execute();
  await db.schema.createIndex('content_published_newest').on('content_published').columns(['published_at', 'item_id']).execute();
  await db.schema.createIndex('content_published_search').on('content_published').using('gin').column('search').execute();

  // Old addresses of items whose slug changed: they answer with a 301 to the new one.
  await db.schema
    .createTable('content_redirects')
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('content_redirects_pk', ['section', 'slug'])
    .execute();

  // The words of published content, for "did you mean" suggestions by trigram similarity.
  await db.schema
    .createTable('content_lexicon')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .execute();
  await sql`create index content_lexicon_trigrams on content_lexicon using gin (word gin_trgm_ops)`.execute(db);

  // PDFs of advice sheets and press releases, kept until the item is published again.
  await db.schema
    .createTable('content_pdfs')
    .addColumn('item_id', 'uuid', (c) => c.primaryKey().references('content_items.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('pdf', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Files editors upload: images (with their alt text and the widths made), PDFs, videos and captions.
  await db.schema
    .createTable('content_uploads')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('alt_text', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('files', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The home page's sections, in the order editors chose, and which are hidden.
  await db.schema
    .createTable('content_home_sections')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('visible', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'content_uploads',
    'content_home_sections',
    'content_pdfs',
    'content_lexicon',
    'content_redirects',
    'content_published',
    'content_revisions',
    'content_items',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
