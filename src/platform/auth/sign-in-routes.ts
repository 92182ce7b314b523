import { actorOf } from '../audit.js';
import { formFields } from '../schemas.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath } from '../http/return-path.js';
import { endSession, startSignedInSession } from '../sessions.js';
import { isStaff } from '../roles.js';
import { signInForm, twoFactorForm } from './forms.js';
import { WINDOW_MINUTES } from './throttle.js';
import { newTotpSecret, qrCodeSvg, totpUri } from './totp.js';

interface PendingSignIn {
  userId: string;
  email: string;
  setUp: boolean;
  returnTo: string | null;
  startedAt: number;
  secret?: string;
}

const PENDING_KEY = 'pendingSignIn';
/** Long enough to fetch a phone and open the app; short enough that an unattended half sign-in soon lapses. */
const PENDING_LIFETIME_MS = 10 * 60_000;

/** Signing in with a password and then, for staff and anyone who turned it on, a code from an authenticator app. */
export const signInRoutes: FastifyPluginAsync = async (app) => {
  const { accounts, sessions } = app.services;

  function pending(request: FastifyRequest): PendingSignIn | null {
    const value = request.session.get<PendingSignIn>(PENDING_KEY);
    if (!value || Date.now() - value.startedAt > PENDING_LIFETIME_MS) return null;
    return value;
  }

  function locked(reply: FastifyReply) {
    return reply
      .code(429)
      .header('retry-after', String(WINDOW_MINUTES * 60))
      .page('auth/locked.njk', { minutes: WINDOW_MINUTES });
  }

  async function finish(
    request: FastifyRequest,
    reply: FastifyReply,
    user: { id: string; roles: readonly string[] },
    returnTo: string | null,
  ) {
    await startSignedInSession(request, reply, sessions, app.config, user, ['draft']);
    const draft = request.session.get<{ path: string }>('draft');
    return reply.redirect(returnTo ?? draft?.path ?? (isStaff(user.roles) ? '/staff' : '/'), 303);
  }

  app.get<{ Querystring: { returnTo?: string | string[] } }>('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.principal) return reply.redirect('/account', 303);
    const returnTo = safeReturnPath(request.query.returnTo);
    return reply.page('auth/sign-in.njk', { returnTo });
  });

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const returnTo = safeReturnPath(formFields(request.body).returnTo);
    const form = signInForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('auth/sign-in.njk', { ...form, returnTo });
    const result = await accounts.signIn(form.data.email, form.data.password, request.ip);
    switch (result.outcome) {
      case 'locked':
        return locked(reply);
      case 'invalid':
        return reply.code(400).page('auth/sign-in.njk', {
          errors: [{ field: 'email', text: 'Enter a correct email address and password' }],
          values: form.values,
          returnTo,
        });
      case 'signed-in':
        return finish(request, reply, { id: result.userId, roles: result.roles }, returnTo);
      default:
        request.session.set(PENDING_KEY, {
          userId: result.userId,
          email: form.data.email,
          setUp: result.outcome === 'set-up-second-step',
          returnTo,
          startedAt: Date.now(),
        } satisfies PendingSignIn);
        return reply.redirect(result.outcome === 'set-up-second-step' ? '/sign-in/set-up-two-factor' : '/sign-in/two-factor', 303);
    }
  });

  app.get('/sign-in/two-factor', { config: { access: 'public' } }, async (request, reply) => {
    const state = pending(request);
    if (!state || state.setUp) return reply.redirect('/sign-in', 303);
    return reply.page('auth/two-factor.njk');
  });

  app.post('/sign-in/two-factor', { config: { access: 'public' } }, async (request, reply) => {
    const state = pending(request);
    if (!state || state.setUp) return reply.redirect('/sign-in', 303);
    const form = twoFactorForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('auth/two-factor.njk', form);
    const result = await accounts.signInSecondStep(state.userId, form.data.code, request.ip);
    if (result.outcome === 'locked') return locked(reply);
    if (result.outcome !== 'signed-in') {
      return reply.code(400).page('auth/two-factor.njk', {
        errors: [{ field: 'code', text: 'The code is not right. Enter the latest 6-digit code from your authenticator app' }],
      });
    }
    request.session.delete(PENDING_KEY);
    return finish(request, reply, { id: result.userId, roles: result.roles }, state.returnTo);
  });

  async function setUpPage(reply: FastifyReply, state: PendingSignIn, extra: Record<string, unknown> = {}) {
    const uri = totpUri(state.secret!, state.email);
    return reply.page('auth/set-up-two-factor.njk', {
      secret: state.secret,
      qrCode: await qrCodeSvg(uri),
      action: '/sign-in/set-up-two-factor',
      ...extra,
    });
  }

  app.get('/sign-in/set-up-two-factor', { config: { access: 'public' } }, async (request, reply) => {
    const state = pending(request);
    if (!state?.setUp) return reply.redirect('/sign-in', 303);
    if (!state.secret) request.session.set(PENDING_KEY, { ...state, secret: newTotpSecret() });
    return setUpPage(reply, request.session.get<PendingSignIn>(PENDING_KEY)!);
  });

  app.post('/sign-in/set-up-two-factor', { config: { access: 'public' } }, async (request, reply) => {
    const state = pending(request);
    if (!state?.setUp || !state.secret) return reply.redirect('/sign-in', 303);
    const form = twoFactorForm.parse(request.body);
    const codes = form.ok
      ? await accounts.enableTwoFactor(state.userId, state.secret, form.data.code, request.ip, { signingIn: true })
      : null;
    if (!codes) {
      const errors = form.ok
        ? [{ field: 'code', text: 'The code is not right. Check the time on your phone is correct, then enter the latest code' }]
        : form.errors;
      return setUpPage(reply.code(400), state, { errors });
    }
    request.session.delete(PENDING_KEY);
    const roles = await accounts.rolesOf(state.userId);
    await startSignedInSession(request, reply, sessions, app.config, { id: state.userId, roles });
    request.principal = { id: state.userId, email: state.email, roles, organisationId: null, teamId: null };
    return reply.page('auth/recovery-codes.njk', { codes, next: state.returnTo ?? (isStaff(roles) ? '/staff' : '/account') });
  });

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.principal) {
      await accounts.signedOut(actorOf(request));
    }
    await endSession(request, reply, sessions);
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', { config: { access: 'public' } }, async (_request, reply) => reply.page('auth/signed-out.njk'));

  /** Called by the session warning's "Stay signed in" button; any signed-in request counts as activity. */
  app.post('/session/keep-alive', { config: { access: 'signed-in' } }, async (_request, reply) => reply.code(204).send());
};
