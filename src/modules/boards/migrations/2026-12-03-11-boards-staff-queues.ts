import { sql, type Kysely } from 'kysely';

/**
 * The moderators' queues on /staff are counted on every visit: held posts, open reports and join requests. Each index
 * holds only the rows that wait, ordered by age, so the count and the oldest come from a few index entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index board_posts_held_since on board_posts (created_at) where status = 'held'`.execute(db);
  await sql`create index board_reports_open on board_reports (created_at) where resolved_at is null`.execute(db);
  await sql`create index board_memberships_pending on board_memberships (requested_at) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['board_memberships_pending', 'board_reports_open', 'board_posts_held_since']) {
    await sql`drop index if exists ${sql.ref(index)}`.execute(db);
  }
}
