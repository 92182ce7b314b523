import type { Db } from '../../../platform/db/database.js';
import { touchThreadsOf } from '../membership/community.js';

/**
 * What the boards hold about one person, for "download everything I have posted", subject access requests and
 * deleting an account. Deleting keeps their posts, signed "former member", so that nobody else's replies lose their
 * sense; everything that links the posts to the person goes.
 */
export function createPersonalData(db: Db) {
  async function exportFor(userId: string): Promise<Record<string, unknown>> {
    const profile = await db.selectFrom('board_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
    const posts = await db
      .selectFrom('board_posts as p')
      .innerJoin('board_threads as t', 't.id', 'p.thread_id')
      .select([
        'p.id',
        'p.body',
        'p.status',
        'p.created_at',
        'p.edited_at',
        'p.rejection_reason',
        't.id as thread_id',
        't.title',
        't.board_slug',
        't.author_id as thread_author',
      ])
      .where('p.author_id', '=', userId)
      .orderBy('p.id')
      .execute();
    const watches = await db
      .selectFrom('board_watches as w')
      .leftJoin('board_threads as t', 't.id', 'w.thread_id')
      .select(['w.board_slug', 'w.thread_id', 't.title', 'w.mode', 'w.created_at'])
      .where('w.user_id', '=', userId)
      .execute();
    const joinRequests = await db
      .selectFrom('board_memberships')
      .select(['board_slug', 'status', 'statement', 'requested_at', 'decided_at', 'decision_reason'])
      .where('user_id', '=', userId)
      .execute();
    const reports = await db
      .selectFrom('board_reports')
      .select(['post_id', 'reason', 'created_at', 'resolved_at', 'outcome'])
      .where('reporter_id', '=', userId)
      .execute();
    return {
      'Your pseudonym': profile ? { pseudonym: profile.pseudonym, chosenOrChangedAt: profile.pseudonym_changed_at } : null,
      'Threads you started': posts
        .filter((p) => p.thread_author === userId)
        .reduce<{ threadId: number; title: string; board: string }[]>((list, p) => {
          if (!list.some((t) => t.threadId === p.thread_id)) list.push({ threadId: p.thread_id, title: p.title, board: p.board_slug });
          return list;
        }, []),
      'Your posts': posts
        .filter((p) => p.status !== 'deleted')
        .map((p) => ({
          postId: p.id,
          board: p.board_slug,
          threadId: p.thread_id,
          thread: p.title,
          text: p.body,
          status: p.status,
          postedAt: p.created_at,
          editedAt: p.edited_at,
          ...(p.rejection_reason ? { moderatorsReason: p.rejection_reason } : {}),
        })),
      'What you watch': watches.map((w) => ({
        board: w.board_slug,
        threadId: w.thread_id,
        thread: w.title,
        emails: w.mode,
        since: w.created_at,
      })),
      'Your requests to join boards': joinRequests.map((j) => ({
        board: j.board_slug,
        status: j.status,
        statement: j.statement,
        requestedAt: j.requested_at,
        decidedAt: j.decided_at,
        reason: j.decision_reason,
      })),
      'Posts you reported': reports.map((r) => ({
        postId: r.post_id,
        reason: r.reason,
        reportedAt: r.created_at,
        resolvedAt: r.resolved_at,
        outcome: r.outcome,
      })),
    };
  }

  async function erase(userId: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await touchThreadsOf(trx, userId);
      // Posts waiting for a moderator were never public: they go. Public posts stay, by "former member".
      await trx
        .deleteFrom('board_reports')
        .where('post_id', 'in', trx.selectFrom('board_posts').select('id').where('author_id', '=', userId).where('status', '=', 'held'))
        .execute();
      await trx
        .updateTable('board_posts')
        .set({ status: 'deleted', body: '', html: '' })
        .where('author_id', '=', userId)
        .where('status', '=', 'held')
        .execute();
      await trx
        .updateTable('board_posts')
        .set({ author_id: null, badge: null, submission_key: null })
        .where('author_id', '=', userId)
        .execute();
      await trx.updateTable('board_threads').set({ author_id: null }).where('author_id', '=', userId).execute();
      await trx.updateTable('board_reports').set({ reporter_id: null }).where('reporter_id', '=', userId).execute();
      await trx.deleteFrom('board_watches').where('user_id', '=', userId).execute();
      await trx.deleteFrom('board_reads').where('user_id', '=', userId).execute();
      await trx.deleteFrom('board_post_edits').where('author_id', '=', userId).execute();
      await trx.deleteFrom('board_memberships').where('user_id', '=', userId).execute();
      await trx.deleteFrom('board_profiles').where('user_id', '=', userId).execute();
    });
  }

  return { exportFor, erase };
}
