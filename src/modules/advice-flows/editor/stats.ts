import type { FastifyPluginAsync } from 'fastify';
import { typed } from '../../../platform/schemas.js';
import { EDITORS, FlowParams, flowNotFound, readingOrder, slugParam } from './common.js';
import type { FlowDefinition } from '../engine/flow-types.js';

interface CountRow {
  version: number;
  step: string;
  event: 'started' | 'reached' | 'answered' | 'finished';
  count: number;
}

export interface VersionStats {
  version: number;
  started: number;
  finished: number;
  questions: { id: string; text: string; reached: number; answered: number; left: number }[];
  outcomes: { id: string; title: string; finished: number }[];
}

/**
 * Turns the anonymous counters into one summary per version, with questions and outcomes in the order families
 * meet them, so that the place where families give up stands out. Steps the version does not define (counted
 * before a question was renamed, say) are listed after the rest rather than dropped.
 */
export function statsByVersion(rows: readonly CountRow[], definitions: ReadonlyMap<number, FlowDefinition | null>): VersionStats[] {
  const versions = [...new Set([...rows.map((r) => r.version), ...definitions.keys()])].sort((a, b) => b - a);
  return versions.map((version) => {
    const mine = rows.filter((r) => r.version === version);
    const total = (event: CountRow['event'], step?: string) =>
      mine.filter((r) => r.event === event && (step === undefined || r.step === step)).reduce((sum, r) => sum + Number(r.count), 0);
    const definition = definitions.get(version) ?? null;
    const stepsWith = (...events: CountRow['event'][]) => mine.filter((r) => events.includes(r.event)).map((r) => r.step);
    const order = readingOrder(definition);
    const questionIds = [...new Set([...order.questions, ...stepsWith('reached', 'answered')])];
    const outcomeIds = [...new Set([...order.outcomes, ...stepsWith('finished')])];
    return {
      version,
      started: total('started'),
      finished: total('finished'),
      questions: questionIds.map((id) => {
        const reached = total('reached', id);
        const answered = total('answered', id);
        return { id, text: definition?.questions[id]?.text ?? id, reached, answered, left: Math.max(0, reached - answered) };
      }),
      outcomes: outcomeIds.map((id) => ({ id, title: definition?.outcomes[id]?.title ?? id, finished: total('finished', id) })),
    };
  });
}

/** How many families started each version, reached and answered each question, and finished at each outcome. */
export const flowStatsRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const flows = app.adviceFlows;

  app.get('/admin/flows/:slug/stats', { config: EDITORS, schema: { params: FlowParams } }, async (request, reply) => {
    const slug = slugParam(request.params);
    const flow = await flows.forEditing(slug);
    if (!flow) throw flowNotFound();
    const rows = await flows.counts(slug);
    const numbers = new Set(rows.map((r) => r.version));
    if (flow.publishedVersion !== null) numbers.add(flow.publishedVersion);
    const definitions = new Map<number, FlowDefinition | null>();
    for (const number of numbers) definitions.set(number, (await flows.version(slug, number))?.definition ?? null);
    const title = (flow.definition as FlowDefinition | null)?.title ?? slug;
    return reply.page('advice-flows/admin/stats.njk', { slug, title, versions: statsByVersion(rows, definitions) });
  });
};
