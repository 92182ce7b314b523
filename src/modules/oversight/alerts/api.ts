import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { sendProblem } from '../../../platform/errors.js';
import { OneOf, problems, typed } from '../../../platform/schemas.js';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { isUuid } from '../../../platform/validation.js';
import { ALERT_RULES, ALERT_STATES, isAlertRule } from './rules/types.js';
import { sendRecordRefusal } from '../../../platform/practice/refusals.js';

const AlertJson = Type.Object({
  childId: Type.String({ format: 'uuid' }),
  rule: OneOf(ALERT_RULES, { description: 'The rule that raised it (docs/oversight.md, "Drift alerts")' }),
  state: OneOf(ALERT_STATES, { description: 'due-soon before the day, missed after it' }),
  dueOn: Type.String({ format: 'date', description: 'The day it falls or fell due (London)' }),
  reason: Type.String({ description: 'Why, in plain English' }),
});

/** The drift alerts of the caller's children, for other systems, with a practitioner's or manager's token. */
export const alertsApi: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);

  app.get(
    '/api/v1/practice/oversight/alerts',
    {
      config: { access: ['practitioner', 'manager'] },
      schema: {
        tags: ['practice'],
        summary: 'The drift alerts of the children you hold, most at risk first (reading them is audited)',
        querystring: Type.Object({ rule: Type.Optional(Type.String({ description: `Only this rule: ${ALERT_RULES.join(', ')}` })) }),
        response: { 200: Type.Object({ alerts: Type.Array(AlertJson) }), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rule = request.query.rule ?? null;
      if (rule !== null && !isAlertRule(rule)) {
        return sendProblem(reply, {
          status: 400,
          title: 'No such rule',
          detail: `There is no alert rule with that id. The rules are: ${ALERT_RULES.join(', ')}.`,
          kind: 'validation',
          errors: [{ field: 'rule', text: `Choose one of ${ALERT_RULES.join(', ')}` }],
        });
      }
      const alerts = await app.oversightAlerts.list(viewerOf(request), rule);
      return { alerts: alerts.map(({ childId, rule, state, dueOn, reason }) => ({ childId, rule, state, dueOn, reason })) };
    },
  );

  app.get(
    '/api/v1/practice/children/:id/alerts',
    {
      config: { access: ['practitioner', 'manager'] },
      schema: {
        tags: ['practice'],
        summary: 'One child’s drift alerts, worked out afresh (reading them is audited)',
        params: Type.Object({ id: Type.String({ description: 'The child’s id' }) }),
        response: { 200: Type.Object({ alerts: Type.Array(AlertJson) }), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!isUuid(request.params.id)) return sendRecordRefusal(reply, 'hidden');
      const opened = await app.oversightAlerts.ofChild(viewerOf(request), request.params.id.toLowerCase());
      if (!opened.ok) return sendRecordRefusal(reply, opened.reason === 'break-glass' ? 'break-glass' : 'hidden');
      return { alerts: opened.alerts.map(({ childId, rule, state, dueOn, reason }) => ({ childId, rule, state, dueOn, reason })) };
    },
  );
};
