import type { FastifyPluginAsync } from 'fastify';
import Type, { type Static } from 'typebox';
import { Nullable, OneOf, typed } from '../../../platform/schemas.js';
import { Board, PROBLEMS, PageQuery, SlugParams, TAGS, ThreadParams, boardJson, notFoundProblem, readable } from '../api-support.js';
import { idFrom, viewerOf } from '../route-helpers.js';
import { POSTS_PER_PAGE, THREADS_PER_PAGE } from './service.js';

const ThreadSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  startedBy: Type.String(),
  replies: Type.Integer(),
  locked: Type.Boolean(),
  status: Type.String(),
  lastPostAt: Type.String({ format: 'date-time' }),
  unread: Type.Boolean(),
});

const Post = Type.Object({
  id: Type.Integer(),
  author: Type.String({ description: 'The pseudonym, or "former member"' }),
  badge: Nullable(Type.String()),
  status: OneOf(['visible', 'held', 'deleted']),
  html: Type.String({ description: 'Sanitised HTML' }),
  markdown: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Nullable(Type.String({ format: 'date-time' })),
  partRemovedByModerator: Type.Boolean(),
});

/** Boards, their threads and posts, as the token holder may read them. */
export const readingApiRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const boards = app.boards;

  app.get(
    '/api/v1/boards',
    {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'The boards the token holder may read', response: { 200: Type.Array(Board) } },
    },
    async (request) => (await boards.reading.boardsFor(viewerOf(request))).filter((v) => v.access.read).map(boardJson),
  );

  app.get(
    '/api/v1/boards/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'A board and a page of its threads, most recent activity first',
        params: SlugParams,
        querystring: PageQuery,
        response: {
          200: Type.Object({ board: Board, page: Type.Integer(), pages: Type.Integer(), threads: Type.Array(ThreadSummary) }),
          ...PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const view = await readable(boards, request, request.params.slug);
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

  app.get(
    '/api/v1/boards/:slug/threads/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: `A thread and a page of its posts (${POSTS_PER_PAGE} a page), oldest first`,
        params: ThreadParams,
        querystring: PageQuery,
        response: {
          200: Type.Object({
            id: Type.Integer(),
            title: Type.String(),
            locked: Type.Boolean(),
            page: Type.Integer(),
            pages: Type.Integer(),
            posts: Type.Array(Post),
          }),
          ...PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const view = await readable(boards, request, request.params.slug);
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
          // postsOf never returns a rejected post: it is gone for everyone but the moderators' queue.
          status: p.status as Static<typeof Post>['status'],
          html: p.html,
          markdown: p.body,
          createdAt: p.createdAt.toISOString(),
          editedAt: p.editedAt ? p.editedAt.toISOString() : null,
          partRemovedByModerator: p.redacted,
        })),
      };
    },
  );
};
