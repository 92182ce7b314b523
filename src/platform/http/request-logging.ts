import type { FastifyInstance } from 'fastify';

/**
 * Query parameters whose values are secret or personal: single-use tokens, search words, codes and addresses.
 * A log is read by more people, and kept longer, than the data it describes.
 */
const SECRET_PARAMETERS = new Set(['token', 't', 's', 'q', 'code', 'email', 'key', 'secret', 'sig', 'signature', 'password', 'phone']);

/**
 * The path to log: the route's pattern when one matched (so `/boards/unsubscribe/:token`, never the token), else the
 * path as sent, and the query with the values of secret parameters replaced.
 */
export function pathForLog(url: string, pattern?: string | null): string {
  const mark = url.indexOf('?');
  const path = pattern ?? (mark === -1 ? url : url.slice(0, mark));
  if (mark === -1) return path;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return SECRET_PARAMETERS.has(name.toLowerCase()) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/**
 * One line per request, written when the response has gone: method, route, status, time taken and the request id
 * (which error pages show as their reference). Fastify's own pair of lines is turned off, because it logs the full URL
 * with its tokens and search words, and the client's address.
 */
export function setUpRequestLogging(app: FastifyInstance) {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: pathForLog(request.url, request.routePattern),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
}
