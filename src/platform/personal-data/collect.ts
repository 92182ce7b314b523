import type { ContextOf, HearthModule } from '../modules.js';
import type { Actor } from '../audit.js';
import type { Services } from '../services.js';

/** Everything Hearth holds about one person, under headings a person would understand. */
export interface PersonalDataExport {
  generatedAt: string;
  about: string;
  account: Record<string, unknown>;
  sessions: Record<string, unknown>;
  apiTokens: Record<string, unknown>[];
  auditEntries: Record<string, unknown>[];
  /** One section per switched-on module that holds personal data, named after the module. */
  modules: Record<string, Record<string, unknown>>;
}

// A person's own audit trail is normally short; the cap keeps a very active account's download to a sensible size.
const AUDIT_LIMIT = 5000;

/**
 * Gathers the platform's records (account, sessions, API tokens, audit entries by or about the person) and asks every
 * switched-on module for its own through `personalData.export`. Used by /account/data and by staff answering a
 * subject access request, so that both always show the same thing.
 */
export async function collectPersonalData(
  services: Services,
  modules: readonly HearthModule[],
  contextOf: ContextOf,
  userId: string,
): Promise<PersonalDataExport | null> {
  const { db } = services;
  const user = await services.accounts.findById(userId);
  if (!user) return null;
  const roles = await db.selectFrom('user_roles').select(['role', 'granted_at']).where('user_id', '=', userId).execute();
  const sessions = await db
    .selectFrom('sessions')
    .select([(eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.max('last_seen_at').as('lastSeen')])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  const tokens = await db
    .selectFrom('api_tokens')
    .select(['name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const audit = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'actor_label', 'subject_type', 'ip', 'reason'])
    .where((eb) => eb.or([eb('actor_id', '=', userId), eb.and([eb('subject_type', '=', 'user'), eb('subject_id', '=', userId)])]))
    .orderBy('id')
    .limit(AUDIT_LIMIT)
    .execute();

  const moduleSections: Record<string, Record<string, unknown>> = {};
  for (const module of modules) {
    if (module.personalData) moduleSections[module.name] = await module.personalData.export(contextOf(module), userId);
  }

  return {
    generatedAt: new Date().toISOString(),
    about:
      'Everything Hearth holds about you: your account, how you have used it, and what each part of Hearth keeps. Passwords, two-factor keys and token secrets are stored only in a form nobody can read back, so they are not included.',
    account: {
      email: user.email,
      name: user.display_name,
      status: user.status,
      created: user.created_at,
      emailConfirmed: user.email_confirmed_at,
      lastSignIn: user.last_sign_in_at,
      twoFactorSignIn: user.totp_enabled_at ? 'on' : 'off',
      roles: roles.map((r) => ({ role: r.role, granted: r.granted_at })),
    },
    sessions: { signedInDevicesNow: Number(sessions.count), lastSeen: sessions.lastSeen ?? null },
    apiTokens: tokens.map((t) => ({
      name: t.name,
      startsWith: t.prefix,
      created: t.created_at,
      lastUsed: t.last_used_at,
      revoked: t.revoked_at,
    })),
    auditEntries: audit.map((a) => ({ at: a.at, action: a.action, by: a.actor_label, ip: a.ip, reason: a.reason })),
    modules: moduleSections,
  };
}

/** How a disclosure of someone's data is recorded: they looked or downloaded it, or staff answered a subject access request. */
export type Disclosure =
  { action: 'personal-data.viewed' | 'personal-data.downloaded' } | { action: 'personal-data.subject-access'; reason: string };

/** A person's data for someone to see, with the audit entry that says who saw it and why; null if there is no such account. */
export async function disclosePersonalData(
  services: Services,
  modules: readonly HearthModule[],
  contextOf: ContextOf,
  userId: string,
  actor: Actor,
  disclosure: Disclosure,
): Promise<PersonalDataExport | null> {
  const data = await collectPersonalData(services, modules, contextOf, userId);
  if (!data) return null;
  await services.audit.record({ actor, ...disclosure, subjectType: 'user', subjectId: userId });
  return data;
}

/**
 * Deletes an account: every module erases or anonymises what it holds, then the account itself is emptied of
 * personal data and disabled. The row stays (with a meaningless address) so that records elsewhere that point at it
 * stay whole; the audit log is append-only and hash-chained, so its entries are kept as written and a new one
 * records the deletion.
 */
export async function deleteAccount(
  services: Services,
  modules: readonly HearthModule[],
  contextOf: ContextOf,
  userId: string,
  actor: Actor,
): Promise<boolean> {
  const user = await services.accounts.findById(userId);
  if (!user) return false;
  for (const module of modules) await module.personalData?.erase(contextOf(module), userId);
  await services.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('saved_drafts').where('user_id', '=', userId).execute();
    await trx.deleteFrom('email_tokens').where('user_id', '=', userId).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
    await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    // What Hearth wrote to them says they had an account here, and may hold a working link.
    await services.mailer.eraseTo([user.email], {}, trx);
    await trx
      .updateTable('users')
      .set({
        email: `deleted-${userId}@deleted.invalid`,
        display_name: 'Deleted account',
        password_hash: null,
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        status: 'disabled',
        organisation_id: null,
        team_id: null,
        updated_at: new Date(),
      })
      .where('id', '=', userId)
      .execute();
    await services.audit.record(
      {
        actor,
        action: 'account.deleted',
        subjectType: 'user',
        subjectId: userId,
        details: { modules: modules.filter((m) => m.personalData).map((m) => m.name) },
      },
      trx,
    );
  });
  return true;
}
