import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import { UNAVAILABLE_RETRY_SECONDS } from './errors.js';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: 'public' } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(app.services.db);
      return { status: 'ok', database: 'reachable' };
    } catch (error) {
      request.log.error({ err: error }, 'database not reachable');
      return reply
        .code(503)
        .header('retry-after', String(UNAVAILABLE_RETRY_SECONDS))
        .send({ status: 'unavailable', database: 'unreachable' });
    }
  });
};
