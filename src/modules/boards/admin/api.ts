import { signedInActorOf } from '../../../platform/audit.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type, { type Static } from 'typebox';
import { sendProblem } from '../../../platform/errors.js';
import { OneOf, problems, typed } from '../../../platform/schemas.js';
import type { FieldError } from '../../../platform/validation.js';
import type { BoardAdmin } from './service.js';
import { boardDetailsForm, boardRulesForm, newBoardForm, SLUG_MAX } from './forms.js';
import { GRANTEES } from './rules.js';
import { ADMINS } from '../route-helpers.js';

const TAGS = ['boards administration'];
const PROBLEMS = problems(400, 401, 403, 404, 409);

const Grantees = Type.Array(OneOf(GRANTEES), {
  description:
    '"visitor" (anyone; for replying and starting threads, anyone signed in), "approved" (let in after asking to join) or a role',
});

const ruleProperties = { read: Grantees, reply: Grantees, start: Grantees };
const Rules = Type.Object(ruleProperties);

const AdminBoard = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  restricted: Type.Boolean(),
  closed: Type.Boolean({ description: 'Closed to new threads; its threads can still be read and replied to' }),
  threads: Type.Integer(),
  rules: Rules,
});

const SlugParams = Type.Object({ slug: Type.String({ maxLength: SLUG_MAX }) });

/** A body the board forms check, field by field, so that a mistake gets the same words as on the page. */
const formBody = (required: string[], properties: Record<string, unknown>) =>
  Type.Unsafe<Record<string, unknown>>({ type: 'object', required, properties });

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
    // The service stores only grantees: changeRules and the defaults never write anything else.
    rules: board.rules as Static<typeof Rules>,
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
export const adminApiRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const admin = app.boards.admin;

  async function answer(reply: FastifyReply, slug: string, code = 200) {
    const board = await admin.find(slug);
    return board ? reply.code(code).send(boardJson(board)) : notFoundProblem(reply);
  }

  app.get(
    '/api/v1/boards/admin/boards',
    {
      config: ADMINS,
      schema: {
        tags: TAGS,
        summary: 'Every board, with who may read, reply and start threads',
        response: { 200: Type.Array(AdminBoard), ...PROBLEMS },
      },
    },
    async () => (await admin.list()).map(boardJson),
  );

  app.post(
    '/api/v1/boards/admin/boards',
    {
      config: ADMINS,
      schema: {
        tags: TAGS,
        summary: 'Add a board; it starts with the rules of an open or a restricted board',
        body: formBody(['slug', 'title', 'description', 'restricted'], {
          ...newBoardForm.jsonSchema.properties,
          restricted: { type: 'boolean' },
        }),
        response: { 201: AdminBoard, ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const form = newBoardForm.parse({ ...request.body, restricted: yesOrNo(request.body.restricted) });
      if (!form.ok) return invalid(reply, form.errors);
      const created = await admin.create(signedInActorOf(request), { ...form.data, restricted: form.data.restricted === 'yes' });
      if (!created.ok && created.reason === 'invalid') return invalid(reply, created.errors);
      return answer(reply, form.data.slug, 201);
    },
  );

  app.put(
    '/api/v1/boards/admin/boards/:slug',
    {
      config: ADMINS,
      schema: {
        tags: TAGS,
        summary: 'Change a board’s name, description and place in the list',
        params: SlugParams,
        body: formBody(['title', 'description', 'position'], {
          ...boardDetailsForm.jsonSchema.properties,
          position: { type: 'integer', minimum: 0, maximum: 999 },
        }),
        response: { 200: AdminBoard, ...PROBLEMS },
      },
    },
    async (request, reply) => {
      if (!(await admin.find(request.params.slug))) return notFoundProblem(reply);
      const form = boardDetailsForm.parse(request.body);
      if (!form.ok) return invalid(reply, form.errors);
      const details = { ...form.data, position: Number(form.data.position) };
      if (!(await admin.changeDetails(signedInActorOf(request), request.params.slug, details)).ok) return notFoundProblem(reply);
      return answer(reply, request.params.slug);
    },
  );

  app.put(
    '/api/v1/boards/admin/boards/:slug/rules',
    {
      config: ADMINS,
      schema: {
        tags: TAGS,
        summary: 'Change whether a board is restricted and who may read, reply and start threads; unsafe rules are refused',
        description:
          'Refused with 400: a restricted board that people who are not signed in, or all members, could read; making `research-and-practice` open; "approved" on a board that is not restricted; anyone who may reply or start threads but not read.',
        params: SlugParams,
        body: Type.Object({ restricted: Type.Boolean(), ...ruleProperties }),
        response: { 200: AdminBoard, ...PROBLEMS },
      },
    },
    async (request, reply) => {
      if (!(await admin.find(request.params.slug))) return notFoundProblem(reply);
      const form = boardRulesForm.parse({ ...request.body, restricted: yesOrNo(request.body.restricted) });
      if (!form.ok) return invalid(reply, form.errors);
      const { restricted, ...rules } = form.data;
      const changed = await admin.changeRules(signedInActorOf(request), request.params.slug, { restricted: restricted === 'yes', rules });
      if (!changed.ok && changed.reason === 'invalid') return invalid(reply, changed.errors);
      if (!changed.ok) return notFoundProblem(reply);
      return answer(reply, request.params.slug);
    },
  );

  for (const [action, closed] of [
    ['close', true],
    ['open', false],
  ] as const) {
    app.post(
      `/api/v1/boards/admin/boards/:slug/${action}`,
      {
        config: ADMINS,
        schema: {
          tags: TAGS,
          summary: closed
            ? 'Close a board to new threads (its threads can still be read and replied to)'
            : 'Open a closed board to new threads again',
          params: SlugParams,
          response: { 200: AdminBoard, ...PROBLEMS },
        },
      },
      async (request, reply) => {
        if (!(await admin.setClosed(signedInActorOf(request), request.params.slug, closed)).ok) return notFoundProblem(reply);
        return answer(reply, request.params.slug);
      },
    );
  }

  app.delete(
    '/api/v1/boards/admin/boards/:slug',
    {
      config: ADMINS,
      schema: {
        tags: TAGS,
        summary: 'Delete a board nobody has posted on; a board with threads answers 409 and should be closed instead',
        params: SlugParams,
        response: { 204: Type.Null(), ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const outcome = await admin.remove(signedInActorOf(request), request.params.slug);
      if (!outcome.ok && outcome.reason === 'has-threads')
        return sendProblem(reply, {
          status: 409,
          title: 'The board has threads',
          detail: 'A board with threads cannot be deleted, because people’s conversations would be lost. Close it to new threads instead.',
          kind: 'conflict',
        });
      if (!outcome.ok) return notFoundProblem(reply);
      return reply.code(204).send(null);
    },
  );
};
