import type { FastifyPluginAsync } from 'fastify';
import { newPasswordForm, registerForm, resetRequestForm } from './forms.js';

const FORM_RATE_LIMIT = { rateLimit: { max: 20, timeWindow: '15 minutes' } };

function tokenFrom(source: unknown): string {
  const token = (source as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? token : '';
}

/** Creating an account, confirming the email address, resetting a password and accepting a staff invitation. */
export const registrationRoutes: FastifyPluginAsync = async (app) => {
  const { accounts, emailTokens } = app.services;

  app.get('/register', { config: { access: 'public' } }, async (_request, reply) => reply.page('auth/register.njk'));

  app.post('/register', { config: { access: 'public', ...FORM_RATE_LIMIT } }, async (request, reply) => {
    const form = registerForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('auth/register.njk', form);
    await accounts.register({ ...form.data, displayName: form.data.email.split('@')[0]! }, request.ip);
    return reply.page('auth/check-email.njk', { email: form.data.email, reason: 'register' });
  });

  // Opening the link only shows a button: mail scanners follow links, and must not confirm an address by doing so.
  app.get('/register/confirm', { config: { access: 'public' } }, async (request, reply) => {
    const token = tokenFrom(request.query);
    const valid = (await emailTokens.check(token, 'confirm-email')) !== null;
    return reply.page(valid ? 'auth/confirm-email.njk' : 'auth/link-expired.njk', { token, restart: '/register' });
  });

  app.post('/register/confirm', { config: { access: 'public' } }, async (request, reply) => {
    const confirmed = await accounts.confirmEmail(tokenFrom(request.body), request.ip);
    if (!confirmed) return reply.code(400).page('auth/link-expired.njk', { restart: '/register' });
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Your email address is confirmed',
        text: 'You can now sign in.',
      },
      '/sign-in',
    );
  });

  app.get('/password-reset', { config: { access: 'public' } }, async (_request, reply) => reply.page('auth/reset-request.njk'));

  app.post('/password-reset', { config: { access: 'public', ...FORM_RATE_LIMIT } }, async (request, reply) => {
    const form = resetRequestForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('auth/reset-request.njk', form);
    await accounts.requestPasswordReset(form.data.email, request.ip);
    return reply.page('auth/check-email.njk', { email: form.data.email, reason: 'reset' });
  });

  app.get('/password-reset/new', { config: { access: 'public' } }, async (request, reply) => {
    const token = tokenFrom(request.query);
    const valid = (await emailTokens.check(token, 'reset-password')) !== null;
    return reply.page(valid ? 'auth/reset-new.njk' : 'auth/link-expired.njk', { token, restart: '/password-reset' });
  });

  app.post('/password-reset/new', { config: { access: 'public' } }, async (request, reply) => {
    const token = tokenFrom(request.body);
    const form = newPasswordForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('auth/reset-new.njk', { ...form, token });
    if (!(await accounts.resetPassword(token, form.data.password, request.ip))) {
      return reply.code(400).page('auth/link-expired.njk', { restart: '/password-reset' });
    }
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Your password has been changed',
        text: 'Sign in with your new password.',
      },
      '/sign-in',
    );
  });

  app.get('/invitation', { config: { access: 'public' } }, async (request, reply) => {
    const token = tokenFrom(request.query);
    const valid = (await emailTokens.check(token, 'invitation')) !== null;
    return reply.page(valid ? 'auth/invitation.njk' : 'auth/link-expired.njk', { token, restart: null });
  });

  app.post('/invitation', { config: { access: 'public' } }, async (request, reply) => {
    const token = tokenFrom(request.body);
    const form = newPasswordForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('auth/invitation.njk', { ...form, token });
    const email = await accounts.acceptInvitation(token, form.data.password, request.ip);
    if (!email) return reply.code(400).page('auth/link-expired.njk', { restart: null });
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Your password is set',
        text: 'Sign in now. You will then set up two-factor sign-in.',
      },
      '/sign-in',
    );
  });
};
