import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { requirePrincipal } from '../../platform/access.js';
import { sendProblem } from '../../platform/errors.js';
import { cursorFrom } from '../../platform/pagination.js';
import { Nullable, problems, typed } from '../../platform/schemas.js';
import { NOTICE_READERS } from './access.js';
import { noticeForm } from './forms.js';
import type { Notice } from './service.js';
import { actorOf } from '../../platform/audit.js';

const TAGS = ['notices'];

const NoticeJson = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  reviewBy: Type.String({ format: 'date', description: 'The day a manager should review it (YYYY-MM-DD, London)' }),
  author: Nullable(Type.String({ description: 'Null once the author’s account is deleted' })),
  postedAt: Type.String({ format: 'date-time' }),
});

const noticeJson = (n: Notice) => ({ ...n, postedAt: n.postedAt.toISOString() });

/** The pages' actions for other systems, with a practitioner's or manager's token: the same form, service and audit. */
export const noticesApi: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const notices = app.notices;

  app.get(
    '/api/v1/notices',
    {
      config: NOTICE_READERS,
      schema: {
        tags: TAGS,
        summary: 'Your team’s notices, newest first',
        querystring: Type.Object({ before: Type.Optional(Type.String({ description: 'The `older` cursor of the page before' })) }),
        response: { 200: Type.Object({ notices: Type.Array(NoticeJson), older: Nullable(Type.Integer()) }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const { notices: page, older } = await notices.page(requirePrincipal(request), cursorFrom(request.query, 'before', 'id'));
      return { notices: page.map(noticeJson), older };
    },
  );

  app.get(
    '/api/v1/notices/:id',
    {
      config: NOTICE_READERS,
      schema: {
        tags: TAGS,
        summary: 'One of your team’s notices (reading it is audited)',
        params: Type.Object({ id: Type.String() }),
        response: { 200: NoticeJson, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const id = cursorFrom(request.params, 'id', 'id');
      const notice = id === null ? null : await notices.read(actorOf(request), id);
      if (!notice) return sendProblem(reply, { status: 404, title: 'Not found', detail: 'There is no notice here.', kind: 'not-found' });
      return noticeJson(notice);
    },
  );

  app.post(
    '/api/v1/notices',
    {
      config: NOTICE_READERS,
      schema: {
        tags: TAGS,
        summary: 'Post a notice to your team',
        // The form checks each field, so a mistake gets the same words as on the page; the schema documents it.
        body: Type.Unsafe<Record<string, unknown>>({ ...noticeForm.jsonSchema, required: ['title', 'body', 'reviewBy'] }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const form = noticeForm.parse(request.body);
      if (!form.ok) {
        const detail = form.errors.map((e) => e.text).join('. ');
        return sendProblem(reply, { status: 400, title: 'The notice was not posted', detail, kind: 'validation', errors: form.errors });
      }
      const posted = await notices.post(actorOf(request), form.data);
      if (!posted.ok) {
        return sendProblem(reply, {
          status: 409,
          title: 'Not in a team',
          detail: 'Only someone in a team can post a notice.',
          kind: 'conflict',
        });
      }
      return reply.code(201).send({ id: posted.id });
    },
  );
};
