import type { FastifyPluginAsync } from 'fastify';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { MANAGERS } from '../access.js';
import { chainView, decisionView } from '../child/views.js';

/** `/practice/oversight/decisions`: a manager's team's decisions to approve and challenges to answer. */
export const teamQueueRoutes: FastifyPluginAsync = async (app) => {
  app.get('/practice/oversight/decisions', { config: MANAGERS }, async (request, reply) => {
    const viewer = viewerOf(request);
    const waiting = await app.oversight.waitingFor(viewer);
    return reply.page('oversight/decisions.njk', {
      decisions: waiting.decisions.map((d) => ({ ...decisionView(d, viewer), child: d.child })),
      challenges: waiting.challenges.map((c) => ({ ...chainView(c, [], viewer), child: c.child })),
      noTeam: !viewer.principal.teamId,
    });
  });
};
