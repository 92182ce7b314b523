import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decideAccess } from '../access.js';
import type { Db } from '../db/database.js';
import { renderProblemPage, sendProblem, wantsJson } from '../errors.js';
import type { FormValues } from '../validation.js';
import type { Flash } from '../views.js';

/** Never keep these in a saved draft: they are secrets, or worthless after sign-in. */
const NOT_KEPT = /^_csrf$|password|code|token/i;

/**
 * The one place where every request meets its route's access rule. Runs after the body is parsed, so that a form
 * sent just after a timeout can be kept and put back once the person has signed in again, and before the route's
 * schema is checked, so that someone the rule shuts out is refused rather than told what was wrong with the request
 * (the access matrix, tests/security/, holds every route to this).
 */
export function setUpAccessCheck(app: FastifyInstance, db: Db) {
  async function keepDraft(request: FastifyRequest, userId: string) {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return;
    const fields = Object.fromEntries(Object.entries(body as FormValues).filter(([name]) => !NOT_KEPT.test(name)));
    if (Object.keys(fields).length === 0) return;
    const path = request.url.split('?')[0]!;
    const { id } = await db
      .insertInto('saved_drafts')
      .values({ user_id: userId, path, fields: JSON.stringify(fields) })
      .returning('id')
      .executeTakeFirstOrThrow();
    request.session.set('draft', { id, path });
  }

  async function sendToSignIn(request: FastifyRequest, reply: FastifyReply) {
    if (request.timedOut && request.method === 'POST') await keepDraft(request, request.timedOut.userId);
    const draft = request.session.get<{ path: string }>('draft');
    const back = request.method === 'GET' ? request.url : draft?.path;
    const signIn = back ? `/sign-in?returnTo=${encodeURIComponent(back)}` : '/sign-in';
    if (!request.timedOut) return reply.redirect(signIn, 303);
    return reply.flashAndRedirect(
      {
        kind: 'important',
        heading: 'You were signed out because you had not done anything for a while',
        text: request.method === 'POST' ? 'We have kept what you typed. Sign in again to carry on.' : 'Sign in again to carry on.',
      },
      signIn,
    );
  }

  app.addHook('preValidation', async (request, reply) => {
    if (request.is404) return;
    const decision = decideAccess(request.principal, request.routeOptions.config.access);
    if (decision === 'allow') return restoreDraft(request);
    if (wantsJson(request)) {
      if (decision === 'sign-in') reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, {
        status: decision === 'sign-in' ? 401 : 403,
        title: decision === 'sign-in' ? 'Authentication required' : 'Forbidden',
        detail:
          decision === 'sign-in'
            ? 'Send a personal access token as "Authorization: Bearer <token>".'
            : 'Your account is not allowed to do this.',
        kind: decision === 'sign-in' ? 'unauthorized' : 'forbidden',
      });
    }
    if (decision === 'sign-in') return sendToSignIn(request, reply);
    return renderProblemPage(request, reply, {
      status: 403,
      title: 'You cannot see this page',
      detail: 'Your account does not have access to this page. If you think it should, ask your administrator.',
      kind: 'forbidden',
    });
  });

  async function restoreDraft(request: FastifyRequest) {
    const draft = request.session.get<{ id: string; path: string }>('draft');
    if (!draft || !request.principal || request.method !== 'GET' || request.url.split('?')[0] !== draft.path) return;
    request.session.delete('draft');
    const row = await db
      .deleteFrom('saved_drafts')
      .where('id', '=', draft.id)
      .where('user_id', '=', request.principal.id)
      .returning('fields')
      .executeTakeFirst();
    if (!row) return;
    request.restoredValues = row.fields;
    request.session.set('flash', {
      kind: 'important',
      heading: 'We have put back what you typed before you were signed out',
      text: 'Check it, then send the form again.',
    } satisfies Flash);
  }
}
