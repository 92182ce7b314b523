import type { FastifyPluginAsync } from 'fastify';
import { viewerOf } from '../../../platform/practice/viewer.js';
import { pathParams, typed } from '../../../platform/schemas.js';
import { formatDay } from '../../../platform/time.js';
import { ASSESSORS } from '../access.js';
import { datesOf, idFrom, refuseRecord, STATE_LABELS, STATE_TAGS } from '../route-helpers.js';
import { changeChart, GRADE_WORDS } from './change.js';

/** A child's assessments: the list, and how each domain of the child's needs has changed, as a chart and a table. */
export const historyRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const assessments = app.assessments;

  app.get('/practice/children/:id/assessments', { config: ASSESSORS, schema: { params: pathParams('id') } }, async (request, reply) => {
    const id = idFrom(request.params.id);
    const history = await assessments.history.ofChild(viewerOf(request), id);
    if (!history.ok) return refuseRecord(reply, history.reason, id);
    const { child } = history;
    const shown = history.assessments.map((a) => ({
      ...a,
      ...datesOf(a),
      stateLabel: STATE_LABELS[a.state],
      stateTag: STATE_TAGS[a.state],
      column: `${formatDay(a.startedOn)}${a.state === 'authorised' ? '' : ` (${STATE_LABELS[a.state].toLowerCase()})`}`,
    }));
    // The domains of the latest framework, with any a child's earlier assessments had that it no longer has.
    const domains = [...new Map(shown.toReversed().flatMap((a) => a.domains.map((d) => [d.key, d] as const))).values()];
    const graded = shown.filter((a) => Object.values(a.scores).some((s) => s !== null));
    return reply.page('assessments/list.njk', {
      child,
      assessments: shown.toReversed(),
      open: shown.find((a) => a.state !== 'authorised') ?? null,
      chart: changeChart(
        domains,
        graded.map((a) => ({ label: a.column, scores: a.scores })),
      ),
      table: {
        columns: graded.map((a) => a.column),
        rows: domains.map((d) => ({ title: d.title, scores: graded.map((a) => a.scores[d.key] ?? null) })),
      },
      gradeWords: GRADE_WORDS,
    });
  });
};
