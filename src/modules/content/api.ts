import { RULES } from '../../platform/access.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { problemSchema } from '../../platform/api/routes.js';
import { HttpError, sendProblem } from '../../platform/errors.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { subjectName } from '../../platform/subjects.js';
import { actorFrom } from './route-helpers.js';
import type { Published } from './reading/service.js';
import { AUTHOR_KINDS, STATE_LABELS, TYPE_NAMES, isContentType, publicPath } from './types.js';
import { readFields } from './validation.js';
import type { Conflict, ContentItem, Outcome } from './publishing/service.js';

const TAGS = ['content'];
const PUBLIC = { access: 'public' } as const;
const EDITORS = RULES.editors;
const { $id: _problemId, ...problem } = problemSchema;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

const summarySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', enum: TYPE_NAMES },
    title: { type: 'string' },
    summary: { type: 'string' },
    path: { type: 'string' },
    url: { type: 'string' },
    subject: { type: 'string', nullable: true },
    tags: { type: 'array', items: { type: 'string' } },
    author: { type: 'string', nullable: true },
    publishedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const itemSchema = {
  type: 'object',
  properties: {
    ...summarySchema.properties,
    body: { type: 'string', description: 'Markdown, as the editor wrote it' },
    bodyHtml: { type: 'string', description: 'The body rendered and sanitised, as on the page' },
    lastReviewed: { type: 'string', nullable: true, description: 'Advice sheets: the day the facts were last checked' },
    reviewDue: { type: 'string', nullable: true },
    sources: {
      type: 'array',
      description: 'Advice sheets: the public sources the advice rests on',
      items: { type: 'object', properties: { title: { type: 'string' }, url: { type: 'string' } } },
    },
    notesToEditors: { type: 'string' },
    resources: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          title: { type: 'string' },
          url: { type: 'string' },
          format: { type: 'string' },
          sizeBytes: { type: 'integer', nullable: true },
        },
      },
    },
    videoUrl: { type: 'string' },
    transcript: { type: 'string' },
  },
} as const;

const fieldsSchema = {
  type: 'object',
  description: 'What an editor writes. Rules depend on the type: see the editor page for each field’s meaning.',
  properties: {
    type: { type: 'string', enum: TYPE_NAMES },
    slug: { type: 'string', maxLength: 100 },
    title: { type: 'string', maxLength: 200 },
    summary: { type: 'string', maxLength: 400 },
    body: { type: 'string', maxLength: 100000 },
    subject: { type: 'string' },
    tags: { type: 'string', description: 'Comma-separated' },
    authorName: { type: 'string' },
    authorKind: { type: 'string', enum: [...AUTHOR_KINDS, ''] },
    lastReviewed: { type: 'string', description: 'YYYY-MM-DD' },
    reviewDue: { type: 'string', description: 'YYYY-MM-DD' },
    sources: { type: 'string', description: 'Advice sheets, one a line: title | address starting https://' },
    notesToEditors: { type: 'string' },
    resources: { type: 'string', description: 'One a line: title | address | format | size in bytes' },
    videoUrl: { type: 'string' },
    transcript: { type: 'string' },
    version: { type: 'integer', description: 'On update: the version you read. A newer one is a 409.' },
  },
} as const;

const stateSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    state: { type: 'string', enum: Object.keys(STATE_LABELS) },
    version: { type: 'integer' },
    scheduledFor: { type: 'string', format: 'date-time', nullable: true },
    publishedPath: { type: 'string', nullable: true },
  },
} as const;

const EDITOR_RESPONSES = { 200: stateSchema, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };

