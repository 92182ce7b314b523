import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { testDatabase } from '../../../tests/support/database.js';
import * as sourcesMigration from './migrations/2026-12-03-20-advice-sheet-sources.js';

describe('content: the advice sheet sources migration', () => {
  it('gives every item, revision and published copy written before it an empty list of sources, and keeps any it has', async () => {
    const database = await testDatabase();
    const db = database.db;
    try {
      await sourcesMigration.down(db as unknown as Kysely<unknown>);
      const older = '6f1f3c1e-0000-4000-8000-000000000101';
      const newer = '6f1f3c1e-0000-4000-8000-000000000102';
      const sources = [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41/contents' }];
      await db
        .insertInto('content_items')
        .values([
          { id: older, type: 'advice-sheet', fields: JSON.stringify({ title: 'Older' }), state: 'draft' },
          { id: newer, type: 'advice-sheet', fields: JSON.stringify({ title: 'Newer', sources }), state: 'draft' },
        ])
        .execute();
      await db
        .insertInto('content_revisions')
        .values({
          item_id: older,
          number: 1,
          fields: JSON.stringify({ title: 'Older' }),
          note: '',
          created_by: null,
          created_by_label: 'x',
        })
        .execute();

      await sourcesMigration.up(db as unknown as Kysely<unknown>);
      const items = await db.selectFrom('content_items').select(['id', 'fields']).where('id', 'in', [older, newer]).orderBy('id').execute();
      assert.deepEqual(
        items.map((i) => i.fields.sources),
        [[], sources],
      );
      const revision = await db.selectFrom('content_revisions').select('fields').where('item_id', '=', older).executeTakeFirstOrThrow();
      assert.deepEqual(revision.fields.sources, []);
    } finally {
      await database.close();
    }
  });
});
