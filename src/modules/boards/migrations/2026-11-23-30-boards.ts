import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('boards')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('restricted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('board_profiles')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('pseudonym_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('posts_freely', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('approved_posts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended_until', 'timestamptz')
    .addColumn('suspension_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index board_profiles_pseudonym on board_profiles (lower(pseudonym))`.execute(db);

  await db.schema
    .createTable('board_memberships')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('board_slug', 'text', (c) => c.notNull().references('boards.slug'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid')
    .addColumn('decision_reason', 'text')
    .addUniqueConstraint('board_memberships_once', ['board_slug', 'user_id'])
    .execute();

  await db.schema
    .createTable('board_threads')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('board_slug', 'text', (c) => c.notNull().references('boards.slug'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shown_posts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_post_id', 'integer')
    .addColumn('last_post_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('board_threads_board').on('board_threads').columns(['board_slug', 'last_post_at']).execute();

  await db.schema
    .createTable('board_posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('board_threads.id'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('badge', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hold_reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('found', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('urgent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('submission_key', 'text')
    .addColumn('redacted_original', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('notified_at', 'timestamptz')
    .addColumn('search', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english', body)`).stored())
    .execute();
  await db.schema.createIndex('board_posts_thread').on('board_posts').columns(['thread_id', 'id']).execute();
  await db.schema.createIndex('board_posts_author').on('board_posts').columns(['author_id', 'created_at']).execute();
  await sql`create unique index board_posts_submission on board_posts (author_id, submission_key) where submission_key is not null`.execute(
    db,
  );
  await sql`create index board_posts_search on board_posts using gin (search)`.execute(db);
  await sql`create index board_posts_held on board_posts (thread_id) where status = 'held'`.execute(db);

  await db.schema
    .createTable('board_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('board_posts.id'))
    .addColumn('reporter_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'uuid')
    .addColumn('outcome', 'text')
    .execute();

  await db.schema
    .createTable('board_watches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('board_slug', 'text', (c) => c.references('boards.slug'))
    .addColumn('thread_id', 'integer', (c) => c.references('board_threads.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index board_watches_board on board_watches (user_id, board_slug) where board_slug is not null`.execute(db);
  await sql`create unique index board_watches_thread on board_watches (user_id, thread_id) where thread_id is not null`.execute(db);

  await db.schema
    .createTable('board_reads')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'integer', (c) => c.notNull().references('board_threads.id'))
    .addColumn('last_read_post_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_reads_pk', ['user_id', 'thread_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'board_reads',
    'board_watches',
    'board_reports',
    'board_posts',
    'board_threads',
    'board_memberships',
    'board_profiles',
    'boards',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
