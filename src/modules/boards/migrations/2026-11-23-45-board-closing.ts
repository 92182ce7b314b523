import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A board with threads is closed to new threads rather than deleted: its conversations stay readable.
  await db.schema.alterTable('boards').addColumn('closed_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('boards').dropColumn('closed_at').execute();
}
