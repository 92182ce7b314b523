import { sql, type Kysely } from 'kysely';

/**
 * Advice sheets name the public sources they rest on (`sources`: title and address). The field lives in the JSON of
 * each item, revision and published copy; items written before it get an empty list, so that every row has the same
 * shape. An advice sheet with no sources stays published as it is, and needs sources when it is next saved.
 */
const TABLES = ['content_items', 'content_revisions', 'content_published'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`update ${sql.table(table)} set fields = jsonb_set(fields, '{sources}', '[]'::jsonb) where not (fields ? 'sources')`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`update ${sql.table(table)} set fields = fields - 'sources'`.execute(db);
  }
}
