import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type, { type Static } from 'typebox';
import { requirePrincipal } from '../../../platform/access.js';
import { sendProblem } from '../../../platform/errors.js';
import { OneOf, typed } from '../../../platform/schemas.js';
import { PROBLEMS, SlugParams, TAGS, ThreadParams, invalid, notFoundProblem, readable } from '../api-support.js';
import { adviceLineExists, idFrom, viewerOf } from '../route-helpers.js';
import { urgentHelp } from '../urgent-help.js';
import { describeFindings } from './checks.js';
import { BODY_MAX, TITLE_MAX, type PostDraft, type PostOutcome } from './gates.js';

const draftProperties = {
  body: Type.String({ maxLength: BODY_MAX * 4, description: 'Markdown (a small subset)' }),
  pseudonym: Type.Optional(Type.String({ maxLength: 100, description: 'Needed only for someone’s first post' })),
  postAnyway: Type.Optional(Type.Boolean({ description: 'Post although identifying details were found: a moderator reads it first' })),
  submissionKey: Type.Optional(
    Type.String({ format: 'uuid', description: 'Send the same key again and the first post is returned, not a second one' }),
  ),
};

const NewThread = Type.Object({ title: Type.String({ maxLength: TITLE_MAX * 4 }), ...draftProperties });
const Reply = Type.Object(draftProperties);

const Posted = Type.Object({
  threadId: Type.Integer(),
  postId: Type.Integer(),
  status: OneOf(['visible', 'held']),
  holdReasons: Type.Array(Type.String()),
  urgentHelp: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String(),
        how: Type.String(),
        phone: Type.Optional(Type.String()),
        href: Type.Optional(Type.String()),
      }),
      { description: 'Present when the post suggests someone may be in danger' },
    ),
  ),
});

function draftOf(body: Static<typeof Reply> & { title?: string }): PostDraft {
  // The schema has checked the format already; this keeps anything else from reaching the database as a key.
  const key = body.submissionKey && /^[0-9a-f-]{36}$/.test(body.submissionKey) ? body.submissionKey : null;
  return {
    ...(body.title !== undefined ? { title: body.title } : {}),
    body: body.body,
    pseudonym: body.pseudonym,
    postAnyway: body.postAnyway === true,
    submissionKey: key,
  };
}

/** Starting threads and replying, with a member's token: the same checks and holds as the pages. */
export const postingApiRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const boards = app.boards;

  function answerPosting(reply: FastifyReply, outcome: PostOutcome) {
    switch (outcome.kind) {
      case 'invalid':
        return invalid(reply, 'The post is not valid', outcome.errors);
      case 'check-identifying':
        return sendProblem(reply, {
          status: 422,
          title: 'The post may identify someone',
          detail: `We found ${describeFindings(outcome.findings).join('; ')}. Change the post, or send it again with "postAnyway": true and a moderator will read it first.`,
          kind: 'identifying-details',
          errors: describeFindings(outcome.findings).map((text) => ({ field: 'body', text })),
        });
      case 'rate-limited':
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return sendProblem(reply, {
          status: 429,
          title: 'Too many posts',
          detail: `Wait ${outcome.retryAfterSeconds} seconds, then post again.`,
          kind: 'too-many-requests',
        });
      case 'suspended':
        return sendProblem(reply, {
          status: 403,
          title: 'Posting is paused',
          detail: `A moderator has paused this member's posting until ${outcome.until.toISOString()}.`,
          kind: 'suspended',
        });
      case 'posted':
        return reply.code(outcome.repeat ? 200 : 201).send({
          threadId: outcome.threadId,
          postId: outcome.postId,
          status: outcome.status,
          holdReasons: outcome.holdReasons,
          ...(outcome.danger ? { urgentHelp: urgentHelp(adviceLineExists(app)) } : {}),
        });
    }
  }

  app.post(
    '/api/v1/boards/:slug/threads',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: 'Start a thread',
        params: SlugParams,
        body: NewThread,
        response: { 200: Posted, 201: Posted, ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const view = await readable(boards, request, request.params.slug);
      if (!view) return notFoundProblem(reply);
      if (!view.access.start)
        return sendProblem(reply, {
          status: 403,
          title: 'You cannot start threads here',
          detail: 'This board does not let you start threads.',
          kind: 'forbidden',
        });
      const outcome = await boards.posting.startThread(requirePrincipal(request), view.board.slug, draftOf(request.body));
      return answerPosting(reply, outcome);
    },
  );

  app.post(
    '/api/v1/boards/:slug/threads/:id/posts',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: 'Reply to a thread',
        params: ThreadParams,
        body: Reply,
        response: { 200: Posted, 201: Posted, ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const view = await readable(boards, request, request.params.slug);
      const id = idFrom(request.params.id);
      const thread = view && id ? await boards.reading.threadFor(id, viewerOf(request)) : null;
      if (!view || !thread || thread.board_slug !== view.board.slug) return notFoundProblem(reply);
      if (!view.access.reply)
        return sendProblem(reply, {
          status: 403,
          title: 'You cannot reply here',
          detail: 'This board does not let you reply.',
          kind: 'forbidden',
        });
      if ((thread.locked || thread.status !== 'visible') && !view.access.moderate) {
        return sendProblem(reply, {
          status: 409,
          title: 'The thread is closed',
          detail: 'A moderator has locked this thread, or it is not up yet.',
          kind: 'locked',
        });
      }
      return answerPosting(reply, await boards.posting.reply(requirePrincipal(request), thread, draftOf(request.body)));
    },
  );
};
