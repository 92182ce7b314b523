import type { Db } from '../db/database.js';

/** Within 15 minutes: 10 failures lock one account, 100 lock one address (a shared office network has many people). */
export const WINDOW_MINUTES = 15;
export const ACCOUNT_LIMIT = 10;
export const ADDRESS_LIMIT = 100;

export function createSignInThrottle(db: Db) {
  const windowStart = () => new Date(Date.now() - WINDOW_MINUTES * 60_000);

  async function failuresFor(column: 'email' | 'ip', value: string): Promise<number> {
    const row = await db
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(column, '=', value)
      .where('succeeded', '=', false)
      .where('at', '>', windowStart())
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Checked before the password, so that the right password does not get through a lock either. */
  async function isLocked(email: string, ip: string): Promise<boolean> {
    const [account, address] = await Promise.all([failuresFor('email', email), failuresFor('ip', ip)]);
    return account >= ACCOUNT_LIMIT || address >= ADDRESS_LIMIT;
  }

  async function record(email: string, ip: string, succeeded: boolean): Promise<void> {
    await db.insertInto('sign_in_attempts').values({ email, ip, succeeded }).execute();
  }

  /** Old attempts are only evidence for the window; the recurring job `sign-in-attempts.clean` clears them daily. */
  async function purgeOld(): Promise<void> {
    await db
      .deleteFrom('sign_in_attempts')
      .where('at', '<', new Date(Date.now() - 24 * 60 * 60_000))
      .execute();
  }

  return { isLocked, record, purgeOld };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
