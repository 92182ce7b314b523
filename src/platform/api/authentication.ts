import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../errors.js';
import type { ApiTokens } from './tokens.js';

/** The API knows people only by bearer token; it ignores session cookies, which is why it needs no CSRF token. */
export function setUpApiAuthentication(app: FastifyInstance, tokens: ApiTokens) {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routePattern?.startsWith('/api/v1/')) return;
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await tokens.principalFor(match[1]!) : null;
    if (!principal) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return sendProblem(reply, {
        status: 401,
        title: 'Invalid token',
        detail: 'The bearer token is not valid, has been revoked, or belongs to a disabled account.',
        kind: 'invalid-token',
      });
    }
    request.principal = principal;
  });
}
