import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './database.js';

describe('the PGlite driver', () => {
  it('keeps other queries out of an open transaction, so a rollback takes only its own work with it', async () => {
    const { db, close } = await openDatabase({ kind: 'pglite' });
    try {
      await sql`create table notes (body text)`.execute(db);
      const failing = db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into notes values ('inside the transaction')`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 50));
          throw new Error('rolled back on purpose');
        })
        .catch((error: Error) => error.message);
      // Sent while the transaction is open: without the lock it would run inside it and vanish with the rollback.
      await new Promise((resolve) => setTimeout(resolve, 10));
      const outside = sql`insert into notes values ('from another request')`.execute(db);
      assert.equal(await failing, 'rolled back on purpose');
      await outside;
      const rows = await sql<{ body: string }>`select body from notes`.execute(db);
      assert.deepEqual(
        rows.rows.map((r) => r.body),
        ['from another request'],
      );
    } finally {
      await close();
    }
  });
});
