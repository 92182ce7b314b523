import type { Config } from '../../config.js';
import { personActor, type Actor, type AuditLog, type SignedInActor } from '../audit.js';
import { seal, unseal } from '../crypto.js';
import type { Db } from '../db/database.js';
import { keptWhileUnchanged } from '../db/kept-reads.js';
import type { WriteWatch } from '../db/write-watch.js';
import type { Mailer } from '../mail.js';
import { isStaff, type Role } from '../roles.js';
import { alreadyRegisteredMessage, confirmEmailMessage, passwordChangedMessage, resetPasswordMessage } from './emails.js';
import type { EmailTokens } from './email-tokens.js';
import { hashPassword as hashWithArgon2, verifyPassword } from './passwords.js';
import { resealTwoFactorSecrets } from './reseal.js';
import { revokeTokensOf } from '../api/tokens.js';
import type { SignInThrottle } from './throttle.js';
import { acceptTotp, newRecoveryCodes, recoveryCodeHash } from './totp.js';

export interface AccountDeps {
  db: Db;
  config: Config;
  audit: AuditLog;
  mailer: Mailer;
  tokens: EmailTokens;
  throttle: SignInThrottle;
  /** Tests pass a counting one, to see that every registration does the same work. */
  hashPassword?: (password: string) => Promise<string>;
  /** On the embedded database, lets the account overview be kept until a write could change it. */
  writes?: WriteWatch | null;
}

export type SignInResult =
  | { outcome: 'locked' }
  | { outcome: 'invalid' }
  | { outcome: 'second-step'; userId: string }
  | { outcome: 'set-up-second-step'; userId: string }
  | { outcome: 'signed-in'; userId: string; roles: Role[] };

/**
 * Someone at the door, named by the address they typed: before signing in there is no account to act as, and there
 * may be none at all, yet the audit must say who tried.
 */
const claimant = (email: string, ip: string, id: string | null = null): Actor => ({
  id,
  label: email,
  ip,
  organisationId: null,
  teamId: null,
});

/**
 * Accounts and signing in. Most of these run before anyone is signed in, so they take the address the request came
 * from and name the actor themselves once they know whose account it is.
 */
