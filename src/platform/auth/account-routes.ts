import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requirePrincipal } from '../access.js';
import { signedInActorOf } from '../audit.js';
import { HttpError } from '../errors.js';
import { isStaff, ROLE_DESCRIPTIONS } from '../roles.js';
import { DEFAULT_TOKEN_DAYS } from '../api/tokens.js';
import { changePasswordForm, tokenForm, turnOffTwoFactorForm, twoFactorForm } from './forms.js';
import { newTotpSecret, qrCodeSvg, totpUri } from './totp.js';

const SETUP_SECRET_KEY = 'twoFactorSetUpSecret';

/** A signed-in person's own account: password, two-factor sign-in and API tokens. */
export const accountRoutes: FastifyPluginAsync = async (app) => {
  const { accounts, apiTokens } = app.services;

  app.get('/account', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const { user, recoveryCodesLeft } = await accounts.overview(principal.id);
    const twoFactorOn = !!user?.totp_enabled_at;
    return reply.page(
      'account/index.njk',
      { user, roles: principal.roles.map((role) => ROLE_DESCRIPTIONS[role]), twoFactorOn, recoveryCodesLeft },
      // The page shows the address and the two-factor line, besides what the principal already names.
      { sharedAs: JSON.stringify([user?.email, twoFactorOn, recoveryCodesLeft]) },
    );
  });

  app.get('/account/password', { config: { access: 'signed-in' } }, async (_request, reply) => reply.page('account/password.njk'));

  app.post('/account/password', { config: { access: 'signed-in' } }, async (request, reply) => {
    const form = changePasswordForm.parse(request.body);
    if (!form.ok) return reply.code(400).page('account/password.njk', form);
    const changed = await accounts.changePassword(signedInActorOf(request), form.data.currentPassword, form.data.password);
    if (!changed.ok)
      return reply
        .code(400)
        .page('account/password.njk', { errors: [{ field: 'currentPassword', text: 'Your current password is not right' }] });
    // Changing the password ends every session, this one included.
    return reply.redirect('/sign-in', 303);
  });

  async function twoFactorPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const principal = requirePrincipal(request);
    const user = await accounts.findById(principal.id);
    if (user?.totp_enabled_at) return reply.page('account/two-factor.njk', { on: true, required: isStaff(principal.roles), ...extra });
    let secret = request.session.get<string>(SETUP_SECRET_KEY);
    if (!secret) {
      secret = newTotpSecret();
      request.session.set(SETUP_SECRET_KEY, secret);
    }
    return reply.page('account/two-factor.njk', { on: false, secret, qrCode: await qrCodeSvg(totpUri(secret, principal.email)), ...extra });
  }

  app.get('/account/two-factor', { config: { access: 'signed-in' } }, twoFactorPage);

  app.post('/account/two-factor', { config: { access: 'signed-in' } }, async (request, reply) => {
    const secret = request.session.get<string>(SETUP_SECRET_KEY);
    if (!secret) return reply.redirect('/account/two-factor', 303);
    const form = twoFactorForm.parse(request.body);
    const codes = form.ok ? await accounts.enableTwoFactor(requirePrincipal(request).id, secret, form.data.code, request.ip) : null;
    if (!codes) {
      const errors = form.ok
        ? [{ field: 'code', text: 'The code is not right. Check the time on your phone is correct, then enter the latest code' }]
        : form.errors;
      return twoFactorPage(request, reply.code(400), { errors });
    }
    request.session.delete(SETUP_SECRET_KEY);
    return reply.page('auth/recovery-codes.njk', { codes, next: '/account' });
  });

  app.post('/account/two-factor/turn-off', { config: { access: ['member'] } }, async (request, reply) => {
    const form = turnOffTwoFactorForm.parse(request.body);
    const result = form.ok ? await accounts.disableTwoFactor(signedInActorOf(request), form.data.password) : null;
    if (result && !result.ok && result.reason === 'required')
      throw new HttpError(403, 'Two-factor sign-in is required', 'Staff accounts must use two-factor sign-in.');
    if (!result?.ok) {
      const errors = form.ok ? [{ field: 'password', text: 'Your password is not right' }] : form.errors;
      return twoFactorPage(request, reply.code(400), { errors });
    }
    return reply.flashAndRedirect({ kind: 'success', heading: 'Two-factor sign-in is off' }, '/account');
  });

  /** The choices of how long a token works: staff tokens always end, so only members are offered "no end date". */
  function tokensPage(request: FastifyRequest, reply: FastifyReply, context: Record<string, unknown>) {
    const staff = isStaff(requirePrincipal(request).roles);
    return reply.page('account/tokens.njk', { staff, defaultDays: String(DEFAULT_TOKEN_DAYS), ...context });
  }

  app.get('/account/tokens', { config: { access: 'signed-in' } }, async (request, reply) =>
    tokensPage(request, reply, { tokens: await apiTokens.listFor(requirePrincipal(request).id) }),
  );

  app.post('/account/tokens', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const parsed = tokenForm.parse(request.body);
    const form =
      parsed.ok && parsed.data.expiresInDays === 'never' && isStaff(principal.roles)
        ? {
            ok: false as const,
            values: parsed.values,
            errors: [{ field: 'expiresInDays', text: 'Staff tokens must expire. Choose 7, 30 or 90 days' }],
          }
        : parsed;
    if (!form.ok) return tokensPage(request, reply.code(400), { ...form, tokens: await apiTokens.listFor(principal.id) });
    const choice = form.data.expiresInDays ?? String(DEFAULT_TOKEN_DAYS);
    const days = choice === 'never' ? null : Number(choice);
    const newToken = await apiTokens.create(principal, form.data.name, signedInActorOf(request), days);
    return tokensPage(request, reply, { newToken, newTokenName: form.data.name, tokens: await apiTokens.listFor(principal.id) });
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', { config: { access: 'signed-in' } }, async (request, reply) => {
    const revoked = await apiTokens.revoke(signedInActorOf(request), request.params.id);
    if (!revoked.ok) throw new HttpError(404, 'Token not found', 'That token does not exist or has already been revoked.', 'not-found');
    return reply.flashAndRedirect(
      {
        kind: 'success',
        heading: 'Token revoked',
        text: 'Anything using it can no longer reach the API.',
      },
      '/account/tokens',
    );
  });
};
