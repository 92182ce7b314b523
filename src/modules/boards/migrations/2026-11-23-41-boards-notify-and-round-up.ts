import { sql, type Kysely } from 'kysely';

/**
 * Indexes for telling watchers: the instant job looks for posts not yet told about, and for the watches of a few
 * threads and boards at a time; the daily job for people whose round-up is due. Without them each of those scans a
 * whole table that only grows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Small by design: a post leaves it as soon as watchers are told, and held posts join it only once approved.
  await sql`create index board_posts_to_notify on board_posts (id) where notified_at is null and status = 'visible'`.execute(db);
  await sql`create index board_watches_by_thread on board_watches (thread_id) where thread_id is not null`.execute(db);
  await sql`create index board_watches_by_board on board_watches (board_slug) where board_slug is not null`.execute(db);
  await sql`create index board_watches_daily on board_watches (user_id, last_sent_at) where mode = 'daily'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['board_watches_daily', 'board_watches_by_board', 'board_watches_by_thread', 'board_posts_to_notify']) {
    await sql`drop index if exists ${sql.ref(index)}`.execute(db);
  }
}
