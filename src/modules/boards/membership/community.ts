import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { formatDate } from '../../../platform/time.js';
import { PSEUDONYM_CHANGE_DAYS, pseudonymProblem } from '../pseudonyms.js';
import type { FieldError } from '../../../platform/validation.js';

export const STATEMENT_MAX = 1000;

/** Every thread someone posted in shows their name: those pages must be rendered again. */
export async function touchThreadsOf(trx: Db, userId: string): Promise<void> {
  await trx
    .updateTable('board_threads')
    .set({ version: sql<number>`version + 1` })
    .where('id', 'in', trx.selectFrom('board_posts').select('thread_id').where('author_id', '=', userId))
    .execute();
}

/** What members do for each other besides posting: report a post, ask to join a board, change their pseudonym. */
export function createCommunity(db: Db) {
  async function report(reporterId: string, postId: number, reason: string): Promise<void> {
    await db.insertInto('board_reports').values({ post_id: postId, reporter_id: reporterId, reason }).execute();
  }

  async function membershipOf(userId: string, slug: string) {
    return db.selectFrom('board_memberships').selectAll().where('user_id', '=', userId).where('board_slug', '=', slug).executeTakeFirst();
  }

  /** Asking again after a refusal opens the same request again, so there is one row per person and board. */
  async function requestToJoin(userId: string, slug: string, statement: string): Promise<void> {
    await db
      .insertInto('board_memberships')
      .values({ board_slug: slug, user_id: userId, status: 'pending', statement })
      .onConflict((oc) =>
        oc
          .columns(['board_slug', 'user_id'])
          .doUpdateSet({
            status: 'pending',
            statement,
            requested_at: new Date(),
            decided_at: null,
            decided_by: null,
            decision_reason: null,
          })
          .where('board_memberships.status', '=', 'refused'),
      )
      .execute();
  }

  /** When someone may next change their pseudonym, or null if they may now. */
  function nextChangeAt(profile: { pseudonym_changed_at: Date }): Date | null {
    const next = new Date(profile.pseudonym_changed_at.getTime() + PSEUDONYM_CHANGE_DAYS * 86_400_000);
    return next.getTime() > Date.now() ? next : null;
  }

  async function changePseudonym(user: { id: string; email: string }, pseudonym: string): Promise<FieldError | null> {
    const problem = pseudonymProblem(pseudonym, user.email);
    if (problem) return { field: 'pseudonym', text: problem };
    const profile = await db
      .selectFrom('board_profiles')
      .select(['pseudonym', 'pseudonym_changed_at'])
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (!profile) return { field: 'pseudonym', text: 'You choose your pseudonym when you first post' };
    const next = nextChangeAt(profile);
    if (next)
      return {
        field: 'pseudonym',
        text: `You can change your pseudonym once a month. You can next change it on ${formatDate(next)}`,
      };
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('board_profiles')
          .set({ pseudonym: pseudonym.trim(), pseudonym_changed_at: new Date() })
          .where('user_id', '=', user.id)
          .execute();
        await touchThreadsOf(trx, user.id);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        return { field: 'pseudonym', text: 'Someone is already using that pseudonym. Choose a different one' };
      throw error;
    }
    return null;
  }

  return { report, membershipOf, requestToJoin, nextChangeAt, changePseudonym };
}

export type Community = ReturnType<typeof createCommunity>;
