import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { HttpError, sendProblem } from '../../platform/errors.js';
import { Dictionary, problems, typed } from '../../platform/schemas.js';
import { evaluate } from './engine/evaluate.js';
import { FLOW_FORMAT } from './engine/flow-format.js';
import { optionsOf, type Block } from './engine/flow-types.js';

const TAGS = ['guided-advice'];
const PUBLIC = { access: 'public' } as const;

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });

const EvaluateBody = Type.Object({
  answers: Dictionary(Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })]), {
    maxProperties: 200,
    description: 'Question id → answer: a string, or a list of strings for a multiple-choice question. Dates are YYYY-MM-DD.',
  }),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'A published version to use instead of the current one' })),
});

const { next: _next, ...questionProperties } = FLOW_FORMAT.FlowQuestion.properties;
const { title, summary } = FLOW_FORMAT.FlowOutcome.properties;

const Evaluation = Type.Object(
  {
    next: Type.Optional(Type.Object({ id: Type.String(), ...questionProperties })),
    outcome: Type.Optional(
      Type.Object({
        id: Type.String(),
        title,
        summary,
        blocks: Type.Array(Type.Ref('FlowBlock'), { description: 'Only the blocks that apply to these answers' }),
        sources: Type.Array(Type.Omit(FLOW_FORMAT.FlowSource, ['when']), {
          description: 'Only the sources that apply to these answers',
        }),
        checked: FLOW_FORMAT.FlowDefinition.properties.checked,
      }),
    ),
    path: Type.Array(Type.String(), { description: 'The questions answered on the way, in order' }),
    version: Type.Integer(),
  },
  { description: 'Either the next question to ask, or the outcome the answers lead to.' },
);

function notFound(slug: string) {
  return new HttpError(404, 'Flow not found', `There is no published guided advice called "${slug}".`, 'not-found');
}

/** Shown blocks without their conditions: the family's answers already chose them. */
const shown = (blocks: Block[]) => blocks.map(({ when: _when, ...rest }) => rest);

/** Guided advice as JSON: the same flows and the same evaluation as the pages, for other systems and tests. */
export const flowApiRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const flows = app.adviceFlows;
  // The flow format's definitions, by name: the OpenAPI components, and what the responses below refer to.
  for (const [name, definition] of Object.entries(FLOW_FORMAT)) app.addSchema({ ...definition, $id: name });

  app.get(
    '/api/v1/flows',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'The published guided-advice flows',
        security: [],
        response: {
          200: Type.Object({
            flows: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), summary: Type.String(), version: Type.Integer() })),
          }),
        },
      },
    },
    async () => {
      const published = await flows.listPublished();
      return {
        flows: published.map((f) => ({ slug: f.slug, title: f.definition.title, summary: f.definition.summary, version: f.version })),
      };
    },
  );

  app.get(
    '/api/v1/flows/:slug',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'A published flow: its questions, routes and outcomes',
        security: [],
        params: SlugParams,
        response: {
          200: Type.Object({ slug: Type.String(), version: Type.Integer(), definition: Type.Ref('FlowDefinition') }),
          ...problems(404),
        },
      },
    },
    async (request) => {
      const flow = await flows.published(request.params.slug);
      if (!flow) throw notFound(request.params.slug);
      return { slug: flow.slug, version: flow.version, definition: flow.definition };
    },
  );

  app.post(
    '/api/v1/flows/:slug/evaluate',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'The next question, or the outcome, for a set of answers',
        description:
          'Answers to questions off the path taken are ignored. An answer that is not valid, or to a question the flow does not have, is a 400 naming the question.',
        security: [],
        params: SlugParams,
        body: EvaluateBody,
        response: { 200: Evaluation, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { answers, version } = request.body;
      const flow = version === undefined ? await flows.published(slug) : await flows.version(slug, version);
      if (!flow) {
        if (version === undefined) throw notFound(slug);
        throw new HttpError(404, 'Version not found', `"${slug}" has no published version ${version}.`, 'not-found');
      }
      const result = evaluate(flow.definition, answers);
      if ('problems' in result) {
        return sendProblem(reply, {
          status: 400,
          title: 'The answers are not valid',
          detail: result.problems.map((p) => `${p.question}: ${p.problem}`).join('; '),
          kind: 'validation',
          errors: result.problems.map((p) => ({ field: p.question, text: p.problem })),
        });
      }
      if (result.kind === 'question') {
        const { question } = result;
        const options = optionsOf(question);
        return {
          next: {
            id: result.id,
            kind: question.kind,
            text: question.text,
            hint: question.hint,
            options: options.length > 0 ? options : undefined,
            min: question.min,
            max: question.max,
            suffix: question.suffix,
          },
          path: result.path,
          version: flow.version,
        };
      }
      const { outcome } = result;
      return {
        outcome: {
          id: result.id,
          title: outcome.title,
          summary: outcome.summary,
          blocks: shown(app.adviceFlows.outcomeBlocks(outcome, answers)),
          sources: app.adviceFlows.outcomeSources(outcome, answers),
          checked: flow.definition.checked,
        },
        path: result.path,
        version: flow.version,
      };
    },
  );
};
