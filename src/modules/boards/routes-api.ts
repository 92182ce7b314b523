import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { problemSchema } from '../../platform/api/routes.js';
import { requirePrincipal, RULES } from '../../platform/access.js';
import { sendProblem } from '../../platform/errors.js';
import { describeFindings } from './posting/checks.js';
import { isUuid, type FieldError } from '../../platform/validation.js';
import { MissingRecord, ModerationError } from './moderation/service.js';
import {
  joinDecisionForm,
  moveForm,
  redactForm,
  redactionUnchanged,
  rejectForm,
  reportDecisionForm,
  reportForm,
  reportReason,
  suspendForm,
} from './moderation/forms.js';
import { BODY_MAX, TITLE_MAX, type PostDraft, type PostOutcome } from './posting/service.js';
import { POSTS_PER_PAGE, THREADS_PER_PAGE, type BoardView } from './reading/service.js';
import { adviceLineExists, idFrom, moderatorOf, viewerOf } from './route-helpers.js';
import { urgentHelp } from './urgent-help.js';

const TAGS = ['boards'];
const MODERATION_TAGS = ['boards moderation'];
const { $id: _problemId, ...problem } = problemSchema;
const problems = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem, 429: problem };

const boardSchema = {
  type: 'object',
  properties: {
    slug: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    restricted: { type: 'boolean' },
    closed: { type: 'boolean', description: 'Closed to new threads by an administrator; its threads stay open' },
    mayReply: { type: 'boolean' },
    mayStartThreads: { type: 'boolean' },
  },
} as const;

const threadSummary = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    startedBy: { type: 'string' },
    replies: { type: 'integer' },
    locked: { type: 'boolean' },
    status: { type: 'string' },
    lastPostAt: { type: 'string', format: 'date-time' },
    unread: { type: 'boolean' },
  },
} as const;

const postSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    author: { type: 'string', description: 'The pseudonym, or "former member"' },
    badge: { type: 'string', nullable: true },
    status: { type: 'string', enum: ['visible', 'held', 'deleted'] },
    html: { type: 'string', description: 'Sanitised HTML' },
    markdown: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    editedAt: { type: 'string', format: 'date-time', nullable: true },
    partRemovedByModerator: { type: 'boolean' },
  },
} as const;

const postDraftProperties = {
  body: { type: 'string', maxLength: BODY_MAX * 4, description: 'Markdown (a small subset)' },
  pseudonym: { type: 'string', maxLength: 100, description: 'Needed only for someone’s first post' },
  postAnyway: { type: 'boolean', description: 'Post although identifying details were found: a moderator reads it first' },
  submissionKey: {
    type: 'string',
    format: 'uuid',
    description: 'Send the same key again and the first post is returned, not a second one',
  },
} as const;

const postedSchema = {
  type: 'object',
  properties: {
    threadId: { type: 'integer' },
    postId: { type: 'integer' },
    status: { type: 'string', enum: ['visible', 'held'] },
    holdReasons: { type: 'array', items: { type: 'string' } },
    urgentHelp: {
      type: 'array',
      description: 'Present when the post suggests someone may be in danger',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, how: { type: 'string' }, phone: { type: 'string' }, href: { type: 'string' } },
      },
    },
  },
} as const;

const slugParams = { type: 'object', required: ['slug'], properties: { slug: { type: 'string', maxLength: 100 } } } as const;
const threadParams = {
  type: 'object',
  required: ['slug', 'id'],
  properties: { slug: { type: 'string', maxLength: 100 }, id: { type: 'string', maxLength: 12 } },
} as const;
const pageQuery = { type: 'object', properties: { page: { type: 'integer', minimum: 1, maximum: 100000 } } } as const;

function notFoundProblem(reply: FastifyReply) {
  return sendProblem(reply, {
    status: 404,
    title: 'Not found',
    detail: 'There is no board, thread or post here that you can see.',
    kind: 'not-found',
  });
}

function invalid(reply: FastifyReply, title: string, errors: FieldError[]) {
  return sendProblem(reply, { status: 400, title, detail: errors.map((e) => e.text).join('. '), kind: 'validation', errors });
}

