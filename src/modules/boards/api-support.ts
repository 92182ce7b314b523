import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { sendProblem } from '../../platform/errors.js';
import { problems } from '../../platform/schemas.js';
import type { FieldError } from '../../platform/validation.js';
import type { Boards } from './service.js';
import type { BoardView } from './reading/service.js';
import { viewerOf } from './route-helpers.js';

/** What the boards' API files share: schemas, answers and look-ups. Not a route file, so that each of them may import it. */

export const TAGS = ['boards'];
export const MODERATION_TAGS = ['boards moderation'];

export const PROBLEMS = problems(400, 401, 403, 404, 409, 422, 429);

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
export const ThreadParams = Type.Object({ slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 12 }) });
export const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) });

export const Board = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  restricted: Type.Boolean(),
  closed: Type.Boolean({ description: 'Closed to new threads by an administrator; its threads stay open' }),
  mayReply: Type.Boolean(),
  mayStartThreads: Type.Boolean(),
});

export function boardJson(view: BoardView) {
  return {
    slug: view.board.slug,
    title: view.board.title,
    description: view.board.description,
    restricted: view.board.restricted,
    closed: view.board.closed_at !== null,
    mayReply: view.access.reply,
    mayStartThreads: view.access.start,
  };
}

export function notFoundProblem(reply: FastifyReply) {
  return sendProblem(reply, {
    status: 404,
    title: 'Not found',
    detail: 'There is no board, thread or post here that you can see.',
    kind: 'not-found',
  });
}

export function invalid(reply: FastifyReply, title: string, errors: FieldError[]) {
  return sendProblem(reply, { status: 400, title, detail: errors.map((e) => e.text).join('. '), kind: 'validation', errors });
}

/** A board the token holder may read, or null: a restricted board they may not read does not exist for them. */
export async function readable(boards: Boards, request: FastifyRequest, slug: string) {
  const view = await boards.reading.boardFor(slug, viewerOf(request));
  return view && view.access.read ? view : null;
}
