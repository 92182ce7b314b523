import { signedInActorOf } from '../../platform/audit.js';
import { RULES } from '../../platform/access.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { HttpError, sendProblem } from '../../platform/errors.js';
import { Nullable, OneOf, problems, typed } from '../../platform/schemas.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { subjectName } from '../../platform/subjects.js';
import type { Published } from './reading/service.js';
import { AUTHOR_KINDS, STATE_LABELS, TYPE_NAMES, isContentType, publicPath } from './types.js';
import { readFields } from './validation.js';
import type { Conflict, ContentItem, Outcome } from './publishing/items.js';

const TAGS = ['content'];
const PUBLIC = { access: 'public' } as const;
const EDITORS = RULES.editors;

const PER_PAGE = 20;

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const summaryProperties = {
  id: Type.String({ format: 'uuid' }),
  type: OneOf(TYPE_NAMES),
  title: Type.String(),
  summary: Type.String(),
  path: Type.String(),
  url: Type.String(),
  subject: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  author: Nullable(Type.String()),
  publishedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};
const Summary = Type.Object(summaryProperties);

const Item = Type.Object({
  ...summaryProperties,
  body: Type.String({ description: 'Markdown, as the editor wrote it' }),
  bodyHtml: Type.String({ description: 'The body rendered and sanitised, as on the page' }),
  lastReviewed: Type.Optional(Nullable(Type.String({ description: 'Advice sheets: the day the facts were last checked' }))),
  reviewDue: Type.Optional(Nullable(Type.String())),
  sources: Type.Optional(
    Type.Array(Type.Object({ title: Type.String(), url: Type.String() }), {
      description: 'Advice sheets: the public sources the advice rests on',
    }),
  ),
  notesToEditors: Type.Optional(Type.String()),
  resources: Type.Optional(
    Type.Array(
      Type.Object({ title: Type.String(), url: Type.String(), format: Type.String(), sizeBytes: Type.Optional(Nullable(Type.Integer())) }),
    ),
  ),
  videoUrl: Type.Optional(Type.String()),
  transcript: Type.Optional(Type.String()),
});

const fieldProperties = {
  type: Type.Optional(OneOf(TYPE_NAMES)),
  slug: Type.Optional(Type.String({ maxLength: 100 })),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  summary: Type.Optional(Type.String({ maxLength: 400 })),
  body: Type.Optional(Type.String({ maxLength: 100000 })),
  subject: Type.Optional(Type.String()),
  tags: Type.Optional(Type.String({ description: 'Comma-separated' })),
  authorName: Type.Optional(Type.String()),
  authorKind: Type.Optional(OneOf([...AUTHOR_KINDS, ''])),
  lastReviewed: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
  reviewDue: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
  sources: Type.Optional(Type.String({ description: 'Advice sheets, one a line: title | address starting https://' })),
  notesToEditors: Type.Optional(Type.String()),
  resources: Type.Optional(Type.String({ description: 'One a line: title | address | format | size in bytes' })),
  videoUrl: Type.Optional(Type.String()),
  transcript: Type.Optional(Type.String()),
};
const FIELDS_DESCRIPTION = 'What an editor writes. Rules depend on the type: see the editor page for each field’s meaning.';
const NewItem = Type.Object(
  { ...fieldProperties, version: Type.Optional(Type.Integer({ description: 'On update: the version you read. A newer one is a 409.' })) },
  { description: FIELDS_DESCRIPTION },
);
const NewVersion = Type.Object(
  { ...fieldProperties, version: Type.Integer({ description: 'On update: the version you read. A newer one is a 409.' }) },
  { description: FIELDS_DESCRIPTION },
);

const State = Type.Object({
  id: Type.String({ format: 'uuid' }),
  state: OneOf(Object.keys(STATE_LABELS)),
  version: Type.Integer(),
  scheduledFor: Nullable(Type.String({ format: 'date-time' })),
  publishedPath: Nullable(Type.String()),
});

const EDITOR_RESPONSES = { 200: State, ...problems(400, 401, 403, 404, 409) };

const PublishBody = Type.Unsafe<{ at?: string } | null>({
  type: 'object',
  nullable: true,
  properties: { at: { type: 'string', format: 'date-time', description: 'Leave out to publish now' } },
});

/** The content API: published items for anyone, and the publishing workflow for editors with a token. */
export const contentApiRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
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

  async function loaded(id: string): Promise<ContentItem> {
    const item = await workflow.find(id);
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
        querystring: Type.Object({
          type: Type.Optional(OneOf(TYPE_NAMES)),
          subject: Type.Optional(Type.String()),
          author: Type.Optional(Type.String({ description: 'An author’s slug' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
          perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: PER_PAGE })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Summary), total: Type.Integer(), page: Type.Integer(), pages: Type.Integer() }),
          ...problems(400),
        },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.subject && !subjectName(q.subject))
        throw new HttpError(400, 'Unknown subject', `There is no subject "${q.subject}".`, 'validation');
      const page = await reading.page(
        { types: isContentType(q.type) ? [q.type] : undefined, subject: q.subject, authorSlug: q.author },
        // Fastify fills in the defaults; the fallbacks only tell the type checker so.
        q.page ?? 1,
        q.perPage ?? PER_PAGE,
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
        params: IdParams,
        response: { 200: Item, ...problems(400, 404) },
      },
    },
    async (request) => {
      const item = await reading.byId(request.params.id);
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
      schema: { tags: TAGS, summary: 'Create a draft (editors)', body: NewItem, response: { ...EDITOR_RESPONSES, 201: State } },
    },
    async (request, reply) => {
      const result = readFields(request.body);
      if (!result.ok) return invalid(reply, result.errors);
      const id = await workflow.create(result.fields, signedInActorOf(request));
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
        params: IdParams,
        body: NewVersion,
        response: EDITOR_RESPONSES,
      },
    },
    async (request, reply) => {
      const item = await loaded(request.params.id);
      const result = readFields(request.body, item.type);
      if (!result.ok) return invalid(reply, result.errors);
      return answer(reply, item.id, await workflow.save(item.id, result.fields, request.body.version, signedInActorOf(request)));
    },
  );

  const action = (name: string, summaryText: string, run: (item: ContentItem, request: FastifyRequest) => Promise<Outcome | Conflict>) => {
    app.post(
      `/api/v1/content/:id/${name}`,
      { config: EDITORS, schema: { tags: TAGS, summary: summaryText, params: IdParams, response: EDITOR_RESPONSES } },
      async (request, reply) => {
        const item = await loaded(request.params.id);
        return answer(reply, item.id, await run(item, request));
      },
    );
  };

  action('submit', 'Send the draft for review (editors)', (item, request) => workflow.submit(item.id, signedInActorOf(request)));
  action('approve', 'Approve the version under review: a second editor (editors)', (item, request) =>
    workflow.approve(item.id, signedInActorOf(request)),
  );
  app.post(
    '/api/v1/content/:id/publish',
    {
      config: EDITORS,
      schema: {
        tags: TAGS,
        summary: 'Publish now, or at a time in the future (editors)',
        params: IdParams,
        body: PublishBody,
        response: EDITOR_RESPONSES,
      },
    },
    async (request, reply) => {
      const item = await loaded(request.params.id);
      const at = request.body?.at;
      return answer(reply, item.id, await workflow.publish(item.id, signedInActorOf(request), at ? new Date(at) : null));
    },
  );
  action('unpublish', 'Take the item off the site (editors)', (item, request) => workflow.unpublish(item.id, signedInActorOf(request)));
};
