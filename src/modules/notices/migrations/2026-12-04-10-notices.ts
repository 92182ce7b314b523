import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Text, not date: both database drivers hand it back unchanged, with no local-time conversion on the way.
    .addColumn('review_by', 'text', (c) => c.notNull().check(sql`review_by ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The list pages newest first within a team, and the staff queue counts a team's notices due for review.
  await db.schema.createIndex('notices_team_id').on('notices').columns(['team_id', 'id']).execute();
  await db.schema.createIndex('notices_team_id_review_by').on('notices').columns(['team_id', 'review_by']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notices').execute();
}
