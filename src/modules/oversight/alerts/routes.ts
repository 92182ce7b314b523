import type { FastifyPluginAsync } from 'fastify';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { pathParams, typed } from '../../../platform/schemas.js';
import { formatDay } from '../../../platform/time.js';
import { idFrom, refuseRecord } from '../route-helpers.js';
import { RULE_NAMES, STATE_NAMES } from './labels.js';
import type { StoredAlert } from './queries.js';
import type { AlertRuleId } from './rules/types.js';

const alertView = (alert: StoredAlert) => ({
  ...alert,
  name: RULE_NAMES[alert.rule],
  stateName: STATE_NAMES[alert.state],
  due: formatDay(alert.dueOn),
});

/** `/practice/oversight`, the children most at risk of drift first; and one child's alerts, worked out afresh. */
export const alertRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);

  app.get('/practice/oversight', { config: { access: ['practitioner', 'manager', 'analyst'] } }, async (request, reply) => {
    const board = await app.oversightAlerts.dashboard(viewerOf(request));
    if (board.kind === 'counts') {
      const counts = board.counts && {
        children: board.counts.children,
        byRule: board.counts.byRule.map((r) => ({
          ...r,
          name: RULE_NAMES[r.rule as AlertRuleId] ?? r.rule,
          stateName: STATE_NAMES[r.state],
        })),
      };
      return reply.page('oversight/alerts/counts.njk', { counts });
    }
    // Drawn again only when the board's stamp moves; otherwise the kept page is sent with a fresh token.
    const draw = async () => ({
      manager: board.manager,
      inTeam: board.inTeam,
      children: board.children.map(({ child, alerts }) => ({
        id: child.id,
        name: `${child.givenName} ${child.familyName}`,
        reference: child.reference,
        worker: child.worker,
        missed: alerts.filter((a) => a.state === 'missed').length,
        alerts: alerts.map(alertView),
      })),
    });
    return reply.page('oversight/alerts/dashboard.njk', draw, { sharedAs: board.stamp });
  });

  app.get(
    '/practice/children/:id/alerts',
    { config: { access: ['practitioner', 'manager'] }, schema: { params: pathParams('id') } },
    async (request, reply) => {
      const id = idFrom(request.params.id);
      const opened = await app.oversightAlerts.ofChild(viewerOf(request), id);
      if (!opened.ok) return refuseRecord(reply, opened.reason, id);
      const { child } = opened;
      return reply.page('oversight/alerts/child.njk', {
        child: { id: child.id, name: `${child.givenName} ${child.familyName}`, reference: child.reference },
        alerts: opened.alerts.map(alertView),
      });
    },
  );
};
