import type { FastifyPluginAsync } from 'fastify';
import { problemSchema } from '../../platform/api/routes.js';
import { HttpError, sendProblem } from '../../platform/errors.js';
import { evaluate } from './engine/evaluate.js';
import { optionsOf, type Answers, type Block } from './engine/flow-types.js';

const TAGS = ['guided-advice'];
const PUBLIC = { access: 'public' } as const;

// The problem body without its $id: the platform registers `Problem` inside its own plugin, out of this one's reach.
const { $id: _problemId, ...problem } = problemSchema;

const conditionSchema = {
  type: 'object',
  additionalProperties: true,
  description:
    'A condition on earlier answers: { question, equals | in | includes | lessThan | atLeast | withinDays }, or { all: [...] }, { any: [...] }, { not: ... }',
} as const;

const optionSchema = {
  type: 'object',
  required: ['value', 'label'],
  properties: { value: { type: 'string' }, label: { type: 'string' }, hint: { type: 'string' } },
} as const;

const questionSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['single', 'multiple', 'yes-no', 'date', 'number', 'country'] },
    text: { type: 'string' },
    hint: { type: 'string' },
    options: { type: 'array', items: optionSchema },
    min: { type: 'number' },
    max: { type: 'number' },
    suffix: { type: 'string' },
    next: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          when: conditionSchema,
          goTo: { type: 'object', properties: { question: { type: 'string' }, outcome: { type: 'string' } } },
        },
      },
    },
  },
} as const;

const blockSchema = {
  type: 'object',
  properties: {
    when: conditionSchema,
    heading: { type: 'string' },
    paragraphs: { type: 'array', items: { type: 'string' } },
    bullets: { type: 'array', items: { type: 'string' } },
    links: {
      type: 'array',
      items: {
        type: 'object',
        description: 'path is a page of this Hearth; url is an outside source',
        properties: { text: { type: 'string' }, path: { type: 'string' }, module: { type: 'string' }, url: { type: 'string' } },
      },
    },
    style: { type: 'string', enum: ['inset', 'warning'] },
  },
} as const;

const sourcesSchema = {
  type: 'array',
  description: 'The public sources the advice rests on',
  items: { type: 'object', required: ['title', 'url'], properties: { title: { type: 'string' }, url: { type: 'string' } } },
} as const;

const outcomeSchema = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    summary: { type: 'string' },
    blocks: { type: 'array', items: blockSchema },
    sources: {
      ...sourcesSchema,
      items: { ...sourcesSchema.items, properties: { ...sourcesSchema.items.properties, when: conditionSchema } },
    },
  },
} as const;

const definitionSchema = {
  type: 'object',
  properties: {
    slug: { type: 'string' },
    title: { type: 'string' },
    summary: { type: 'string' },
    intro: { type: 'array', items: { type: 'string' } },
    checked: { type: 'string', description: 'The day the facts were last checked against the sources, YYYY-MM-DD' },
    firstQuestion: { type: 'string' },
    questions: { type: 'object', additionalProperties: questionSchema },
    outcomes: { type: 'object', additionalProperties: outcomeSchema },
  },
} as const;

const slugParams = {
  type: 'object',
  required: ['slug'],
  properties: { slug: { type: 'string', maxLength: 100 } },
} as const;

const answerValue = {
  anyOf: [
    { type: 'string', maxLength: 200 },
    { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 200 } },
  ],
};

const evaluateBody = {
  type: 'object',
  required: ['answers'],
  properties: {
    answers: {
      type: 'object',
      maxProperties: 200,
      description: 'Question id → answer: a string, or a list of strings for a multiple-choice question. Dates are YYYY-MM-DD.',
      additionalProperties: answerValue,
    },
    version: { type: 'integer', minimum: 1, description: 'A published version to use instead of the current one' },
  },
} as const;

const evaluation = {
  type: 'object',
  description: 'Either the next question to ask, or the outcome the answers lead to.',
  properties: {
    next: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        kind: { type: 'string' },
        text: { type: 'string' },
        hint: { type: 'string' },
        options: { type: 'array', items: optionSchema },
        min: { type: 'number' },
        max: { type: 'number' },
        suffix: { type: 'string' },
      },
    },
    outcome: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        summary: { type: 'string' },
        blocks: { type: 'array', items: blockSchema, description: 'Only the blocks that apply to these answers' },
        sources: { ...sourcesSchema, description: 'Only the sources that apply to these answers' },
        checked: { type: 'string', description: 'The day the facts were last checked against the sources, YYYY-MM-DD' },
      },
    },
    path: { type: 'array', items: { type: 'string' }, description: 'The questions answered on the way, in order' },
    version: { type: 'integer' },
  },
} as const;

function notFound(slug: string) {
  return new HttpError(404, 'Flow not found', `There is no published guided advice called "${slug}".`, 'not-found');
}

/** Shown blocks without their conditions: the family's answers already chose them. */
const shown = (blocks: Block[]) => blocks.map(({ when: _when, ...rest }) => rest);

/** Guided advice as JSON: the same flows and the same evaluation as the pages, for other systems and tests. */
export const flowApiRoutes: FastifyPluginAsync = async (app) => {
  const flows = app.adviceFlows;

  app.get(
    '/api/v1/flows',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'The published guided-advice flows',
        security: [],
        response: {
          200: {
            type: 'object',
            properties: {
              flows: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    slug: { type: 'string' },
                    title: { type: 'string' },
                    summary: { type: 'string' },
                    version: { type: 'integer' },
                  },
                },
              },
            },
          },
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

  app.get<{ Params: { slug: string } }>(
    '/api/v1/flows/:slug',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'A published flow: its questions, routes and outcomes',
        security: [],
        params: slugParams,
        response: {
          200: { type: 'object', properties: { slug: { type: 'string' }, version: { type: 'integer' }, definition: definitionSchema } },
          404: problem,
        },
      },
    },
    async (request) => {
      const flow = await flows.published(request.params.slug);
      if (!flow) throw notFound(request.params.slug);
      return { slug: flow.slug, version: flow.version, definition: flow.definition };
    },
  );

  app.post<{ Params: { slug: string }; Body: { answers: Answers; version?: number } }>(
    '/api/v1/flows/:slug/evaluate',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'The next question, or the outcome, for a set of answers',
        description:
          'Answers to questions off the path taken are ignored. An answer that is not valid, or to a question the flow does not have, is a 400 naming the question.',
        security: [],
        params: slugParams,
        body: evaluateBody,
        response: { 200: evaluation, 400: problem, 404: problem },
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
