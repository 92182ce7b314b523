import { randomToken, sha256 } from '../crypto.js';
import type { Db } from '../db/database.js';
import type { EmailTokenPurpose } from '../db/schema.js';

const LIFETIME_HOURS: Record<EmailTokenPurpose, number> = {
  'confirm-email': 72,
  'reset-password': 1,
  invitation: 7 * 24,
};

/** Single-use tokens for links in emails. Only a hash is stored, so the database cannot be used to forge a link. */
export function createEmailTokens(db: Db) {
  async function issue(userId: string, purpose: EmailTokenPurpose, trx?: Db): Promise<string> {
    const token = randomToken();
    await (trx ?? db)
      .insertInto('email_tokens')
      .values({
        token_hash: sha256(token),
        user_id: userId,
        purpose,
        expires_at: new Date(Date.now() + LIFETIME_HOURS[purpose] * 3_600_000),
      })
      .execute();
    return token;
  }

  /** The user the token belongs to, if it is unused and in date; it is not used up until `consume`. */
  async function check(token: string, purpose: EmailTokenPurpose): Promise<string | null> {
    if (!token || token.length > 100) return null;
    const row = await db
      .selectFrom('email_tokens')
      .select('user_id')
      .where('token_hash', '=', sha256(token))
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    return row?.user_id ?? null;
  }

  /** Uses the token up; returns false if someone else used it first. */
  async function consume(token: string, purpose: EmailTokenPurpose, trx: Db): Promise<string | null> {
    const row = await trx
      .updateTable('email_tokens')
      .set({ used_at: new Date() })
      .where('token_hash', '=', sha256(token))
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id ?? null;
  }

  return { issue, check, consume };
}

export type EmailTokens = ReturnType<typeof createEmailTokens>;
