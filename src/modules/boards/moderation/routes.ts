import { signedInActorOf } from '../../../platform/audit.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/validation.js';
import type { Moderated } from './service.js';
import { safeReturnPath } from '../../../platform/http/return-path.js';
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
import { MODERATORS, fieldOf, idFrom, notFound, threadUrl } from '../route-helpers.js';

/** A choice made with a button rather than typed: a wrong value is a broken request, not a mistake to show on a form. */
function buttonChoice<T>(form: { ok: true; data: T } | { ok: false; errors: { text: string }[] }): T {
  if (!form.ok) throw new HttpError(400, 'There is a problem with the request', `${form.errors[0]!.text}.`, 'bad-request');
  return form.data;
}

/** The moderation queue at /moderation and every action a moderator takes. Every action is audited by the service. */
export const moderationRoutes: FastifyPluginAsync = async (app) => {
  const boards = app.boards;
  const moderation = boards.moderation;

  function done(request: FastifyRequest, reply: FastifyReply, heading: string, to = '/moderation') {
    return reply.flashAndRedirect({ kind: 'success', heading }, to);
  }

  /** A decision someone else already made, or a record that has gone: say so plainly rather than fail. */
  async function acting(request: FastifyRequest, reply: FastifyReply, action: () => Promise<Moderated>, heading: string, to?: string) {
    const result = await action();
    if (!result.ok && result.reason === 'not-found') throw notFound();
    if (!result.ok) throw new HttpError(409, 'That has already changed', result.message, 'conflict');
    return done(request, reply, heading, to);
  }

  app.get('/moderation', { config: MODERATORS }, async (_request, reply) => {
    return reply.page('boards/moderation/queue.njk', await moderation.queue());
  });

  type IdParams = { id: string };

  async function postOr404(raw: string) {
    const id = idFrom(raw);
    const post = id ? await moderation.postForModerator(id) : undefined;
    if (!post) throw notFound();
    return post;
  }

  app.post<{ Params: IdParams }>('/moderation/posts/:id/approve', { config: MODERATORS }, async (request, reply) => {
    const post = await postOr404(request.params.id);
    return acting(request, reply, () => moderation.approve(signedInActorOf(request), post.id), 'The post is up');
  });

  app.get<{ Params: IdParams }>('/moderation/posts/:id/reject', { config: MODERATORS }, async (request, reply) => {
    return reply.page('boards/moderation/reject.njk', { post: await postOr404(request.params.id) });
  });

  app.post<{ Params: IdParams }>('/moderation/posts/:id/reject', { config: MODERATORS }, async (request, reply) => {
    const post = await postOr404(request.params.id);
    const form = rejectForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('boards/moderation/reject.njk', { post, errors: form.errors, values: form.values });
    return acting(
      request,
      reply,
      () => moderation.reject(signedInActorOf(request), post.id, form.data.reason),
      'The post is taken down and its author told why',
    );
  });

  app.get<{ Params: IdParams }>('/moderation/posts/:id/redact', { config: MODERATORS }, async (request, reply) => {
    const post = await postOr404(request.params.id);
    return reply.page('boards/moderation/redact.njk', { post, values: { body: post.body } });
  });

  app.post<{ Params: IdParams }>('/moderation/posts/:id/redact', { config: MODERATORS }, async (request, reply) => {
    const post = await postOr404(request.params.id);
    const form = redactForm.parse(request.body);
    const errors = form.ok ? redactionUnchanged(form.data.body, post.body) : form.errors;
    if (!form.ok || errors.length) return reply.code(400).page('boards/moderation/redact.njk', { post, errors, values: form.values });
    return acting(
      request,
      reply,
      () => moderation.redact(signedInActorOf(request), post.id, form.data.body, form.data.reason),
      'Part of the post is removed',
      `${threadUrl(post.board_slug, post.thread_id)}#post-${post.id}`,
    );
  });

  app.post<{ Params: IdParams }>('/moderation/threads/:id/lock', { config: MODERATORS }, async (request, reply) => {
    const id = idFrom(request.params.id);
    if (!id) throw notFound();
    const locked = fieldOf(request.body, 'locked') === 'yes';
    const to = safeReturnPath(fieldOf(request.body, 'returnTo'));
    return acting(
      request,
      reply,
      () => moderation.setLocked(signedInActorOf(request), id, locked),
      locked ? 'The thread is locked' : 'The thread is open again',
      to?.startsWith('/boards/') ? to : '/moderation',
    );
  });

  app.post<{ Params: IdParams }>('/moderation/threads/:id/move', { config: MODERATORS }, async (request, reply) => {
    const id = idFrom(request.params.id);
    if (!id) throw notFound();
    const { board: to } = buttonChoice(moveForm.parse(request.body));
    const board = (await boards.reading.allBoards()).find((b) => b.slug === to);
    if (!board) throw new HttpError(400, 'Choose a board', 'Choose the board to move the thread to.', 'bad-request');
    boards.reading.forgetBoards();
    return acting(
      request,
      reply,
      () => moderation.move(signedInActorOf(request), id, board.slug),
      `The thread is moved to ${board.title}`,
      threadUrl(board.slug, id),
    );
  });

  type UserParams = { userId: string };

  app.get<{ Params: UserParams }>('/moderation/members/:userId/suspend', { config: MODERATORS }, async (request, reply) => {
    if (!isUuid(request.params.userId)) throw notFound();
    const profile = await boards.posting.profileOf(request.params.userId);
    if (!profile) throw notFound();
    return reply.page('boards/moderation/suspend.njk', { profile, values: { days: '7' } });
  });

  app.post<{ Params: UserParams }>('/moderation/members/:userId/suspend', { config: MODERATORS }, async (request, reply) => {
    if (!isUuid(request.params.userId)) throw notFound();
    const profile = await boards.posting.profileOf(request.params.userId);
    if (!profile) throw notFound();
    const form = suspendForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('boards/moderation/suspend.njk', { profile, errors: form.errors, values: form.values });
    const { days, reason } = form.data;
    return acting(
      request,
      reply,
      () => moderation.suspend(signedInActorOf(request), profile.user_id, days, reason),
      `${profile.pseudonym} cannot post for ${days} ${days === 1 ? 'day' : 'days'}`,
    );
  });

  app.post<{ Params: UserParams }>('/moderation/members/:userId/posts-freely', { config: MODERATORS }, async (request, reply) => {
    if (!isUuid(request.params.userId)) throw notFound();
    return acting(
      request,
      reply,
      () => moderation.allowToPostFreely(signedInActorOf(request), request.params.userId),
      'Their posts no longer wait for a moderator',
    );
  });

  app.post<{ Params: IdParams }>('/moderation/reports/:id', { config: MODERATORS }, async (request, reply) => {
    if (!isUuid(request.params.id)) throw notFound();
    const { outcome, reason } = buttonChoice(reportDecisionForm.parse(request.body));
    return acting(
      request,
      reply,
      () => moderation.resolveReport(signedInActorOf(request), request.params.id, outcome, reportReason(outcome, reason)),
      outcome === 'no-action' ? 'The report is closed and the post left up' : 'The post is taken down and its author told why',
    );
  });

  app.post<{ Params: IdParams }>('/moderation/join-requests/:id', { config: MODERATORS }, async (request, reply) => {
    if (!isUuid(request.params.id)) throw notFound();
    const { decision, reason } = buttonChoice(joinDecisionForm.parse(request.body));
    return acting(
      request,
      reply,
      () => moderation.decideJoin(signedInActorOf(request), request.params.id, decision === 'approve', reason),
      decision === 'approve' ? 'They can now use the board' : 'The request is refused',
    );
  });
};
