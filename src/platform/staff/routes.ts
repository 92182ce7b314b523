import type { FastifyPluginAsync } from 'fastify';
import { requirePrincipal } from '../access.js';
import { ROLE_DESCRIPTIONS } from '../roles.js';
import { STAFF_ONLY } from './navigation.js';
import { platformStaffQueues } from './platform-queues.js';
import { measureQueues, queuesFor } from './queues.js';

/**
 * The staff workspace: where a member of staff lands after signing in, with the work waiting for their roles. Each
 * queue comes from the module that holds its items (HearthModule.staffQueues) and is measured on every visit, so
 * the numbers are never stale; each costs one small indexed query.
 */
export const staffRoutes: FastifyPluginAsync = async (app) => {
  const queues = [...platformStaffQueues(app.services.db), ...app.modules.flatMap((m) => m.staffQueues?.(app.moduleContext(m)) ?? [])];
  const keys = new Set<string>();
  for (const queue of queues) {
    if (keys.has(queue.key)) throw new Error(`Two staff queues are called "${queue.key}": each needs its own key.`);
    keys.add(queue.key);
  }

  app.get('/staff', { config: { access: STAFF_ONLY } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const mine = queuesFor(queues, principal);
    return reply.page('staff/workspace.njk', {
      queues: await measureQueues(mine, new Date(), principal),
      roles: principal.roles.filter((role) => role !== 'member').map((role) => ROLE_DESCRIPTIONS[role].split(':')[0]),
    });
  });
};
