import rateLimit from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle, Db } from '../db/database.js';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface RouteInfo {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * The counts of @fastify/rate-limit kept in PostgreSQL, so that N instances behind a load balancer turn a caller away
 * at the same count as one instance would, not N times later. One upsert per limited request: a window that has ended
 * starts again at 1. Expired rows are cleared by the recurring job `rate-limits.clean`.
 */
export function databaseRateLimitCounts(db: Db, prefix = '') {
  async function count(key: string, windowMs: number) {
    const { rows } = await sql<{ count: number; ttl: number }>`
      insert into rate_limit_counts as c (key, count, resets_at)
      values (${prefix + key}, 1, now() + ${windowMs} * interval '1 millisecond')
      on conflict (key) do update set
        count = case when c.resets_at <= now() then 1 else c.count + 1 end,
        resets_at = case when c.resets_at <= now() then excluded.resets_at else c.resets_at end
      returning count, greatest(0, ceil(extract(epoch from (resets_at - now())) * 1000))::int as ttl`.execute(db);
    return { current: rows[0]!.count, ttl: rows[0]!.ttl };
  }

  async function peek(key: string) {
    const row = await db
      .selectFrom('rate_limit_counts')
      .select(['count', sql<number>`greatest(0, ceil(extract(epoch from (resets_at - now())) * 1000))::int`.as('ttl')])
      .where('key', '=', prefix + key)
      .where('resets_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return { current: row?.count ?? 0, ttl: row?.ttl ?? 0 };
  }

  return {
    count,
    peek,
    /** The store @fastify/rate-limit asks, one per limited route (its method and path start each key). */
    store: class {
      incr(key: string, done: Counted, windowMs: number) {
        count(key, windowMs).then(
          (result) => done(null, result),
          (error: Error) => done(error),
        );
      }
      read(key: string, done: Counted) {
        peek(key).then(
          (result) => done(null, result),
          (error: Error) => done(error),
        );
      }
      // The plugin's types say route options; what it hands in are the limit's settings, with the route as `routeInfo`.
      child(options: object) {
        const route = (options as RouteInfo).routeInfo;
        const method = [route?.method ?? '*'].flat().join(',');
        // Limits made with `app.rateLimit()` rather than on a route (the not-found handler) have no route: '* *'.
        return new (databaseRateLimitCounts(db, `${prefix}${method} ${route?.url ?? '*'} `).store)();
      }
    },
  };
}

/** Clears counts whose window has ended; a caller who comes back simply starts a new one. */
export async function clearEndedRateLimits(db: Db): Promise<void> {
  await db
    .deleteFrom('rate_limit_counts')
    .where('resets_at', '<', sql<Date>`now()`)
    .execute();
}

/**
 * Routes ask for a limit with `config: { rateLimit: { max, timeWindow } }`. On PostgreSQL the counts are shared by
 * every instance; on PGlite, which one process serves, they stay in memory. If the database cannot be asked, the
 * request goes on uncounted: it needs the database anyway, and is answered 503 when it gets there.
 */
export async function setUpRateLimits(app: FastifyInstance, database: DatabaseHandle) {
  const shared = database.kind === 'postgres' ? databaseRateLimitCounts(database.db).store : undefined;
  await app.register(rateLimit, { global: false, ...(shared ? { store: shared, skipOnError: true } : {}) });
}
