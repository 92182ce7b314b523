import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';

/**
 * Copies the words of published items into the search tables (see the migration 2026-11-23-50-content-search):
 * one item, in the transaction that publishes it, or every published item when no id is given (after a bulk load).
 * Unpublishing and deleting need nothing here: the rows go with content_published's, by cascade.
 */
export async function indexForSearch(db: Db, itemId?: string): Promise<void> {
  const which = itemId === undefined ? sql`` : sql`where item_id = ${itemId}`;
  await sql`
    insert into content_search (item_id, type, subject, published_at, document)
    select item_id, type, subject, published_at, to_tsvector('english', title || ' ' || summary || ' ' || body_text)
    from content_published ${which}
    on conflict (item_id) do update
      set type = excluded.type, subject = excluded.subject, published_at = excluded.published_at, document = excluded.document`.execute(db);
  await sql`
    insert into content_search_heads (item_id, head)
    select item_id, setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
    from content_published ${which}
    on conflict (item_id) do update set head = excluded.head`.execute(db);
}
