import { signedInActorOf } from '../../../platform/audit.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type, { type TSchema } from 'typebox';
import { sendProblem } from '../../../platform/errors.js';
import { typed } from '../../../platform/schemas.js';
import { MODERATION_TAGS, PROBLEMS, invalid, notFoundProblem } from '../api-support.js';
import { isUuid } from '../../../platform/validation.js';
import { MODERATORS, idFrom } from '../route-helpers.js';
import {
  joinDecisionForm,
  moveForm,
  redactForm,
  redactionUnchanged,
  rejectForm,
  reportDecisionForm,
  reportReason,
  suspendForm,
} from './forms.js';
import type { Moderated } from './service.js';

const HeldPost = Type.Object({
  postId: Type.Integer(),
  threadId: Type.Integer(),
  board: Type.String(),
  author: Type.String(),
  urgent: Type.Boolean(),
  holdReasons: Type.Array(Type.String()),
  found: Type.Array(Type.String()),
  markdown: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const OpenReport = Type.Object({
  id: Type.String(),
  postId: Type.Integer(),
  reason: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const JoinRequest = Type.Object({
  id: Type.String(),
  board: Type.String(),
  statement: Type.String(),
  requestedAt: Type.String({ format: 'date-time' }),
});

const PostIdParams = Type.Object({ id: Type.String({ maxLength: 12 }) });
const ReportIdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const UserParams = Type.Object({ userId: Type.String({ maxLength: 36 }) });
const Done = Type.Object({ done: Type.Boolean() });

function moderationAction<Params extends TSchema>(summary: string, params: Params, body?: object) {
  return {
    config: MODERATORS,
    schema: { tags: MODERATION_TAGS, summary, params, ...(body ? { body } : {}), response: { 200: Done, ...PROBLEMS } },
  };
}

/** Runs a moderator's action: a record that is not there is a 404, a decision already taken a 409. */
async function act(reply: FastifyReply, action: () => Promise<Moderated>) {
  const result = await action();
  if (!result.ok && result.reason === 'not-found') return notFoundProblem(reply);
  if (!result.ok) return sendProblem(reply, { status: 409, title: 'That has already changed', detail: result.message, kind: 'conflict' });
  return { done: true };
}

/** The moderation queue and every moderator's action, for other systems; the same service and audit as the pages. */
export const moderationApiRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const boards = app.boards;

  async function moderatedPost(rawId: string) {
    const id = idFrom(rawId);
    return id ? boards.moderation.postForModerator(id) : undefined;
  }

  app.get(
    '/api/v1/boards/moderation/queue',
    {
      config: MODERATORS,
      schema: {
        tags: MODERATION_TAGS,
        summary: 'Held posts (danger first, then oldest), open reports and join requests',
        response: {
          200: Type.Object({ held: Type.Array(HeldPost), reports: Type.Array(OpenReport), joinRequests: Type.Array(JoinRequest) }),
          ...PROBLEMS,
        },
      },
    },
    async () => {
      const queue = await boards.moderation.queue();
      return {
        held: queue.held.map((h) => ({
          postId: h.id,
          threadId: h.thread_id,
          board: h.slug,
          author: h.pseudonym ?? 'former member',
          urgent: h.urgent,
          holdReasons: h.hold_reasons,
          found: h.found,
          markdown: h.body,
          createdAt: h.created_at.toISOString(),
        })),
        reports: queue.reports.map((r) => ({ id: r.id, postId: r.post_id, reason: r.reason, createdAt: r.created_at.toISOString() })),
        joinRequests: queue.joins.map((j) => ({
          id: j.id,
          board: j.board_title,
          statement: j.statement,
          requestedAt: j.requested_at.toISOString(),
        })),
      };
    },
  );

  app.post('/api/v1/boards/moderation/posts/:id/approve', moderationAction('Put a held post up', PostIdParams), async (request, reply) => {
    const post = await moderatedPost(request.params.id);
    if (!post) return notFoundProblem(reply);
    return act(reply, () => boards.moderation.approve(signedInActorOf(request), post.id));
  });

  app.post(
    '/api/v1/boards/moderation/posts/:id/reject',
    moderationAction('Take a post down; the reason is emailed to its author', PostIdParams, rejectForm.jsonSchema),
    async (request, reply) => {
      const post = await moderatedPost(request.params.id);
      if (!post) return notFoundProblem(reply);
      const form = rejectForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Give a reason', form.errors);
      return act(reply, () => boards.moderation.reject(signedInActorOf(request), post.id, form.data.reason));
    },
  );

  app.post(
    '/api/v1/boards/moderation/posts/:id/redact',
    moderationAction(
      'Remove part of a post: `body` is what it should now say; the words as written are kept for moderators',
      PostIdParams,
      redactForm.jsonSchema,
    ),
    async (request, reply) => {
      const post = await moderatedPost(request.params.id);
      if (!post) return notFoundProblem(reply);
      const form = redactForm.parse(request.body);
      const errors = form.ok ? redactionUnchanged(form.data.body, post.body) : form.errors;
      if (!form.ok || errors.length) return invalid(reply, 'The change is not valid', errors);
      return act(reply, () => boards.moderation.redact(signedInActorOf(request), post.id, form.data.body, form.data.reason));
    },
  );

  for (const locked of [true, false]) {
    app.post(
      `/api/v1/boards/moderation/threads/:id/${locked ? 'lock' : 'unlock'}`,
      moderationAction(locked ? 'Lock a thread: nobody but moderators can reply' : 'Open a locked thread again', PostIdParams),
      async (request, reply) => {
        const id = idFrom(request.params.id);
        if (!id) return notFoundProblem(reply);
        return act(reply, () => boards.moderation.setLocked(signedInActorOf(request), id, locked));
      },
    );
  }

  app.post(
    '/api/v1/boards/moderation/threads/:id/move',
    moderationAction('Move a thread to another board; its old address redirects', PostIdParams, moveForm.jsonSchema),
    async (request, reply) => {
      const id = idFrom(request.params.id);
      if (!id) return notFoundProblem(reply);
      const form = moveForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Choose a board', form.errors);
      const board = (await boards.reading.allBoards()).find((b) => b.slug === form.data.board);
      if (!board) return invalid(reply, 'Choose a board', [{ field: 'board', text: 'There is no board with that slug' }]);
      boards.reading.forgetBoards();
      return act(reply, () => boards.moderation.move(signedInActorOf(request), id, board.slug));
    },
  );

  app.post(
    '/api/v1/boards/moderation/members/:userId/suspend',
    moderationAction('Pause a member’s posting for 1 to 365 days; the reason is emailed to them', UserParams, suspendForm.jsonSchema),
    async (request, reply) => {
      if (!isUuid(request.params.userId)) return notFoundProblem(reply);
      const form = suspendForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The pause is not valid', form.errors);
      return act(reply, () => boards.moderation.suspend(signedInActorOf(request), request.params.userId, form.data.days, form.data.reason));
    },
  );

  app.post(
    '/api/v1/boards/moderation/members/:userId/posts-freely',
    moderationAction('Let a new member post without waiting for a moderator', UserParams),
    async (request, reply) => {
      if (!isUuid(request.params.userId)) return notFoundProblem(reply);
      return act(reply, () => boards.moderation.allowToPostFreely(signedInActorOf(request), request.params.userId));
    },
  );

  app.post(
    '/api/v1/boards/moderation/reports/:id',
    moderationAction(
      'Close a report: leave the post up, or take it down (the reason is emailed to its author)',
      ReportIdParams,
      reportDecisionForm.jsonSchema,
    ),
    async (request, reply) => {
      if (!isUuid(request.params.id)) return notFoundProblem(reply);
      const form = reportDecisionForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Choose what to do', form.errors);
      const { outcome, reason } = form.data;
      return act(reply, () =>
        boards.moderation.resolveReport(signedInActorOf(request), request.params.id, outcome, reportReason(outcome, reason)),
      );
    },
  );

  app.post(
    '/api/v1/boards/moderation/join-requests/:id',
    moderationAction(
      'Let someone into a restricted board, or refuse; they are emailed either way',
      ReportIdParams,
      joinDecisionForm.jsonSchema,
    ),
    async (request, reply) => {
      if (!isUuid(request.params.id)) return notFoundProblem(reply);
      const form = joinDecisionForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Choose a decision', form.errors);
      const { decision, reason } = form.data;
      return act(reply, () => boards.moderation.decideJoin(signedInActorOf(request), request.params.id, decision === 'approve', reason));
    },
  );
};
