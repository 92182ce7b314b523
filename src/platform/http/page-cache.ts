import type { FastifyInstance } from 'fastify';
import type { Changes } from '../db/changes.js';
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
  /** Drops every cached page here at once, and on every other instance as soon as PostgreSQL tells it. */
  invalidate(): Promise<void>;
  size(): number;
}

/**
 * Anonymous visitors all see the same page, so it is rendered once and then served from memory with an ETag, at no
 * database cost. Anyone with a session (signed in, or part-way through a form) always gets a fresh rendering.
 * Instances share nothing but the database, so an invalidation is announced through it (db/changes.ts: LISTEN/NOTIFY
 * on PostgreSQL), and every instance empties its cache when it hears: reading a cached page never waits on the
 * database. Such a page holds nobody's personal data, so it may be sent compressed (see `mayHoldPersonalData` in
 * compression.ts).
 */
export function setUpPageCache(app: FastifyInstance, changes: Changes, maxEntries = 1000) {
  const entries = new Map<string, Entry>();
  // Counts what this instance has heard, so that a rendering that began before a change is not kept.
  let generation = 0;
  const cacheable = (request: { method: string; cookies: Record<string, string | undefined> }) =>
    (request.method === 'GET' || request.method === 'HEAD') && !request.cookies[SESSION_COOKIE];

  const unsubscribe = changes.subscribe('public-pages', () => {
    generation += 1;
    entries.clear();
  });

  app.decorate('pageCache', { invalidate: () => changes.announce('public-pages'), size: () => entries.size });
  app.decorateRequest('pageCacheGeneration', 0);
  app.addHook('onClose', async () => unsubscribe());

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
