import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../tests/support/database.js';
import type { DatabaseHandle } from '../db/database.js';
import { clearEndedRateLimits, databaseRateLimitCounts } from './rate-limits.js';

const MINUTE = 60_000;

/** @fastify/rate-limit's callback style, as a promise. */
function incr(
  store: { incr(key: string, done: (error: Error | null, result?: { current: number; ttl: number }) => void, windowMs: number): void },
  key: string,
) {
  return new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), MINUTE),
  );
}

describe('rate limits counted in the database', () => {
  let database: DatabaseHandle;
  before(async () => {
    database = await testDatabase();
  });
  after(async () => {
    await database.close();
  });

  // What two instances do: each makes its own store for the route, and both count the same caller.
  const routeStore = () => new (databaseRateLimitCounts(database.db).store)().child({ routeInfo: { method: 'POST', url: '/register' } });

  it('counts one caller across every store for the same route, and apart from other routes and callers', async () => {
    const first = routeStore();
    const second = routeStore();
    const counts = [];
    for (let i = 0; i < 6; i += 1) counts.push((await incr(i % 2 ? second : first, '192.0.2.10')).current);
    assert.deepEqual(counts, [1, 2, 3, 4, 5, 6]);
    const only = await incr(first, '192.0.2.11');
    assert.equal(only.current, 1, 'another caller has a count of their own');
    const elsewhere = new (databaseRateLimitCounts(database.db).store)().child({ routeInfo: { method: 'POST', url: '/newsletter' } });
    assert.equal((await incr(elsewhere, '192.0.2.10')).current, 1, 'another route has a count of its own');
    const seen = await new Promise<{ current: number; ttl: number }>((resolve, reject) =>
      first.read('192.0.2.10', (error, result) => (error ? reject(error) : resolve(result!))),
    );
    assert.equal(seen.current, 6, 'reading does not count');
    assert.ok(seen.ttl > 0 && seen.ttl <= MINUTE);
  });

  it('counts every request made at once, none lost', async () => {
    const stores = [routeStore(), routeStore()];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => incr(stores[i % 2]!, '192.0.2.20')));
    assert.deepEqual(
      results.map((r) => r.current).sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('starts a new window once the old one has ended, and clears ended windows', async () => {
    const store = routeStore();
    await incr(store, '192.0.2.30');
    await incr(store, '192.0.2.30');
    await incr(store, '192.0.2.31');
    await sql`update rate_limit_counts set resets_at = now() - interval '1 second' where key like '%192.0.2.30'`.execute(database.db);
    const again = await incr(store, '192.0.2.30');
    assert.equal(again.current, 1);
    assert.ok(again.ttl > 0);
    await sql`update rate_limit_counts set resets_at = now() - interval '1 second' where key like '%192.0.2.31'`.execute(database.db);
    await clearEndedRateLimits(database.db);
    const keys = (await database.db.selectFrom('rate_limit_counts').select('key').execute()).map((r) => r.key);
    assert.ok(
      keys.some((k) => k.endsWith('192.0.2.30')),
      'a live window stays',
    );
    assert.ok(!keys.some((k) => k.endsWith('192.0.2.31')), 'an ended window is cleared');
  });
});
