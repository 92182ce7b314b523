import underPressure from '@fastify/under-pressure';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';

/** Answers 503 with Retry-After when the event loop is swamped, rather than letting every request slow to a crawl. */
export async function setUpLoadShedding(app: FastifyInstance, db: Db, maxEventLoopDelayMs: number) {
  await app.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    retryAfter: 10,
    healthCheck: async () => {
      await sql`select 1`.execute(db);
      return true;
    },
    healthCheckInterval: 30_000,
    exposeStatusRoute: false,
  });
}