function boardJson(view: BoardView) {
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

/** Boards, threads and posts for other systems, read and written with a member's token; moderation for moderators. */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  const boards = app.boards;

  async function readable(request: FastifyRequest, slug: string) {
    const view = await boards.reading.boardFor(slug, viewerOf(request));
    return view && view.access.read ? view : null;
  }

  function answerPosting(request: FastifyRequest, reply: FastifyReply, outcome: PostOutcome) {
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

  function draftOf(body: Record<string, unknown>, withTitle: boolean): PostDraft {
    const key = typeof body.submissionKey === 'string' && /^[0-9a-f-]{36}$/.test(body.submissionKey) ? body.submissionKey : null;
    return {
      ...(withTitle ? { title: String(body.title ?? '') } : {}),
      body: String(body.body ?? ''),
      pseudonym: typeof body.pseudonym === 'string' ? body.pseudonym : undefined,
      postAnyway: body.postAnyway === true,
      submissionKey: key,
    };
  }

  app.get(
    '/api/v1/boards',
    {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'The boards the token holder may read', response: { 200: { type: 'array', items: boardSchema } } },
    },
    async (request) => (await boards.reading.boardsFor(viewerOf(request))).filter((v) => v.access.read).map(boardJson),
  );

  app.get<{ Params: { slug: string }; Querystring: { page?: number } }>(
    '/api/v1/boards/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'A board and a page of its threads, most recent activity first',
        params: slugParams,
        querystring: pageQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              board: boardSchema,
              page: { type: 'integer' },
              pages: { type: 'integer' },
              threads: { type: 'array', items: threadSummary },
            },
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const view = await readable(request, request.params.slug);
      if (!view) return notFoundProblem(reply);
      const page = request.query.page ?? 1;
      const { total, threads } = await boards.reading.threadsOf(view.board.slug, viewerOf(request), page);
      return {
        board: boardJson(view),
        page,
        pages: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)),
        threads: threads.map((t) => ({
          id: t.id,
          title: t.title,
          startedBy: t.pseudonym,
          replies: t.reply_count,
          locked: t.locked,
          status: t.status,
          lastPostAt: t.last_post_at.toISOString(),
          unread: t.unread,
        })),
      };
    },
  );

  app.get<{ Params: { slug: string; id: string }; Querystring: { page?: number } }>(
    '/api/v1/boards/:slug/threads/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: `A thread and a page of its posts (${POSTS_PER_PAGE} a page), oldest first`,
        params: threadParams,
        querystring: pageQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              title: { type: 'string' },
              locked: { type: 'boolean' },
              page: { type: 'integer' },
              pages: { type: 'integer' },
              posts: { type: 'array', items: postSchema },
            },
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const view = await readable(request, request.params.slug);
      const id = idFrom(request.params.id);
      const thread = view && id ? await boards.reading.threadFor(id, viewerOf(request)) : null;
      if (!view || !thread || thread.board_slug !== view.board.slug) return notFoundProblem(reply);
      const page = request.query.page ?? 1;
      const { total, posts } = await boards.reading.postsOf(thread, viewerOf(request), page, null);
      return {
        id: thread.id,
        title: thread.title,
        locked: thread.locked,
        page,
        pages: Math.max(1, Math.ceil(total / POSTS_PER_PAGE)),
        posts: posts.map((p) => ({
          id: p.id,
          author: p.pseudonym,
          badge: p.badge,
          status: p.status,
          html: p.html,
          markdown: p.body,
          createdAt: p.createdAt.toISOString(),
          editedAt: p.editedAt ? p.editedAt.toISOString() : null,
          partRemovedByModerator: p.redacted,
        })),
      };
    },
  );

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/api/v1/boards/:slug/threads',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: 'Start a thread',
        params: slugParams,
        body: {
          type: 'object',
          required: ['title', 'body'],
          properties: { title: { type: 'string', maxLength: TITLE_MAX * 4 }, ...postDraftProperties },
        },
        response: { 200: postedSchema, 201: postedSchema, ...problems },
      },
    },
    async (request, reply) => {
      const view = await readable(request, request.params.slug);
      if (!view) return notFoundProblem(reply);
      if (!view.access.start)
        return sendProblem(reply, {
          status: 403,
          title: 'You cannot start threads here',
          detail: 'This board does not let you start threads.',
          kind: 'forbidden',
        });
      const outcome = await boards.posting.startThread(requirePrincipal(request), view.board.slug, draftOf(request.body, true));
      return answerPosting(request, reply, outcome);
    },
  );

  app.post<{ Params: { slug: string; id: string }; Body: Record<string, unknown> }>(
    '/api/v1/boards/:slug/threads/:id/posts',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: 'Reply to a thread',
        params: threadParams,
        body: { type: 'object', required: ['body'], properties: postDraftProperties },
        response: { 200: postedSchema, 201: postedSchema, ...problems },
      },
    },
    async (request, reply) => {
      const view = await readable(request, request.params.slug);
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
      return answerPosting(request, reply, await boards.posting.reply(requirePrincipal(request), thread, draftOf(request.body, false)));
    },
  );

  app.post<{ Params: { slug: string; id: string; postId: string } }>(
    '/api/v1/boards/:slug/threads/:id/posts/:postId/report',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: 'Report a post to the moderators, with a reason',
        params: {
          type: 'object',
          required: ['slug', 'id', 'postId'],
          properties: { ...threadParams.properties, postId: { type: 'string', maxLength: 12 } },
        },
        body: reportForm.jsonSchema,
        response: { 201: { type: 'object', properties: { reported: { type: 'boolean' } } }, ...problems },
      },
    },
    async (request, reply) => {
      const view = await readable(request, request.params.slug);
      const found = view ? await boards.reading.postFor(idFrom(request.params.postId) ?? 0, viewerOf(request)) : null;
      // Only a post that is up can be reported: a held post is already waiting for a moderator, and is not the reporter's to see.
      if (
        !view ||
        !found ||
        found.thread.board_slug !== view.board.slug ||
        found.thread.id !== idFrom(request.params.id) ||
        found.post.status !== 'visible'
      )
        return notFoundProblem(reply);
      const form = reportForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Give a reason', form.errors);
      await boards.community.report(requirePrincipal(request).id, found.post.id, form.data.reason);
      return reply.code(201).send({ reported: true });
    },
  );

  // RFC 8058 one-click unsubscribe. Mail apps POST here with no cookie and no CSRF token: the signed token is the proof.
  app.post<{ Params: { token: string } }>(
    '/api/v1/boards/unsubscribe/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'One-click unsubscribe from a watched thread or board (RFC 8058), as in the List-Unsubscribe header',
        security: [],
        params: { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 200 } } },
        response: { 200: { type: 'object', properties: { unsubscribed: { type: 'boolean' } } } },
      },
    },
    async (request) => ({ unsubscribed: await boards.watching.unsubscribe(request.params.token) }),
  );

  const MODERATORS = RULES.moderators;

  app.get(
    '/api/v1/boards/moderation/queue',
    {
      config: MODERATORS,
      schema: {
        tags: MODERATION_TAGS,
        summary: 'Held posts (danger first, then oldest), open reports and join requests',
        response: {
          200: {
            type: 'object',
            properties: {
              held: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    postId: { type: 'integer' },
                    threadId: { type: 'integer' },
                    board: { type: 'string' },
                    author: { type: 'string' },
                    urgent: { type: 'boolean' },
                    holdReasons: { type: 'array', items: { type: 'string' } },
                    found: { type: 'array', items: { type: 'string' } },
                    markdown: { type: 'string' },
                    createdAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
              reports: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    postId: { type: 'integer' },
                    reason: { type: 'string' },
                    createdAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
              joinRequests: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    board: { type: 'string' },
                    statement: { type: 'string' },
                    requestedAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          },
          ...problems,
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

  const postIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 12 } } } as const;
  const reportIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 36 } } } as const;
  const userParams = { type: 'object', required: ['userId'], properties: { userId: { type: 'string', maxLength: 36 } } } as const;
  const done = { type: 'object', properties: { done: { type: 'boolean' } } } as const;
  const moderationAction = (summary: string, params: object, body?: object) => ({
    config: MODERATORS,
    schema: { tags: MODERATION_TAGS, summary, params, ...(body ? { body } : {}), response: { 200: done, ...problems } },
  });

  /** Runs a moderator's action: a record that is not there is a 404, a decision already taken a 409. */
  async function act(reply: FastifyReply, action: () => Promise<unknown>) {
    try {
      await action();
    } catch (error) {
      if (error instanceof MissingRecord) return notFoundProblem(reply);
      if (error instanceof ModerationError)
        return sendProblem(reply, { status: 409, title: 'That has already changed', detail: error.message, kind: 'conflict' });
      throw error;
    }
    return { done: true };
  }

  async function moderatedPost(rawId: string) {
    const id = idFrom(rawId);
    return id ? boards.moderation.postForModerator(id) : undefined;
  }

  app.post<{ Params: { id: string } }>(
    '/api/v1/boards/moderation/posts/:id/approve',
    moderationAction('Put a held post up', postIdParams),
    async (request, reply) => {
      const post = await moderatedPost(request.params.id);
      if (!post) return notFoundProblem(reply);
      return act(reply, () => boards.moderation.approve(moderatorOf(request), post.id));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/boards/moderation/posts/:id/reject',
    moderationAction('Take a post down; the reason is emailed to its author', postIdParams, rejectForm.jsonSchema),
    async (request, reply) => {
      const post = await moderatedPost(request.params.id);
      if (!post) return notFoundProblem(reply);
      const form = rejectForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Give a reason', form.errors);
      return act(reply, () => boards.moderation.reject(moderatorOf(request), post.id, form.data.reason));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/boards/moderation/posts/:id/redact',
    moderationAction(
      'Remove part of a post: `body` is what it should now say; the words as written are kept for moderators',
      postIdParams,
      redactForm.jsonSchema,
    ),
    async (request, reply) => {
      const post = await moderatedPost(request.params.id);
      if (!post) return notFoundProblem(reply);
      const form = redactForm.parse(request.body);
      const errors = form.ok ? redactionUnchanged(form.data.body, post.body) : form.errors;
      if (!form.ok || errors.length) return invalid(reply, 'The change is not valid', errors);
      return act(reply, () => boards.moderation.redact(moderatorOf(request), post.id, form.data.body, form.data.reason));
    },
  );

  for (const locked of [true, false]) {
    app.post<{ Params: { id: string } }>(
      `/api/v1/boards/moderation/threads/:id/${locked ? 'lock' : 'unlock'}`,
      moderationAction(locked ? 'Lock a thread: nobody but moderators can reply' : 'Open a locked thread again', postIdParams),
      async (request, reply) => {
        const id = idFrom(request.params.id);
        if (!id) return notFoundProblem(reply);
        return act(reply, () => boards.moderation.setLocked(moderatorOf(request), id, locked));
      },
    );
  }

  app.post<{ Params: { id: string } }>(
    '/api/v1/boards/moderation/threads/:id/move',
    moderationAction('Move a thread to another board; its old address redirects', postIdParams, moveForm.jsonSchema),
    async (request, reply) => {
      const id = idFrom(request.params.id);
      if (!id) return notFoundProblem(reply);
      const form = moveForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Choose a board', form.errors);
      const board = (await boards.reading.allBoards()).find((b) => b.slug === form.data.board);
      if (!board) return invalid(reply, 'Choose a board', [{ field: 'board', text: 'There is no board with that slug' }]);
      boards.reading.forgetBoards();
      return act(reply, () => boards.moderation.move(moderatorOf(request), id, board.slug));
    },
  );

  app.post<{ Params: { userId: string } }>(
    '/api/v1/boards/moderation/members/:userId/suspend',
    moderationAction('Pause a member’s posting for 1 to 365 days; the reason is emailed to them', userParams, suspendForm.jsonSchema),
    async (request, reply) => {
      if (!isUuid(request.params.userId)) return notFoundProblem(reply);
      const form = suspendForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'The pause is not valid', form.errors);
      return act(reply, () => boards.moderation.suspend(moderatorOf(request), request.params.userId, form.data.days, form.data.reason));
    },
  );

  app.post<{ Params: { userId: string } }>(
    '/api/v1/boards/moderation/members/:userId/posts-freely',
    moderationAction('Let a new member post without waiting for a moderator', userParams),
    async (request, reply) => {
      if (!isUuid(request.params.userId)) return notFoundProblem(reply);
      return act(reply, () => boards.moderation.allowToPostFreely(moderatorOf(request), request.params.userId));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/boards/moderation/reports/:id',
    moderationAction(
      'Close a report: leave the post up, or take it down (the reason is emailed to its author)',
      reportIdParams,
      reportDecisionForm.jsonSchema,
    ),
    async (request, reply) => {
      if (!isUuid(request.params.id)) return notFoundProblem(reply);
      const form = reportDecisionForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Choose what to do', form.errors);
      const { outcome, reason } = form.data;
      return act(reply, () =>
        boards.moderation.resolveReport(moderatorOf(request), request.params.id, outcome, reportReason(outcome, reason)),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/boards/moderation/join-requests/:id',
    moderationAction(
      'Let someone into a restricted board, or refuse; they are emailed either way',
      reportIdParams,
      joinDecisionForm.jsonSchema,
    ),
    async (request, reply) => {
      if (!isUuid(request.params.id)) return notFoundProblem(reply);
      const form = joinDecisionForm.parse(request.body);
      if (!form.ok) return invalid(reply, 'Choose a decision', form.errors);
      const { decision, reason } = form.data;
      return act(reply, () => boards.moderation.decideJoin(moderatorOf(request), request.params.id, decision === 'approve', reason));
    },
  );
};
