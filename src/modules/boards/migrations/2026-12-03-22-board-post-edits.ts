import { sql, type Kysely } from 'kysely';

/**
 * When each edit was made, so that edits count against the posting rate limits as new posts do. Only the last hour
 * matters, and older rows are removed as new edits are made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('board_post_edits')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('post_id', 'integer', (c) => c.notNull().references('board_posts.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('board_post_edits_author').on('board_post_edits').columns(['author_id', 'edited_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('board_post_edits').execute();
}
