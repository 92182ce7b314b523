import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The URL pattern of the route the router matched (`/boards/:slug`), or null when nothing matched. */
    routePattern: string | null;
    /** Whether this is a request to the JSON API rather than for a page. */
    api: boolean;
  }
}

/**
 * Whether a request is for the API or for a page, decided once, first, from the route the router matched. The raw
 * URL cannot decide it: `/%61pi/v1/me` reaches the route `/api/v1/me`, yet does not start with `/api/`, so a check
 * on the raw URL once let a session cookie answer for the API. A request that matched nothing is judged by its path
 * as the router read it (percent-decoded), so that the API's own "not found" stays problem+json.
 */
export function setUpRequestKind(app: FastifyInstance) {
  app.decorateRequest('routePattern', null);
  app.decorateRequest('api', false);
  app.addHook('onRequest', (request, _reply, done) => {
    const pattern = request.routeOptions.url ?? null;
    request.routePattern = pattern;
    request.api = (pattern ?? decodedPath(request)).startsWith('/api/');
    done();
  });
}

function decodedPath(request: FastifyRequest): string {
  const path = request.url.split('?', 1)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
