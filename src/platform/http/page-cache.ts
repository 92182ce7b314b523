import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';
import { SESSION_COOKIE } from '../sessions.js';
import { encodeOnce, sendableCopy, sendEncoded, tagsFor, type EncodedCopies, type EncodedTags, type Encoding } from './compression.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cache the anonymous rendering of this page until `pageCache.invalidate()` (for example on publish). */
    publicCache?: boolean;
  }
  interface FastifyInstance {
    pageCache: PageCache;
  }
  interface FastifyRequest {
    /** The cache generation when this request began: a rendering started before an invalidation is not kept. */
    pageCacheGeneration: number;
  }
}

interface Entry {
  /** The page, and its brotli and gzip copies, compressed once when it is kept rather than for every visitor. */
  copies: EncodedCopies;
  tags: EncodedTags;
  contentType: string;
}

export interface PageCache {
  /** Drops every cached page here at once, and on every other instance within a poll interval. */
  invalidate(): Promise<void>;
  /** Checks the shared generation now; the background poll calls this. */
  refresh(): Promise<void>;
  size(): number;
}

const CACHE_NAME = 'pages';
const POLL_MS = 2_000;

/** Tells every instance that public pages changed; a worker process, which has no cache of its own, calls it alone. */
export async function bumpPageGeneration(db: Db): Promise<number> {
  const row = await db
    .insertInto('cache_generations')
    .values({ name: CACHE_NAME, generation: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ generation: sql`cache_generations.generation + 1`, changed_at: new Date() }))
    .returning('generation')
    .executeTakeFirstOrThrow();
  return Number(row.generation);
}

/**
 * Anonymous visitors all see the same page, so it is rendered once and then served from memory with an ETag, at no
 * database cost. Anyone with a session (signed in, or part-way through a form) always gets a fresh rendering.
 * Instances share nothing but the database, so an invalidation bumps a counter there that each instance polls in the
 * background: reading a cached page never waits on the database. Such a page holds nobody's personal data, so it may
 * be sent compressed (see `mayHoldPersonalData` in compression.ts).
 */
export function setUpPageCache(app: FastifyInstance, db: Db, maxEntries = 1000) {
  const entries = new Map<string, Entry>();
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  const cacheable = (request: { method: string; cookies: Record<string, string | undefined> }) =>
    (request.method === 'GET' || request.method === 'HEAD') && !request.cookies[SESSION_COOKIE];

  function adopt(shared: number) {
    if (shared !== generation) {
      generation = shared;
      entries.clear();
    }
  }

  async function refresh() {
    const row = await db.selectFrom('cache_generations').select('generation').where('name', '=', CACHE_NAME).executeTakeFirst();
    adopt(Number(row?.generation ?? 0));
  }

  async function invalidate() {
    adopt(await bumpPageGeneration(db));
  }

  app.decorate('pageCache', { invalidate, refresh, size: () => entries.size });
  app.decorateRequest('pageCacheGeneration', 0);

  app.addHook('onReady', async () => {
    await refresh();
    const poll = () => {
      timer = setTimeout(() => {
        refresh()
          .catch((error: unknown) => app.log.warn({ err: error }, 'could not check the page cache generation'))
          .finally(poll);
      }, POLL_MS);
      timer.unref();
    };
    poll();
  });
  app.addHook('onClose', async () => {
    if (timer) clearTimeout(timer);
  });

  app.addHook('onRequest', async (request, reply) => {
    request.pageCacheGeneration = generation;
    if (!request.routeOptions.config.publicCache || !cacheable(request)) return;
    const entry = entries.get(request.url);
    if (!entry) return;
    reply.header('cache-control', 'public, max-age=0, must-revalidate');
    return sendEncoded(request, reply, entry.copies, entry.tags, entry.contentType);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.publicCache || !cacheable(request) || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' || reply.hasHeader('set-cookie') || request.principal || entries.has(request.url)) return payload;
    const copies = await encodeOnce(payload);
    // Checked after compressing, which waits: the pages may have changed meanwhile.
    if (request.pageCacheGeneration !== generation) return payload;
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    const tags = tagsFor(copies.identity);
    entries.set(request.url, { copies, tags, contentType: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8') });
    const body = sendableCopy(request, reply, copies);
    reply.header('etag', tags[(reply.getHeader('content-encoding') as Encoding | undefined) ?? 'identity']);
    reply.header('cache-control', 'public, max-age=0, must-revalidate');
    return body;
  });
}
