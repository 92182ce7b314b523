import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Within 15 minutes: 10 failures lock one account, 100 lock one address (a shared office network has many people). */
export const WINDOW_MINUTES = 15;
export const ACCOUNT_LIMIT = 10;
export const ADDRESS_LIMIT = 100;

// The two kinds of advisory lock the throttle takes, so that an address and an email address never share a key.
const ACCOUNT_LOCK = 1;
const ADDRESS_LOCK = 2;

export function createSignInThrottle(db: Db) {
  const windowStart = () => new Date(Date.now() - WINDOW_MINUTES * 60_000);

  async function failuresFor(trx: Db, column: 'email' | 'ip', value: string): Promise<number> {
    const row = await trx
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(column, '=', value)
      .where('succeeded', '=', false)
      .where('at', '>', windowStart())
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * Counts an attempt before the password or code is checked, so that many sent at once cannot all be checked while
   * none has yet been counted. Under a lock per account and per address (taken in that order, so two attempts never
   * wait on each other), it counts the failures in the window and, if neither limit is reached, records this attempt
   * as a failure. Returns its id, to be marked as a success if the check passes, or null when locked: then nothing is
   * checked at all, so the right password does not get through a lock either.
   */
  async function begin(email: string, ip: string): Promise<number | null> {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${email}))`.execute(trx);
      await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${ip}))`.execute(trx);
      const account = await failuresFor(trx, 'email', email);
      const address = await failuresFor(trx, 'ip', ip);
      if (account >= ACCOUNT_LIMIT || address >= ADDRESS_LIMIT) return null;
      const row = await trx
        .insertInto('sign_in_attempts')
        .values({ email, ip, succeeded: false })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    });
  }

  /** The password or code was right: the attempt no longer counts against the limits. */
  async function succeeded(attemptId: number): Promise<void> {
    await db.updateTable('sign_in_attempts').set({ succeeded: true }).where('id', '=', attemptId).execute();
  }

  /** Old attempts are only evidence for the window; the recurring job `sign-in-attempts.clean` clears them daily. */
  async function purgeOld(): Promise<void> {
    await db
      .deleteFrom('sign_in_attempts')
      .where('at', '<', new Date(Date.now() - 24 * 60 * 60_000))
      .execute();
  }

  return { begin, succeeded, purgeOld };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
