import v8 from 'node:v8';
import underPressure from '@fastify/under-pressure';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { renderProblemPage, sendProblem, UNAVAILABLE_RETRY_SECONDS, wantsJson, type Problem } from '../errors.js';

export interface LoadSheddingSettings {
  /** Answer 503 when the event loop lags this long; 0 turns this check off. */
  maxEventLoopDelayMs: number;
  /** Answer 503 while this many requests are already being answered; 0 turns this check off. */
  maxRequestsInFlight: number;
  /** Answer 503 while the JavaScript heap holds more than this share of V8's heap limit, in per cent; 0 turns it off. */
  maxHeapUsedPercent: number;
}

const BUSY: Problem = {
  status: 503,
  title: 'Sorry, the service is busy',
  detail: 'Too many people are using the service at the moment. Nothing you sent was saved. Try again in a minute.',
  kind: 'unavailable',
};

/** The one answer to a request turned away: 503 with Retry-After, a short page or problem+json, and no fault logged. */
async function turnAway(request: FastifyRequest, reply: FastifyReply) {
  reply.header('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
  if (wantsJson(request)) return sendProblem(reply, BUSY);
  try {
    return await renderProblemPage(request, reply, BUSY);
  } catch {
    // An overloaded process must still answer something cheap and true.
    return reply.code(503).type('text/plain; charset=utf-8').send(`${BUSY.title}. ${BUSY.detail}`);
  }
}

/**
 * Answers 503 with Retry-After, before any session is read or any query run, when Hearth is overloaded, rather than
 * letting every request slow to a crawl or the process run out of memory. Three signals, each with its own setting:
 * - the event loop lagging (`@fastify/under-pressure`): work that runs on the main thread, PGlite's queries among it;
 * - the heap near V8's limit (under-pressure too): past the limit Node does not slow down, it crashes;
 * - too many requests in flight: work waiting on the database (a PostgreSQL pool, PGlite's one query at a time) or on
 *   argon2's threads does not lag the event loop, so without a cap a flood queues without bound, each waiting request
 *   holding its memory, and every answer comes later than anyone waits for.
 */
export async function setUpLoadShedding(app: FastifyInstance, db: Db, settings: LoadSheddingSettings) {
  const heapLimit = v8.getHeapStatistics().heap_size_limit;
  await app.register(underPressure, {
    maxEventLoopDelay: settings.maxEventLoopDelayMs,
    maxHeapUsedBytes: Math.floor((heapLimit * settings.maxHeapUsedPercent) / 100),
    pressureHandler: (request, reply) => turnAway(request, reply),
    healthCheck: async () => {
      await sql`select 1`.execute(db);
      return true;
    },
    healthCheckInterval: 30_000,
    exposeStatusRoute: false,
  });

  if (settings.maxRequestsInFlight <= 0) return;
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (inFlight >= settings.maxRequestsInFlight) {
      await turnAway(request, reply);
      return reply;
    }
    inFlight += 1;
    // 'close' comes once for every response, sent or cut off by the client, so the count cannot drift upwards.
    reply.raw.once('close', () => {
      inFlight -= 1;
    });
  });
}
