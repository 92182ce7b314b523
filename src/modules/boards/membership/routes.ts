import type { FastifyPluginAsync } from 'fastify';
import { requirePrincipal } from '../../../platform/access.js';
import { STATEMENT_MAX } from './community.js';
import { PUBLIC, SIGNED_IN, boardUrl, fieldOf, notFound, viewerOf } from '../route-helpers.js';

/** A member's own settings on the boards: their pseudonym, joining restricted boards, and leaving emails. */
export const membershipRoutes: FastifyPluginAsync = async (app) => {
  const boards = app.boards;

  app.get('/boards/pseudonym', { config: SIGNED_IN }, async (request, reply) => {
    const profile = await boards.posting.profileOf(requirePrincipal(request).id);
    return reply.page('boards/pseudonym.njk', { profile, nextChange: profile ? boards.community.nextChangeAt(profile) : null });
  });

  app.post('/boards/pseudonym', { config: SIGNED_IN }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const pseudonym = fieldOf(request.body, 'pseudonym');
    const error = await boards.community.changePseudonym(principal, pseudonym);
    if (error) {
      const profile = await boards.posting.profileOf(principal.id);
      return reply.code(400).page('boards/pseudonym.njk', { profile, nextChange: null, errors: [error], values: { pseudonym } });
    }
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Your pseudonym is changed',
        text: `Your posts now show “${pseudonym.trim()}”.`,
      },
      '/boards',
    );
  });

  /** Restricted boards are named here only to signed-in people, who may ask a moderator to let them in. */
  async function joinable(slug: string, request: Parameters<typeof viewerOf>[0]) {
    const view = await boards.reading.boardFor(slug, viewerOf(request));
    if (!view || !view.board.restricted) throw notFound();
    return view;
  }

  app.get<{ Params: { slug: string } }>('/boards/join/:slug', { config: SIGNED_IN }, async (request, reply) => {
    const view = await joinable(request.params.slug, request);
    if (view.access.read) return reply.redirect(boardUrl(view.board.slug), 303);
    const membership = await boards.community.membershipOf(requirePrincipal(request).id, view.board.slug);
    return reply.page('boards/join.njk', { board: view.board, membership });
  });

  app.post<{ Params: { slug: string } }>('/boards/join/:slug', { config: SIGNED_IN }, async (request, reply) => {
    const view = await joinable(request.params.slug, request);
    if (view.access.read) return reply.redirect(boardUrl(view.board.slug), 303);
    const principal = requirePrincipal(request);
    const statement = fieldOf(request.body, 'statement').trim();
    const error = !statement
      ? 'Tell the moderators who you are and why you would like to join'
      : [...statement].length > STATEMENT_MAX
        ? `Your statement must be ${STATEMENT_MAX.toLocaleString('en-GB')} characters or fewer`
        : null;
    if (error) {
      const membership = await boards.community.membershipOf(principal.id, view.board.slug);
      return reply
        .code(400)
        .page('boards/join.njk', { board: view.board, membership, errors: [{ field: 'statement', text: error }], values: { statement } });
    }
    await boards.community.requestToJoin(principal.id, view.board.slug, statement);
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Your request has been sent',
        text: 'A moderator will email you when they have decided.',
      },
      '/boards',
    );
  });

  // The page behind the link in every email: it asks first, because mail scanners open links by themselves.
  app.get<{ Params: { token: string } }>('/boards/unsubscribe/:token', { config: PUBLIC }, async (request, reply) => {
    const watch = await boards.watching.describeToken(request.params.token);
    return reply.page('boards/unsubscribe.njk', { watch, token: request.params.token });
  });

  app.post<{ Params: { token: string } }>('/boards/unsubscribe/:token', { config: PUBLIC }, async (request, reply) => {
    await boards.watching.unsubscribe(request.params.token);
    return reply.page('boards/unsubscribe.njk', { done: true });
  });
};
