import type { FastifyPluginAsync } from 'fastify';

/** Administration: people, organisations and teams, the audit log and the outbox. */
export const adminRoutes: FastifyPluginAsync = async (app) => {
  app.get('/admin', { config: { access: ['admin'] } }, async (_request, reply) => reply.page('admin/index.njk'));
};
