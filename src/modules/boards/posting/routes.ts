import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requirePrincipal } from '../../../platform/access.js';
import { HttpError } from '../../../platform/errors.js';
import { formatDateTime } from '../../../platform/time.js';
import type { Flash } from '../../../platform/views.js';
import { describeFindings } from './checks.js';
import { BODY_MAX, type PostOutcome } from './gates.js';
import { reportForm } from '../moderation/forms.js';
import {
  adviceLineExists,
  boardUrl,
  fieldOf,
  locate,
  newSubmissionKey,
  notFound,
  idFrom,
  readableBoard,
  SIGNED_IN,
  submissionKeyFrom,
  threadUrl,
  viewerOf,
} from '../route-helpers.js';
import { adviceLineContact } from '../urgent-help.js';

type SlugParams = { slug: string };
type ThreadParams = { slug: string; id: string };

function cannot(detail: string): HttpError {
  return new HttpError(403, 'You cannot post here', detail, 'forbidden');
}

/** Starting threads and replying: the form, what the checks found, and where the poster goes next. */
export const postingRoutes: FastifyPluginAsync = async (app) => {
  const boards = app.boards;

  async function formContext(request: FastifyRequest) {
    const principal = requirePrincipal(request);
    return { profile: await boards.posting.profileOf(principal.id), bodyMax: BODY_MAX };
  }

  /**
   * What happens after a post is written: a danger word shows urgent help at once; a held post says it is waiting;
   * otherwise the poster lands on their post, with `done` as its message if there is one.
   */
  async function afterPosting(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    outcome: Extract<PostOutcome, { kind: 'posted' }>,
    done?: Flash,
  ) {
    // Writing a new post worked out its page; an edited or repeated one may be anywhere.
    const page = outcome.page ?? (await pageOfExisting(request, outcome));
    const here = `${threadUrl(slug, outcome.threadId)}?page=${page}#post-${outcome.postId}`;
    if (outcome.danger) {
      return reply.page('boards/urgent-help.njk', { back: here, extra: adviceLineContact(adviceLineExists(app)) });
    }
    if (outcome.status === 'held' && !outcome.repeat) {
      return reply.flashAndRedirect(
        {
          kind: 'important',
          heading: 'Your post is waiting for a moderator',
          text: outcome.holdReasons.includes('identifying-details')
            ? 'A moderator will check it for details that could identify you or your family before it goes up.'
            : 'New members’ first posts are read by a moderator before they go up. Only you can see it until then.',
        },
        here,
      );
    }
    return done ? reply.flashAndRedirect(done, here) : reply.redirect(here, 303);
  }

  async function pageOfExisting(request: FastifyRequest, outcome: { threadId: number; postId: number }) {
    const viewer = viewerOf(request);
    const thread = (await boards.reading.threadFor(outcome.threadId, viewer))!;
    return boards.reading.pageOf(thread, viewer, outcome.postId);
  }

  function problemPage(
    reply: FastifyReply,
    outcome: Exclude<PostOutcome, { kind: 'posted' }>,
    template: string,
    context: Record<string, unknown>,
  ) {
    switch (outcome.kind) {
      case 'invalid':
        return reply.code(400).page(template, { ...context, errors: outcome.errors });
      case 'check-identifying':
        return reply.code(400).page(template, { ...context, findings: describeFindings(outcome.findings) });
      case 'rate-limited': {
        const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return reply.code(429).page(template, {
          ...context,
          errors: [
            {
              field: 'body',
              text: `You have posted a lot in a short time. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then post again. What you wrote is still here`,
            },
          ],
        });
      }
      case 'suspended':
        throw cannot(`A moderator has paused your posting until ${formatDateTime(outcome.until)}. You can still read the boards.`);
    }
  }

  function draftFrom(body: unknown, withTitle: boolean) {
    return {
      ...(withTitle ? { title: fieldOf(body, 'title') } : {}),
      body: fieldOf(body, 'body'),
      pseudonym: fieldOf(body, 'pseudonym'),
      postAnyway: fieldOf(body, 'postAnyway') === 'yes',
      submissionKey: submissionKeyFrom(body),
    };
  }

  app.get<{ Params: SlugParams }>('/boards/:slug/new', { config: SIGNED_IN }, async (request, reply) => {
    const view = await readableBoard(boards, request, request.params.slug);
    if (!view.access.start) throw cannot('You cannot start threads on this board.');
    return reply.page('boards/new-thread.njk', { board: view.board, submissionKey: newSubmissionKey(), ...(await formContext(request)) });
  });

  app.post<{ Params: SlugParams }>('/boards/:slug/new', { config: SIGNED_IN }, async (request, reply) => {
    const view = await readableBoard(boards, request, request.params.slug);
    if (!view.access.start) throw cannot('You cannot start threads on this board.');
    const draft = draftFrom(request.body, true);
    const outcome = await boards.posting.startThread(requirePrincipal(request), view.board.slug, draft);
    if (outcome.kind === 'posted') return afterPosting(request, reply, view.board.slug, outcome);
    return problemPage(reply, outcome, 'boards/new-thread.njk', {
      board: view.board,
      submissionKey: draft.submissionKey ?? newSubmissionKey(),
      values: { title: draft.title ?? '', body: draft.body, pseudonym: draft.pseudonym },
      ...(await formContext(request)),
    });
  });

  async function replyable(request: FastifyRequest<{ Params: ThreadParams }>) {
    const located = await locate(boards, request, request.params.slug, request.params.id);
    if (!located.view.access.reply) throw cannot('You cannot reply on this board.');
    if (located.thread.locked && !located.view.access.moderate)
      throw cannot('A moderator has locked this thread, so nobody can reply to it.');
    if (located.thread.status !== 'visible' && !located.view.access.moderate)
      throw cannot('You can reply once a moderator has put this thread up.');
    return located;
  }

  app.get<{ Params: ThreadParams }>('/boards/:slug/t/:id/reply', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread } = await replyable(request);
    return reply.page('boards/reply.njk', {
      board: view.board,
      thread,
      submissionKey: newSubmissionKey(),
      ...(await formContext(request)),
    });
  });

  app.post<{ Params: ThreadParams }>('/boards/:slug/t/:id/reply', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread } = await replyable(request);
    const draft = draftFrom(request.body, false);
    const outcome = await boards.posting.reply(requirePrincipal(request), thread, draft);
    if (outcome.kind === 'posted') return afterPosting(request, reply, view.board.slug, outcome);
    return problemPage(reply, outcome, 'boards/reply.njk', {
      board: view.board,
      thread,
      submissionKey: draft.submissionKey ?? newSubmissionKey(),
      values: { body: draft.body, pseudonym: draft.pseudonym },
      ...(await formContext(request)),
    });
  });

  type PostParams = ThreadParams & { postId: string };

  /** The viewer's own post at this address, or 404: nobody learns anything about someone else's post here. */
  async function ownPost(request: FastifyRequest<{ Params: PostParams }>) {
    const { view, thread } = await locate(boards, request, request.params.slug, request.params.id);
    const found = await boards.reading.postFor(idFrom(request.params.postId) ?? 0, viewerOf(request));
    if (!found || found.thread.id !== thread.id || found.post.author_id !== requirePrincipal(request).id) throw notFound();
    return { view, thread, post: found.post };
  }

  app.get<{ Params: PostParams }>('/boards/:slug/t/:id/posts/:postId/edit', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread, post } = await ownPost(request);
    return reply.page('boards/edit.njk', { board: view.board, thread, post, values: { body: post.body }, ...(await editable(post)) });
  });

  async function editable(post: { created_at: Date; status: string }) {
    const open = post.status !== 'deleted' && post.status !== 'rejected' && Date.now() - post.created_at.getTime() < 30 * 60_000;
    return { open };
  }

  app.post<{ Params: PostParams }>('/boards/:slug/t/:id/posts/:postId/edit', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread, post } = await ownPost(request);
    const body = fieldOf(request.body, 'body');
    const outcome = await boards.posting.edit(requirePrincipal(request), post.id, body, fieldOf(request.body, 'postAnyway') === 'yes');
    if (!outcome) return reply.code(409).page('boards/edit.njk', { board: view.board, thread, post, values: { body }, open: false });
    if (outcome.kind === 'posted') {
      return afterPosting(
        request,
        reply,
        view.board.slug,
        { ...outcome, repeat: true },
        {
          kind: 'success',
          heading: outcome.status === 'held' ? 'Your post is changed and waiting for a moderator' : 'Your post is changed',
        },
      );
    }
    return problemPage(reply, outcome, 'boards/edit.njk', { board: view.board, thread, post, values: { body }, open: true });
  });

  app.get<{ Params: PostParams }>('/boards/:slug/t/:id/posts/:postId/delete', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread, post } = await ownPost(request);
    if (post.status === 'deleted') throw notFound();
    return reply.page('boards/delete.njk', { board: view.board, thread, post });
  });

  app.post<{ Params: PostParams }>('/boards/:slug/t/:id/posts/:postId/delete', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread, post } = await ownPost(request);
    if (!(await boards.posting.remove(requirePrincipal(request), post.id))) throw notFound();
    return reply.flashAndRedirect(
      { kind: 'success', heading: 'Your post is deleted' },
      thread.status === 'visible' ? threadUrl(view.board.slug, thread.id) : boardUrl(view.board.slug),
    );
  });

  app.get<{ Params: PostParams }>('/boards/:slug/t/:id/posts/:postId/report', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread, post } = await reportable(request);
    return reply.page('boards/report.njk', { board: view.board, thread, post });
  });

  /** Any visible post someone can read, their own included (they may want a moderator to take it down quickly). */
  async function reportable(request: FastifyRequest<{ Params: PostParams }>) {
    const { view, thread } = await locate(boards, request, request.params.slug, request.params.id);
    const found = await boards.reading.postFor(idFrom(request.params.postId) ?? 0, viewerOf(request));
    if (!found || found.thread.id !== thread.id || found.post.status !== 'visible') throw notFound();
    return { view, thread, post: found.post };
  }

  app.post<{ Params: PostParams }>('/boards/:slug/t/:id/posts/:postId/report', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread, post } = await reportable(request);
    const form = reportForm.parse(request.body);
    if (!form.ok)
      return reply.code(400).page('boards/report.njk', { board: view.board, thread, post, errors: form.errors, values: form.values });
    await boards.community.report(requirePrincipal(request).id, post.id, form.data.reason);
    const page = await boards.reading.pageOf(thread, viewerOf(request), post.id);
    return reply.flashAndRedirect(
      { kind: 'success', heading: 'Thank you for telling us', text: 'A moderator will look at the post soon.' },
      `${threadUrl(view.board.slug, thread.id)}?page=${page}#post-${post.id}`,
    );
  });

  app.post<{ Params: SlugParams }>('/boards/:slug/watch', { config: SIGNED_IN }, async (request, reply) => {
    const view = await readableBoard(boards, request, request.params.slug);
    return reply.flashAndRedirect(await changeWatch(request, { boardSlug: view.board.slug }), boardUrl(view.board.slug));
  });

  app.post<{ Params: ThreadParams }>('/boards/:slug/t/:id/watch', { config: SIGNED_IN }, async (request, reply) => {
    const { view, thread } = await locate(boards, request, request.params.slug, request.params.id);
    return reply.flashAndRedirect(await changeWatch(request, { threadId: thread.id }), threadUrl(view.board.slug, thread.id));
  });

  /** Changes what the person is told about a board or thread, and says what they will get now. */
  async function changeWatch(request: FastifyRequest, target: { boardSlug: string } | { threadId: number }): Promise<Flash> {
    const userId = requirePrincipal(request).id;
    const mode = fieldOf(request.body, 'mode');
    if (mode === 'instant' || mode === 'daily') {
      await boards.watching.watch(userId, target, mode);
      return {
        kind: 'success',
        heading: mode === 'instant' ? 'We will email you when someone posts' : 'We will email you a daily round-up',
      };
    }
    if (mode === 'stop') {
      await boards.watching.stopWatching(userId, target);
      return { kind: 'success', heading: 'You will not get emails about this any more' };
    }
    throw new HttpError(400, 'Choose how to be told', 'Choose an email at once, a daily round-up, or no emails.', 'bad-request');
  }
};
