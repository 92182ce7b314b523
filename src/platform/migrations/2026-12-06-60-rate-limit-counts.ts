import { sql, type Kysely } from 'kysely';

/** Rate limits counted where every instance sees them; page-cache changes now travel by LISTEN/NOTIFY instead of a polled counter. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per limit and caller (a route and an address), counting requests until the window ends.
  await db.schema
    .createTable('rate_limit_counts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('resets_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_counts_resets_at').on('rate_limit_counts').column('resets_at').execute();
  await db.schema.dropTable('cache_generations').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cache_generations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.dropTable('rate_limit_counts').execute();
}
