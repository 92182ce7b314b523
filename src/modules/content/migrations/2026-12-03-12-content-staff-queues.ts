import { sql, type Kysely } from 'kysely';

/**
 * The editors' queues on /staff: items waiting for a second editor, and published advice due for review. An item
 * now records when it was sent for review; one already waiting is taken to have waited since its last save.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table content_items add column submitted_at timestamptz`.execute(db);
  await sql`update content_items set submitted_at = updated_at where state = 'in-review'`.execute(db);
  await sql`create index content_items_in_review on content_items (submitted_at) where state = 'in-review'`.execute(db);
  // Review dates are kept as YYYY-MM-DD text in the published fields, which sorts as the dates do.
  await sql`create index content_published_review_due on content_published ((fields->>'reviewDue')) where fields->>'reviewDue' is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists content_published_review_due`.execute(db);
  await sql`drop index if exists content_items_in_review`.execute(db);
  await sql`alter table content_items drop column submitted_at`.execute(db);
}
