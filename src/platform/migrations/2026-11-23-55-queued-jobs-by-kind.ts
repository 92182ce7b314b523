import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // "Is a run of this kind already waiting?" is asked with every board post (queueUnlessWaiting); while a newsletter
  // has thousands of sends queued it must still be one index lookup.
  await sql`create index jobs_queued_by_kind on jobs (kind) where status = 'queued'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index jobs_queued_by_kind`.execute(db);
}
