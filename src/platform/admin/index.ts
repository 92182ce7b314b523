import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit-routes.js';
import { organisationRoutes } from './organisation-routes.js';
import { outboxRoutes } from './outbox-routes.js';
import { peopleRoutes } from './people-routes.js';

/** Administration: people, organisations and teams, the audit log and the outbox. Every page is for admins only. */
export const adminRoutes: FastifyPluginAsync = async (app) => {
  app.get('/admin', { config: { access: ['admin'] } }, async (_request, reply) =>
    reply.page('admin/index.njk', { smtpConfigured: !!app.config.smtpUrl }),
  );
  await app.register(peopleRoutes);
  await app.register(organisationRoutes);
  await app.register(auditRoutes);
  await app.register(outboxRoutes);
};