/** The content API: published items for anyone, and the publishing workflow for editors with a token. */
export const contentApiRoutes: FastifyPluginAsync = async (app) => {
  const { reading, workflow } = app.content;
  const baseUrl = app.config.baseUrl;

  const summary = (p: Published) => ({
    id: p.id,
    type: p.type,
    title: p.title,
    summary: p.summary,
    path: p.path,
    url: baseUrl + p.path,
    subject: p.subject,
    tags: p.tags,
    author: p.fields.authorName || null,
    publishedAt: p.publishedAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  });

  const state = (item: ContentItem) => ({
    id: item.id,
    state: item.state,
    version: item.version,
    scheduledFor: item.scheduledFor?.toISOString() ?? null,
    publishedPath: item.published ? publicPath(item.type, item.published.slug, item.fields.subject) : null,
  });

  async function loaded(request: FastifyRequest): Promise<ContentItem> {
    const item = await workflow.find((request.params as { id: string }).id);
    if (!item) throw new HttpError(404, 'Content not found', 'There is no content item with that id.', 'not-found');
    return item;
  }

  async function answer(reply: FastifyReply, id: string, outcome: Outcome | Conflict, status = 200) {
    if (!outcome.ok) {
      const detail =
        'conflict' in outcome
          ? `${outcome.conflict.by} saved a newer version. Your text is kept as revision ${outcome.conflict.keptAsRevision}.`
          : outcome.reason;
      return sendProblem(reply, { status: 409, title: 'The item cannot do that now', detail, kind: 'content-conflict' });
    }
    const item = await workflow.find(id);
    return reply.code(status).send(state(item!));
  }

  app.get(
    '/api/v1/content',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'Published content, newest first',
        security: [],
        querystring: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: TYPE_NAMES },
            subject: { type: 'string' },
            author: { type: 'string', description: 'An author’s slug' },
            page: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
            perPage: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: summarySchema },
              total: { type: 'integer' },
              page: { type: 'integer' },
              pages: { type: 'integer' },
            },
          },
          400: problem,
        },
      },
    },
    async (request) => {
      const q = request.query as { type?: string; subject?: string; author?: string; page: number; perPage: number };
      if (q.subject && !subjectName(q.subject))
        throw new HttpError(400, 'Unknown subject', `There is no subject "${q.subject}".`, 'validation');
      const page = await reading.page(
        { types: isContentType(q.type) ? [q.type] : undefined, subject: q.subject, authorSlug: q.author },
        q.page,
        q.perPage,
      );
      return { items: page.items.map(summary), total: page.total, page: page.page, pages: page.pages };
    },
  );

  app.get(
    '/api/v1/content/:id',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'One published item',
        security: [],
        params: idParams,
        response: { 200: itemSchema, 400: problem, 404: problem },
      },
    },
    async (request) => {
      const item = await reading.byId((request.params as { id: string }).id);
      if (!item) throw new HttpError(404, 'Content not found', 'There is no published item with that id.', 'not-found');
      const f = item.fields;
      return {
        ...summary(item),
        body: f.body,
        bodyHtml: renderMarkdown(f.body, 'content'),
        lastReviewed: f.lastReviewed,
        reviewDue: f.reviewDue,
        sources: f.sources,
        notesToEditors: f.notesToEditors,
        resources: f.resources,
        videoUrl: f.videoUrl,
        transcript: f.transcript,
      };
    },
  );

  function invalid(reply: FastifyReply, errors: { field: string; text: string }[]) {
    return sendProblem(reply, {
      status: 400,
      title: 'The content is not valid',
      detail: errors.map((e) => `${e.field}: ${e.text}`).join('; '),
      kind: 'validation',
      errors,
    });
  }

  app.post(
    '/api/v1/content',
    {
      config: EDITORS,
      schema: { tags: TAGS, summary: 'Create a draft (editors)', body: fieldsSchema, response: { ...EDITOR_RESPONSES, 201: stateSchema } },
    },
    async (request, reply) => {
      const result = readFields(request.body as Record<string, unknown>);
      if (!result.ok) return invalid(reply, result.errors);
      const id = await workflow.create(result.fields, actorFrom(request));
      return answer(reply, id, { ok: true }, 201);
    },
  );

  app.put(
    '/api/v1/content/:id',
    {
      config: EDITORS,
      schema: {
        tags: TAGS,
        summary: 'Save a new version of the draft (editors)',
        description: 'Send every field, and the version you read.',
        params: idParams,
        body: { ...fieldsSchema, required: ['version'] },
        response: EDITOR_RESPONSES,
      },
    },
    async (request, reply) => {
      const item = await loaded(request);
      const input = request.body as Record<string, unknown>;
      const result = readFields(input, item.type);
      if (!result.ok) return invalid(reply, result.errors);
      return answer(reply, item.id, await workflow.save(item.id, result.fields, Number(input.version), actorFrom(request)));
    },
  );

  const action = (
    name: string,
    summaryText: string,
    run: (item: ContentItem, request: FastifyRequest) => Promise<Outcome | Conflict>,
    bodySchema?: object,
  ) => {
    app.post(
      `/api/v1/content/:id/${name}`,
      {
        config: EDITORS,
        schema: {
          tags: TAGS,
          summary: summaryText,
          params: idParams,
          ...(bodySchema ? { body: bodySchema } : {}),
          response: EDITOR_RESPONSES,
        },
      },
      async (request, reply) => {
        const item = await loaded(request);
        return answer(reply, item.id, await run(item, request));
      },
    );
  };

  action('submit', 'Send the draft for review (editors)', (item, request) => workflow.submit(item.id, actorFrom(request)));
  action('approve', 'Approve the version under review: a second editor (editors)', (item, request) =>
    workflow.approve(item.id, actorFrom(request)),
  );
  action(
    'publish',
    'Publish now, or at a time in the future (editors)',
    (item, request) => {
      const at = (request.body as { at?: string } | undefined)?.at;
      return workflow.publish(item.id, actorFrom(request), at ? new Date(at) : null);
    },
    {
      type: 'object',
      nullable: true,
      properties: { at: { type: 'string', format: 'date-time', description: 'Leave out to publish now' } },
    },
  );
  action('unpublish', 'Take the item off the site (editors)', (item, request) => workflow.unpublish(item.id, actorFrom(request)));
};
