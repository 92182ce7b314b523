import type { Actor, AuditLog, SignedInActor } from '../audit.js';
import type { Principal } from '../access.js';
import { randomToken, sha256 } from '../crypto.js';
import type { Db } from '../db/database.js';
import { isStaff } from '../roles.js';
import { principalFrom } from '../sessions.js';
import { sql } from 'kysely';

const TOKEN_PREFIX = 'hearth_';

/** How long a new token works unless its owner chooses otherwise. */
export const DEFAULT_TOKEN_DAYS = 90;

/**
 * Revokes every live token a person has, in the caller's transaction: when their password, roles or status change,
 * a token made before must not carry on as if nothing had happened.
 */
export async function revokeTokensOf(handle: Db, userId: string): Promise<number> {
  const result = await handle
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Personal access tokens for the API. Shown once when created; only a hash is kept. */
export function createApiTokens(db: Db, audit: AuditLog) {
  /**
   * `days` null means no end, which only a member may choose (the route refuses it for staff). The actor is the owner
   * on their account page, or whoever made the token for them.
   */
  async function create(owner: Principal, name: string, actor: Actor, days: number | null = DEFAULT_TOKEN_DAYS): Promise<string> {
    if (days === null && isStaff(owner.roles)) throw new Error('Staff tokens must expire.');
    const token = `${TOKEN_PREFIX}${randomToken()}`;
    const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_tokens')
        .values({
          user_id: owner.id,
          name,
          token_hash: sha256(token),
          prefix: token.slice(0, TOKEN_PREFIX.length + 4),
          expires_at: expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const details = { name, expiresAt: expiresAt?.toISOString() ?? null };
      await audit.record({ actor, action: 'api-token.created', subjectType: 'api-token', subjectId: row.id, details }, trx);
    });
    return token;
  }

  async function listFor(userId: string) {
    return db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'])
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Revokes one of the actor's own tokens; another person's token id simply matches nothing. */
  async function revoke(actor: SignedInActor, tokenId: string): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
    if (!/^[0-9a-f-]{36}$/i.test(tokenId)) return { ok: false, reason: 'not-found' };
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('id', '=', tokenId)
        .where('user_id', '=', actor.id)
        .where('revoked_at', 'is', null)
        .returning('name')
        .executeTakeFirst();
      if (!row) return { ok: false, reason: 'not-found' } as const;
      await audit.record(
        { actor, action: 'api-token.revoked', subjectType: 'api-token', subjectId: tokenId, details: { name: row.name } },
        trx,
      );
      return { ok: true } as const;
    });
  }

  /**
   * The person a bearer token speaks for, if the token is live (not revoked, not past its end) and its owner's account
   * is active. A staff role without two-factor sign-in set up is refused, however the role was given.
   */
  async function principalFor(token: string): Promise<Principal | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const row = await db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select([
        't.id as token_id',
        't.last_used_at',
        'u.id as user_id',
        'u.email',
        'u.organisation_id',
        'u.team_id',
        'u.totp_enabled_at',
        sql<string[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as('roles'),
      ])
      .where('t.token_hash', '=', sha256(token))
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
      .where('u.status', '=', 'active')
      .executeTakeFirst();
    if (!row || (isStaff(row.roles) && !row.totp_enabled_at)) return null;
    // Recording every use would write on every API call; to the minute is enough to spot a forgotten token.
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
      await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.token_id).execute();
    }
    return principalFrom(row);
  }

  return { create, listFor, revoke, principalFor };
}

export type ApiTokens = ReturnType<typeof createApiTokens>;