export function createAccounts({ db, config, audit, mailer, tokens, throttle, hashPassword = hashWithArgon2, writes = null }: AccountDeps) {
  const link = (pathAndQuery: string) => `${config.baseUrl}${pathAndQuery}`;
  const owner = (userId: string, email: string, ip: string | null) => personActor({ id: userId, email }, ip);

  async function rolesOf(userId: string): Promise<Role[]> {
    const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
    return rows.map((r) => r.role as Role);
  }

  async function findByEmail(email: string) {
    return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  async function findById(id: string) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Whatever happens, the person sees the same "check your email" page, so the form cannot be used to find out who
   * has an account. Someone already registered gets an email saying so instead. Both ways do the same work (the
   * password is hashed, one transaction writes a token or an audit entry and an email), so that the time taken does
   * not tell them apart either.
   */
  async function register(input: { email: string; password: string; displayName: string }, ip: string): Promise<void> {
    const passwordHash = await hashPassword(input.password);
    const existing = await findByEmail(input.email);
    if (existing) {
      await db.transaction().execute(async (trx) => {
        if (existing.status === 'pending') {
          const token = await tokens.issue(existing.id, 'confirm-email', trx);
          await mailer.send(confirmEmailMessage(existing.email, link(`/register/confirm?token=${token}`)), trx);
        } else {
          await mailer.send(alreadyRegisteredMessage(existing.email, link('/sign-in'), link('/password-reset')), trx);
        }
        await audit.record(
          { actor: claimant(input.email, ip), action: 'account.registered-again', subjectType: 'user', subjectId: existing.id },
          trx,
        );
      });
      return;
    }
    await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto('users')
        .values({
          email: input.email,
          display_name: input.displayName,
          password_hash: passwordHash,
          status: 'pending',
          updated_at: new Date(),
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!user) return; // Two registrations raced; the first one wins and has already sent its email.
      await trx.insertInto('user_roles').values({ user_id: user.id, role: 'member' }).execute();
      const token = await tokens.issue(user.id, 'confirm-email', trx);
      await mailer.send(confirmEmailMessage(input.email, link(`/register/confirm?token=${token}`)), trx);
      await audit.record(
        { actor: owner(user.id, input.email, ip), action: 'account.registered', subjectType: 'user', subjectId: user.id },
        trx,
      );
    });
  }

  async function confirmEmail(token: string, ip: string): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const userId = await tokens.consume(token, 'confirm-email', trx);
      if (!userId) return false;
      const user = await trx
        .updateTable('users')
        .set({ status: 'active', email_confirmed_at: new Date(), updated_at: new Date() })
        .where('id', '=', userId)
        .where('status', '=', 'pending')
        .returning('email')
        .executeTakeFirst();
      if (!user) return false;
      await audit.record(
        { actor: owner(userId, user.email, ip), action: 'account.email-confirmed', subjectType: 'user', subjectId: userId },
        trx,
      );
      return true;
    });
  }

  async function signIn(email: string, password: string, ip: string): Promise<SignInResult> {
    const attempt = await throttle.begin(email, ip);
    if (attempt === null) {
      await audit.record({ actor: claimant(email, ip), action: 'sign-in.refused-locked' });
      return { outcome: 'locked' };
    }
    const user = await findByEmail(email);
    const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !passwordOk || user.status !== 'active') {
      await audit.record({ actor: claimant(email, ip, user?.id), action: 'sign-in.failed', details: { stage: 'password' } });
      return { outcome: 'invalid' };
    }
    await throttle.succeeded(attempt);
    const roles = await rolesOf(user.id);
    if (user.totp_enabled_at) return { outcome: 'second-step', userId: user.id };
    if (isStaff(roles)) return { outcome: 'set-up-second-step', userId: user.id };
    await completeSignIn(user.id, user.email, ip);
    return { outcome: 'signed-in', userId: user.id, roles };
  }

  async function completeSignIn(userId: string, email: string, ip: string) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', userId).execute();
      await audit.record({ actor: owner(userId, email, ip), action: 'sign-in.succeeded', subjectType: 'user', subjectId: userId }, trx);
    });
  }

  /** Signing out changes nothing that is kept, but who left and when is part of the record of who was in. */
  async function signedOut(actor: Actor): Promise<void> {
    await audit.record({ actor, action: 'sign-out' });
  }

  /** The second step: a code from the authenticator app, or one of the recovery codes. */
  async function signInSecondStep(userId: string, code: string, ip: string): Promise<SignInResult> {
    const user = await findById(userId);
    if (!user || user.status !== 'active' || !user.totp_secret) return { outcome: 'invalid' };
    const attempt = await throttle.begin(user.email, ip);
    if (attempt === null) return { outcome: 'locked' };
    const step = acceptTotp(unseal([config.secret, ...config.previousSecrets], user.totp_secret), code, user.totp_last_step);
    let accepted = false;
    if (step !== null) {
      const updated = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      accepted = updated.numUpdatedRows > 0n;
    } else if (/[a-z]/i.test(code)) {
      const used = await db
        .updateTable('recovery_codes')
        .set({ used_at: new Date() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', recoveryCodeHash(code))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      accepted = used.numUpdatedRows > 0n;
      if (accepted) await audit.record({ actor: owner(userId, user.email, ip), action: 'sign-in.recovery-code-used' });
    }
    if (!accepted) {
      await audit.record({ actor: owner(userId, user.email, ip), action: 'sign-in.failed', details: { stage: 'two-factor' } });
      return { outcome: 'invalid' };
    }
    await throttle.succeeded(attempt);
    await completeSignIn(userId, user.email, ip);
    return { outcome: 'signed-in', userId, roles: await rolesOf(userId) };
  }

  /**
   * Turns on two-factor sign-in once the person has shown their app produces the right code. Set up while signing in
   * (`signingIn`), it completes the sign-in too, and both are recorded with the change.
   */
  async function enableTwoFactor(
    userId: string,
    secretBase32: string,
    code: string,
    ip: string,
    { signingIn = false }: { signingIn?: boolean } = {},
  ): Promise<string[] | null> {
    const step = acceptTotp(secretBase32, code, null);
    if (step === null) return null;
    const codes = newRecoveryCodes();
    await db.transaction().execute(async (trx) => {
      const user = await trx
        .updateTable('users')
        .set({ totp_secret: seal(config.secret, secretBase32), totp_enabled_at: new Date(), totp_last_step: step, updated_at: new Date() })
        .where('id', '=', userId)
        .returning('email')
        .executeTakeFirstOrThrow();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('recovery_codes')
        .values(codes.map((c) => ({ user_id: userId, code_hash: recoveryCodeHash(c) })))
        .execute();
      const actor = owner(userId, user.email, ip);
      await audit.record({ actor, action: 'two-factor.enabled', subjectType: 'user', subjectId: userId }, trx);
      if (signingIn) {
        const details = { firstTwoFactor: true };
        await audit.record({ actor, action: 'sign-in.succeeded', subjectType: 'user', subjectId: userId, details }, trx);
      }
    });
    return codes;
  }

  /** Asks for the password, so that someone who finds a signed-in screen cannot take the second step away. */
  async function disableTwoFactor(
    actor: SignedInActor,
    password: string,
  ): Promise<{ ok: true } | { ok: false; reason: 'required' | 'wrong-password' }> {
    const userId = actor.id;
    if (isStaff(await rolesOf(userId))) return { ok: false, reason: 'required' };
    const current = await findById(userId);
    if (!current || !(await verifyPassword(current.password_hash, password))) return { ok: false, reason: 'wrong-password' };
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: new Date() })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await audit.record({ actor, action: 'two-factor.disabled', subjectType: 'user', subjectId: userId }, trx);
    });
    return { ok: true };
  }

  async function unusedRecoveryCodeCount(userId: string): Promise<number> {
    const row = await db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * What the account page shows: the person's row and, with two-factor sign-in on, how many recovery codes are left.
   * Read on every visit to /account, so it is kept (on the embedded database) until a user or a recovery code changes.
   */
  const overview = keptWhileUnchanged(writes, { existingRows: ['users'], anyWrite: ['recovery_codes'] }, async (userId: string) => {
    const user = await findById(userId);
    return { user, recoveryCodesLeft: user?.totp_enabled_at ? await unusedRecoveryCodeCount(userId) : 0 };
  });

  /** Same answer for every address; only an active account gets the link. */
  async function requestPasswordReset(email: string, ip: string): Promise<void> {
    const user = await findByEmail(email);
    if (!user || user.status !== 'active') return;
    await db.transaction().execute(async (trx) => {
      const token = await tokens.issue(user.id, 'reset-password', trx);
      await mailer.send(resetPasswordMessage(user.email, link(`/password-reset/new?token=${token}`)), trx);
      await audit.record(
        { actor: owner(user.id, user.email, ip), action: 'password-reset.requested', subjectType: 'user', subjectId: user.id },
        trx,
      );
    });
  }

  /**
   * Sets the password and shuts out whoever knew the old one: every session ends, every other reset link stops
   * working, and every API token is revoked (a token made by someone who had the password must not outlive it).
   */
  async function setPassword(userId: string, password: string, ip: string | null, action: string, trx?: Db): Promise<void> {
    const passwordHash = await hashPassword(password);
    const write = async (tx: Db) => {
      const user = await tx
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: new Date() })
        .where('id', '=', userId)
        .returning('email')
        .executeTakeFirstOrThrow();
      await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await tx
        .updateTable('email_tokens')
        .set({ used_at: new Date() })
        .where('user_id', '=', userId)
        .where('purpose', '=', 'reset-password')
        .where('used_at', 'is', null)
        .execute();
      await revokeTokensOf(tx, userId);
      await mailer.send(passwordChangedMessage(user.email), tx);
      await audit.record({ actor: owner(userId, user.email, ip), action, subjectType: 'user', subjectId: userId }, tx);
    };
    if (trx) await write(trx);
    else await db.transaction().execute(write);
  }

  async function resetPassword(token: string, password: string, ip: string): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const userId = await tokens.consume(token, 'reset-password', trx);
      if (!userId) return false;
      await setPassword(userId, password, ip, 'password-reset.completed', trx);
      return true;
    });
  }

  async function changePassword(
    actor: SignedInActor,
    current: string,
    next: string,
  ): Promise<{ ok: true } | { ok: false; reason: 'wrong-password' }> {
    const user = await findById(actor.id);
    if (!user || !(await verifyPassword(user.password_hash, current))) return { ok: false, reason: 'wrong-password' };
    await setPassword(actor.id, next, actor.ip, 'password.changed');
    return { ok: true };
  }

  /** Accepting an invitation: the staff member chooses a password; two-factor set-up comes at first sign-in. */
  async function acceptInvitation(token: string, password: string, ip: string): Promise<string | null> {
    const passwordHash = await hashPassword(password);
    return db.transaction().execute(async (trx) => {
      const userId = await tokens.consume(token, 'invitation', trx);
      if (!userId) return null;
      const user = await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, status: 'active', email_confirmed_at: new Date(), updated_at: new Date() })
        .where('id', '=', userId)
        .where('status', '=', 'invited')
        .returning('email')
        .executeTakeFirst();
      if (!user) return null;
      await audit.record(
        { actor: owner(userId, user.email, ip), action: 'invitation.accepted', subjectType: 'user', subjectId: userId },
        trx,
      );
      return user.email;
    });
  }

  /** Hourly housekeeping, with the sessions' own clean: drafts nobody came back for within a day. */
  async function removeOldDrafts(): Promise<void> {
    await db
      .deleteFrom('saved_drafts')
      .where('created_at', '<', new Date(Date.now() - 24 * 60 * 60_000))
      .execute();
  }

  return {
    resealSecrets: () => resealTwoFactorSecrets(db, config, audit),
    findByEmail,
    findById,
    rolesOf,
    register,
    confirmEmail,
    signIn,
    signInSecondStep,
    signedOut,
    enableTwoFactor,
    disableTwoFactor,
    overview,
    requestPasswordReset,
    resetPassword,
    changePassword,
    acceptInvitation,
    removeOldDrafts,
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
