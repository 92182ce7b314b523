import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { pathParams, rawFields, typed } from '../../../platform/schemas.js';
import { numberedPagination, pageNumberFrom } from '../../../platform/pagination.js';
import { SESSION_COOKIE } from '../../../platform/sessions.js';
import { createVersionedCache, versionOf } from './versioned-cache.js';
import { requirePrincipal } from '../../../platform/access.js';
import { POSTS_PER_PAGE, THREADS_PER_PAGE } from './service.js';
import {
  boardUrl,
  idFrom,
  locate,
  newSubmissionKey,
  notFound,
  PUBLIC,
  readableBoard,
  SIGNED_IN,
  threadUrl,
  viewerOf,
} from '../route-helpers.js';
import { QUERY_MAX, RESULTS_PER_PAGE } from './search.js';

const SlugParams = pathParams('slug');
const ThreadParams = pathParams('slug', 'id');
const PageQuery = rawFields('page');

/** "> Sam wrote:" and their words, each line quoted, for the reply box. */
function quoteOf(pseudonym: string, body: string): string {
  const lines = body.split('\n').map((line) => `> ${line}`);
  return `> **${pseudonym}** wrote:\n>\n${lines.join('\n')}\n\n`;
}

/** Reading the boards: the list, a board's threads, a thread's posts, search, and a member's own posts. */
export const readingRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const boards = app.boards;
  const threadPages = createVersionedCache<string>();

  /** Visitors with no session see the same thread page, with no form and no cookie: that page may be kept. */
  const keepable = (request: FastifyRequest) => !request.principal && !request.cookies[SESSION_COOKIE];

  // Scoped to these routes: keeps the rendering of a thread page a visitor was sent, once it is known to be complete.
  app.addHook('onSend', async (request, reply, payload) => {
    const version = (request as FastifyRequest & { threadVersion?: string }).threadVersion;
    if (version && reply.statusCode === 200 && typeof payload === 'string' && !reply.hasHeader('set-cookie')) {
      threadPages.set(request.url, version, payload);
    }
    return payload;
  });

  app.get('/boards', { config: PUBLIC }, async (request, reply) => {
    const viewer = viewerOf(request);
    const views = await boards.reading.boardsFor(viewer);
    const profile = viewer ? await boards.posting.profileOf(viewer.id) : null;
    return reply.page('boards/index.njk', {
      boards: views.filter((v) => v.access.read),
      // Restricted boards are named only to people signed in, who may ask to join them.
      joinable: viewer ? views.filter((v) => v.board.restricted && !v.access.read) : [],
      profile,
    });
  });

  app.get('/boards/search', { config: PUBLIC, schema: { querystring: rawFields('q', 'page') } }, async (request, reply) => {
    const raw = request.query.q;
    const query = typeof raw === 'string' ? raw.trim() : '';
    const errors = [...query].length > QUERY_MAX ? [{ field: 'q', text: `Search for ${QUERY_MAX} characters or fewer` }] : [];
    const page = pageNumberFrom(request.query);
    const readable = (await boards.reading.boardsFor(viewerOf(request))).filter((v) => v.access.read).map((v) => v.board.slug);
    const found = query && errors.length === 0 ? await boards.search.search(query, readable, page) : { total: 0, results: [] };
    return reply.code(errors.length ? 400 : 200).page('boards/search.njk', {
      query,
      errors,
      values: { q: query },
      ...found,
      pagination: numberedPagination(`/boards/search?q=${encodeURIComponent(query)}`, page, Math.ceil(found.total / RESULTS_PER_PAGE)),
    });
  });

  app.get('/boards/my-posts.json', { config: SIGNED_IN }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const data = await boards.personalData.exportFor(principal.id);
    return reply
      .header('content-disposition', 'attachment; filename="my-posts-on-hearth-boards.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/boards/:slug', { config: PUBLIC, schema: { params: SlugParams, querystring: PageQuery } }, async (request, reply) => {
    const view = await readableBoard(boards, request, request.params.slug);
    const viewer = viewerOf(request);
    const page = pageNumberFrom(request.query);
    const { total, threads } = await boards.reading.threadsOf(view.board.slug, viewer, page);
    const watch = viewer ? await boards.watching.watchOf(viewer.id, { boardSlug: view.board.slug }) : undefined;
    return reply.page('boards/board.njk', {
      board: view.board,
      access: view.access,
      threads,
      total,
      watch,
      pagination: numberedPagination(boardUrl(view.board.slug), page, Math.ceil(total / THREADS_PER_PAGE)),
    });
  });

  app.get(
    '/boards/:slug/t/:id',
    { config: PUBLIC, schema: { params: ThreadParams, querystring: rawFields('page', 'quote') } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const id = idFrom(request.params.id);
      const thread = id === null ? null : await boards.reading.threadFor(id, viewer);
      if (!thread) throw notFound();
      const view = await boards.reading.boardFor(thread.board_slug, viewer);
      if (!view || !view.access.read) throw notFound();
      const anonymous = keepable(request);
      if (anonymous) {
        const kept = threadPages.get(request.url, versionOf(thread));
        if (kept) return reply.type('text/html; charset=utf-8').send(kept);
      }
      if (thread.board_slug !== request.params.slug) {
        // A moderator moved it: send readers to where it lives now.
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        return reply.redirect(`${threadUrl(thread.board_slug, thread.id)}${query}`, 301);
      }
      const reader = await boards.reading.readerOf(thread.id, viewer);
      const { lastRead, profile, watch } = reader;
      const requested = pageNumberFrom(request.query);
      const { total, posts } = await boards.reading.postsOf(thread, viewer, requested, reader);
      const pages = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
      if (requested > pages) throw notFound();
      // Only when it moves forward: markRead never moves backwards anyway, and a write on every reading of a page
      // already read was the dearest query of a signed-in thread page.
      const lastShown = posts.at(-1)?.id;
      if (viewer && lastShown !== undefined && (lastRead === null || lastShown > lastRead)) {
        await boards.reading.markRead(viewer, thread.id, lastShown);
      }

      const quoteId = idFrom(request.query.quote);
      const quoted = quoteId ? await boards.reading.postFor(quoteId, viewer) : null;
      const quotedPost = quoted && quoted.thread.id === thread.id && quoted.post.status === 'visible' ? quoted.post : null;
      const quotedName = quotedPost
        ? (posts.find((p) => p.id === quotedPost.id)?.pseudonym ?? (await pseudonymOf(quotedPost.author_id)))
        : '';

      const base = threadUrl(view.board.slug, thread.id);
      if (anonymous) (request as FastifyRequest & { threadVersion?: string }).threadVersion = versionOf(thread);
      // A member reads the same page of a thread again and again: its rendering is kept under everything it shows
      // (the thread's version, what this reader has read and watches, which of their posts they may still change).
      // A moderator's page lists the other boards and holds forms of its own, so it is always drawn afresh.
      const sharedAs = view.access.moderate
        ? undefined
        : JSON.stringify([
            versionOf(thread),
            requested,
            quoteId,
            reader,
            view.board,
            view.access,
            posts.filter((p) => p.editable).map((p) => p.id),
          ]);
      return reply.page(
        'boards/thread.njk',
        {
          board: view.board,
          access: view.access,
          thread,
          posts,
          page: requested,
          pages,
          hasUnread: lastRead !== null && thread.last_post_id !== null && thread.last_post_id > lastRead,
          profile,
          watch,
          signedIn: !!viewer,
          values: { body: quotedPost ? quoteOf(quotedName, quotedPost.body) : '' },
          moveTo: view.access.moderate ? (await boards.reading.allBoards()).filter((b) => b.slug !== view.board.slug) : [],
          pagination: numberedPagination(base, requested, pages),
        },
        { sharedAs, fresh: { submissionKey: newSubmissionKey } },
      );
    },
  );

  app.get('/boards/:slug/t/:id/unread', { config: PUBLIC, schema: { params: ThreadParams } }, async (request, reply) => {
    const { view, thread } = await locate(boards, request, request.params.slug, request.params.id);
    const viewer = viewerOf(request);
    const base = threadUrl(view.board.slug, thread.id);
    const first = await boards.reading.firstUnread(thread, viewer);
    if (first === null) {
      const { total } = await boards.reading.postsOf(thread, viewer, 1, null);
      return reply.redirect(`${base}?page=${Math.max(1, Math.ceil(total / POSTS_PER_PAGE))}`, 303);
    }
    const page = await boards.reading.pageOf(thread, viewer, first);
    return reply.redirect(`${base}?page=${page}#post-${first}`, 303);
  });

  async function pseudonymOf(userId: string | null): Promise<string> {
    if (!userId) return 'former member';
    return (await boards.posting.profileOf(userId))?.pseudonym ?? 'former member';
  }
};
