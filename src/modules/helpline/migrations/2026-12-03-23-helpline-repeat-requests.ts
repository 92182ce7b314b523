import type { Kysely } from 'kysely';

/**
 * A request from a number that already has requests open is taken like any other and marked for advisers, instead
 * of being refused: a refusal told anyone who typed in a family's number that the family had asked for help.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('helpline_callbacks')
    .addColumn('open_for_number', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('helpline_callbacks').dropColumn('open_for_number').execute();
}
