import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../tests/support/database.js';
import { announceChange, changesOn, type Changes } from './changes.js';
import { openDatabase, type DatabaseHandle } from './database.js';

const quiet = { warn: () => undefined };

/** Waits for something another process was told; fails if it never comes. */
async function heard(done: () => boolean) {
  for (let tries = 0; !done(); tries += 1) {
    assert.ok(tries < 400, 'never heard');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('changes announced to every process on the database', () => {
  let database: DatabaseHandle;
  // What another process would be: on PostgreSQL, connections of its own; on PGlite, which one process holds, the same.
  let other: DatabaseHandle;
  let here: Changes;
  let there: Changes;

  before(async () => {
    database = await testDatabase();
    other = database.url ? await openDatabase({ kind: 'postgres', url: database.url, poolSize: 1 }) : database;
    here = changesOn(database, quiet);
    there = changesOn(other, quiet);
    await here.start();
    await there.start();
  });
  after(async () => {
    await here.stop();
    await there.stop();
    if (other !== database) await other.close();
    await database.close();
  });

  it('tells every listener, in this process at once and in the others when PostgreSQL delivers it', async () => {
    let nearby = 0;
    let far = 0;
    const stopNearby = here.subscribe('public-pages', () => (nearby += 1));
    const stopFar = there.subscribe('public-pages', () => (far += 1));
    await here.announce('public-pages');
    assert.equal(nearby, 1, 'heard here at once, and not again when its own notification comes back');
    await heard(() => far === 1);
    stopNearby();
    stopFar();
    await here.announce('public-pages');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual([nearby, far], [1, 1], 'nobody hears once they stopped listening');
  });

  it('tells nobody of a change whose transaction rolled back', async () => {
    let count = 0;
    const stop = there.subscribe('public-pages', () => (count += 1));
    await database.db
      .transaction()
      .execute(async (trx) => {
        await announceChange(trx, 'public-pages');
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await announceChange(database.db, 'public-pages');
    // Notifications arrive in the order they were committed: once the second is here, the first would have been.
    if (database.url) await heard(() => count >= 1);
    stop();
    assert.equal(count, database.url ? 1 : 0);
  });

  it('listens again after its connection is cut, and then tells every listener, as something may have been missed', async () => {
    if (!database.url) {
      // PGlite: one process, nothing to lose; what this process announces it hears at once.
      let count = 0;
      const stop = here.subscribe('public-pages', () => (count += 1));
      await here.announce('public-pages');
      stop();
      assert.equal(count, 1);
      return;
    }
    let count = 0;
    const stop = there.subscribe('public-pages', () => (count += 1));
    const cut = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = 'hearth-changes' and datname = current_database()`.execute(database.db);
    assert.equal(cut.rows[0]!.n, 2, 'both processes were listening');
    await heard(() => count === 1); // connected again, and told that something may have changed meanwhile
    await here.announce('public-pages');
    await heard(() => count === 2);
    stop();
  });
});
