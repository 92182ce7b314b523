import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { problemSchema } from '../../../platform/api/routes.js';
import { RULES } from '../../../platform/access.js';
import { sendProblem } from '../../../platform/errors.js';
import type { FieldError } from '../../../platform/validation.js';
import { moderatorOf } from '../route-helpers.js';
import type { BoardAdmin } from './service.js';
import { boardDetailsForm, boardRulesForm, newBoardForm, SLUG_MAX } from './forms.js';
import { GRANTEES } from './rules.js';

const TAGS = ['boards administration'];
const { $id: _problemId, ...problem } = problemSchema;
const problems = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };

const grantees = {
  type: 'array',
  items: { type: 'string', enum: GRANTEES },
  description:
    '"visitor" (anyone; for replying and starting threads, anyone signed in), "approved" (let in after asking to join) or a role',
} as const;

const rulesSchema = {
  type: 'object',
  required: ['read', 'reply', 'start'],
  properties: { read: grantees, reply: grantees, start: grantees },
} as const;

const adminBoardSchema = {
  type: 'object',
  properties: {
    slug: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    position: { type: 'integer' },
    restricted: { type: 'boolean' },
    closed: { type: 'boolean', description: 'Closed to new threads; its threads can still be read and replied to' },
    threads: { type: 'integer' },
    rules: rulesSchema,
  },
} as const;

const slugParams = { type: 'object', required: ['slug'], properties: { slug: { type: 'string', maxLength: SLUG_MAX } } } as const;

type AdminBoard = NonNullable<Awaited<ReturnType<BoardAdmin['find']>>>;

function boardJson(board: AdminBoard) {
  return {
    slug: board.slug,
    title: board.title,
    description: board.description,
    position: board.position,
    restricted: board.restricted,
    closed: board.closed_at !== null,
    threads: board.threads,
    rules: board.rules,
  };
}

function invalid(reply: FastifyReply, errors: FieldError[]) {
  return sendProblem(reply, {
    status: 400,
    title: 'The board was not changed',
    detail: errors.map((e) => e.text).join('. '),
    kind: 'validation',
    errors,
  });
}

function notFoundProblem(reply: FastifyReply) {
  return sendProblem(reply, { status: 404, title: 'Not found', detail: 'There is no board here.', kind: 'not-found' });
}

/** A JSON true or false for "restricted", as the form's yes or no; anything else is left for the form to refuse. */
function yesOrNo(value: unknown): unknown {
  return value === true ? 'yes' : value === false ? 'no' : value;
}

/**
 * The administration of /admin/boards for other systems, with an administrator's token. The same forms check what
 * is sent, and the same service refuses unsafe rules and writes the audit entries.
 */
