import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cache the anonymous rendering of this page until `pageCache.invalidate()` (for example on publish). */
    publicCache?: boolean;
  }
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

interface Entry {
  body: string;
  etag: string;
  contentType: string;
}

export interface PageCache {
  invalidate(): void;
  size(): number;
}

/**
 * Anonymous visitors all see the same page, so it is rendered once and then served from memory with an ETag, at no
 * database cost. Anyone with a session (signed in, or part-way through a form) always gets a fresh rendering.
 */
export function setUpPageCache(app: FastifyInstance, maxEntries = 1000) {
  const entries = new Map<string, Entry>();
  const cacheable = (request: { method: string; cookies: Record<string, string | undefined> }) =>
    (request.method === 'GET' || request.method === 'HEAD') && !request.cookies[SESSION_COOKIE];

  app.decorate('pageCache', {
    invalidate: () => entries.clear(),
    size: () => entries.size,
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config.publicCache || !cacheable(request)) return;
    const entry = entries.get(request.url);
    if (!entry) return;
    reply.header('etag', entry.etag).header('cache-control', 'public, max-age=0, must-revalidate');
    if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
    return reply.type(entry.contentType).send(entry.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.publicCache || !cacheable(request) || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' || reply.hasHeader('set-cookie') || request.principal || entries.has(request.url)) return payload;
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
    entries.set(request.url, { body: payload, etag, contentType: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8') });
    reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate');
    return payload;
  });
}