export const adminApiRoutes: FastifyPluginAsync = async (app) => {
  const admin = app.boards.admin;

  async function answer(reply: FastifyReply, slug: string, code = 200) {
    const board = await admin.find(slug);
    return board ? reply.code(code).send(boardJson(board)) : notFoundProblem(reply);
  }

  app.get(
    '/api/v1/boards/admin/boards',
    {
      config: RULES.admins,
      schema: {
        tags: TAGS,
        summary: 'Every board, with who may read, reply and start threads',
        response: { 200: { type: 'array', items: adminBoardSchema }, ...problems },
      },
    },
    async () => (await admin.list()).map(boardJson),
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/boards/admin/boards',
    {
      config: RULES.admins,
      schema: {
        tags: TAGS,
        summary: 'Add a board; it starts with the rules of an open or a restricted board',
        body: {
          type: 'object',
          required: ['slug', 'title', 'description', 'restricted'],
          properties: { ...newBoardForm.jsonSchema.properties, restricted: { type: 'boolean' } },
        },
        response: { 201: adminBoardSchema, ...problems },
      },
    },
    async (request, reply) => {
      const form = newBoardForm.parse({ ...request.body, restricted: yesOrNo(request.body.restricted) });
      if (!form.ok) return invalid(reply, form.errors);
      const errors = await admin.create(moderatorOf(request), { ...form.data, restricted: form.data.restricted === 'yes' });
      if (errors.length) return invalid(reply, errors);
      return answer(reply, form.data.slug, 201);
    },
  );

  app.put<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/api/v1/boards/admin/boards/:slug',
    {
      config: RULES.admins,
      schema: {
        tags: TAGS,
        summary: 'Change a board’s name, description and place in the list',
        params: slugParams,
        body: {
          type: 'object',
          required: ['title', 'description', 'position'],
          properties: { ...boardDetailsForm.jsonSchema.properties, position: { type: 'integer', minimum: 0, maximum: 999 } },
        },
        response: { 200: adminBoardSchema, ...problems },
      },
    },
    async (request, reply) => {
      if (!(await admin.find(request.params.slug))) return notFoundProblem(reply);
      const form = boardDetailsForm.parse(request.body);
      if (!form.ok) return invalid(reply, form.errors);
      await admin.changeDetails(moderatorOf(request), request.params.slug, { ...form.data, position: Number(form.data.position) });
      return answer(reply, request.params.slug);
    },
  );

  app.put<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/api/v1/boards/admin/boards/:slug/rules',
    {
      config: RULES.admins,
      schema: {
        tags: TAGS,
        summary: 'Change whether a board is restricted and who may read, reply and start threads; unsafe rules are refused',
        description:
          'Refused with 400: a restricted board that people who are not signed in, or all members, could read; making `research-and-practice` open; "approved" on a board that is not restricted; anyone who may reply or start threads but not read.',
        params: slugParams,
        body: {
          ...rulesSchema,
          required: ['restricted', ...rulesSchema.required],
          properties: { restricted: { type: 'boolean' }, ...rulesSchema.properties },
        },
        response: { 200: adminBoardSchema, ...problems },
      },
    },
    async (request, reply) => {
      if (!(await admin.find(request.params.slug))) return notFoundProblem(reply);
      const form = boardRulesForm.parse({ ...request.body, restricted: yesOrNo(request.body.restricted) });
      if (!form.ok) return invalid(reply, form.errors);
      const { restricted, ...rules } = form.data;
      const errors = await admin.changeRules(moderatorOf(request), request.params.slug, { restricted: restricted === 'yes', rules });
      if (errors === null) return notFoundProblem(reply);
      if (errors.length) return invalid(reply, errors);
      return answer(reply, request.params.slug);
    },
  );

  for (const [action, closed] of [
    ['close', true],
    ['open', false],
  ] as const) {
    app.post<{ Params: { slug: string } }>(
      `/api/v1/boards/admin/boards/:slug/${action}`,
      {
        config: RULES.admins,
        schema: {
          tags: TAGS,
          summary: closed
            ? 'Close a board to new threads (its threads can still be read and replied to)'
            : 'Open a closed board to new threads again',
          params: slugParams,
          response: { 200: adminBoardSchema, ...problems },
        },
      },
      async (request, reply) => {
        if (!(await admin.setClosed(moderatorOf(request), request.params.slug, closed))) return notFoundProblem(reply);
        return answer(reply, request.params.slug);
      },
    );
  }

  app.delete<{ Params: { slug: string } }>(
    '/api/v1/boards/admin/boards/:slug',
    {
      config: RULES.admins,
      schema: {
        tags: TAGS,
        summary: 'Delete a board nobody has posted on; a board with threads answers 409 and should be closed instead',
        params: slugParams,
        response: { 204: { type: 'null' }, ...problems },
      },
    },
    async (request, reply) => {
      const outcome = await admin.remove(moderatorOf(request), request.params.slug);
      if (outcome === 'not-found') return notFoundProblem(reply);
      if (outcome === 'has-threads')
        return sendProblem(reply, {
          status: 409,
          title: 'The board has threads',
          detail: 'A board with threads cannot be deleted, because people’s conversations would be lost. Close it to new threads instead.',
          kind: 'conflict',
        });
      return reply.code(204).send();
    },
  );
};
