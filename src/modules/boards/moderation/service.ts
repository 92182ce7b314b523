import { sql } from 'kysely';
import type { AuditLog, SignedInActor } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import { queueUnlessWaiting } from '../../../platform/jobs.js';
import type { Mailer } from '../../../platform/mail.js';
import { htmlFor, type Posting } from '../posting/service.js';
import { NEW_MEMBER_POSTS } from '../permissions.js';
import { NOTIFY_JOB } from '../watching/service.js';
import { moderationQueue } from './queue.js';

/**
 * What a moderator's action comes to. `not-found`: the thread, member, board, report or request named is not there
 * at all (a 404); `conflict`: someone else has already decided, or the post has gone (a 409), said in `message`.
 */
export type Moderated<T = object> = ({ ok: true } & T) | { ok: false; reason: 'not-found' | 'conflict'; message: string };

const DONE = { ok: true } as const;
const missing = (message: string) => ({ ok: false, reason: 'not-found', message }) as const;
const conflict = (message: string) => ({ ok: false, reason: 'conflict', message }) as const;

/**
 * What moderators do to keep the boards safe. Each action and its audit entry commit together, and an author whose
 * post is turned down is told why by email.
 */
export function createModeration(deps: { db: Db; audit: AuditLog; mailer: Mailer; posting: Posting; baseUrl: string }) {
  const { db, audit, mailer, posting } = deps;
  const queue = moderationQueue(db);

  async function lockedPost(trx: Db, postId: number) {
    return trx.selectFrom('board_posts').selectAll().where('id', '=', postId).forUpdate().executeTakeFirst();
  }

  /** A moderator lets a held post up. Each approval counts towards a new member posting freely. */
  async function approve(moderator: SignedInActor, postId: number): Promise<Moderated> {
    return db.transaction().execute(async (trx) => {
      const post = await lockedPost(trx, postId);
      if (!post) return conflict('There is no such post.');
      if (post.status !== 'held') return conflict('That post is not waiting for a moderator.');
      await trx.updateTable('board_posts').set({ status: 'visible' }).where('id', '=', postId).execute();
      if (post.author_id) {
        await trx
          .updateTable('board_profiles')
          .set({ approved_posts: sql`approved_posts + 1` })
          .where('user_id', '=', post.author_id)
          .execute();
      }
      await posting.syncThreadStatus(trx, post.thread_id);
      await posting.refreshThread(trx, post.thread_id);
      await queueUnlessWaiting(trx, NOTIFY_JOB).execute();
      await audit.record(
        {
          actor: moderator,
          action: 'boards.post.approved',
          subjectType: 'board-post',
          subjectId: String(postId),
          details: { holdReasons: post.hold_reasons },
        },
        trx,
      );
      return DONE;
    });
  }

  async function authorEmail(trx: Db, userId: string | null): Promise<string | null> {
    if (!userId) return null;
    const row = await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    return row?.email ?? null;
  }

  /** Takes a post down (held or already up), keeping it for the record, and tells the author why. */
  async function reject(moderator: SignedInActor, postId: number, reason: string): Promise<Moderated> {
    return db.transaction().execute((trx) => rejectWithin(trx, moderator, postId, reason));
  }

  async function rejectWithin(trx: Db, moderator: SignedInActor, postId: number, reason: string): Promise<Moderated> {
    const post = await lockedPost(trx, postId);
    if (!post) return conflict('There is no such post.');
    if (post.status === 'rejected' || post.status === 'deleted') return conflict('That post has already been taken down.');
    const thread = await trx
      .selectFrom('board_threads')
      .select(['title', 'board_slug'])
      .where('id', '=', post.thread_id)
      .executeTakeFirstOrThrow();
    await trx.updateTable('board_posts').set({ status: 'rejected', rejection_reason: reason }).where('id', '=', postId).execute();
    await posting.syncThreadStatus(trx, post.thread_id);
    await posting.refreshThread(trx, post.thread_id);
    // Taking a post down answers every open report of it.
    await trx
      .updateTable('board_reports')
      .set({ resolved_at: new Date(), resolved_by: moderator.id, outcome: 'post-removed' })
      .where('post_id', '=', postId)
      .where('resolved_at', 'is', null)
      .execute();
    await audit.record(
      { actor: moderator, action: 'boards.post.rejected', subjectType: 'board-post', subjectId: String(postId), reason },
      trx,
    );
    const to = await authorEmail(trx, post.author_id);
    if (to) {
      await mailer.send(
        {
          to,
          subject: 'A moderator did not put up your post',
          text: [
            `A moderator read your post in “${thread.title}” and did not put it up on the boards.`,
            '',
            'Their reason:',
            reason,
            '',
            'You can write it again without the part the moderator mentioned. If you think this was a mistake, reply to this email.',
            '',
            `The boards: ${deps.baseUrl}/boards`,
          ].join('\n'),
        },
        trx,
      );
    }
    return DONE;
  }

  /** Removes part of a post. The words as written are kept for moderators only. */
  async function redact(moderator: SignedInActor, postId: number, newBody: string, reason: string): Promise<Moderated> {
    return db.transaction().execute(async (trx) => {
      const post = await lockedPost(trx, postId);
      if (!post) return conflict('There is no such post.');
      if (post.status === 'deleted' || post.status === 'rejected') return conflict('That post has been taken down.');
      await trx
        .updateTable('board_posts')
        .set({ body: newBody, html: htmlFor(newBody, true), redacted_original: post.redacted_original ?? post.body })
        .where('id', '=', postId)
        .execute();
      await trx
        .updateTable('board_threads')
        .set({ version: sql<number>`version + 1` })
        .where('id', '=', post.thread_id)
        .execute();
      await audit.record(
        { actor: moderator, action: 'boards.post.redacted', subjectType: 'board-post', subjectId: String(postId), reason },
        trx,
      );
      return DONE;
    });
  }

  async function setLocked(moderator: SignedInActor, threadId: number, locked: boolean): Promise<Moderated> {
    return db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('board_threads')
        .set({ locked, version: sql<number>`version + 1` })
        .where('id', '=', threadId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return missing('There is no such thread.');
      await audit.record(
        {
          actor: moderator,
          action: locked ? 'boards.thread.locked' : 'boards.thread.unlocked',
          subjectType: 'board-thread',
          subjectId: String(threadId),
        },
        trx,
      );
      return DONE;
    });
  }

  async function move(moderator: SignedInActor, threadId: number, toSlug: string): Promise<Moderated> {
    return db.transaction().execute(async (trx) => {
      const thread = await trx.selectFrom('board_threads').select('board_slug').where('id', '=', threadId).executeTakeFirst();
      if (!thread) return missing('There is no such thread.');
      const board = await trx.selectFrom('boards').select('slug').where('slug', '=', toSlug).executeTakeFirst();
      if (!board) return missing('There is no such board.');
      await trx
        .updateTable('board_threads')
        .set({ board_slug: toSlug, version: sql<number>`version + 1` })
        .where('id', '=', threadId)
        .execute();
      await audit.record(
        {
          actor: moderator,
          action: 'boards.thread.moved',
          subjectType: 'board-thread',
          subjectId: String(threadId),
          details: { from: thread.board_slug, to: toSlug },
        },
        trx,
      );
      return DONE;
    });
  }

  async function suspend(moderator: SignedInActor, userId: string, days: number, reason: string): Promise<Moderated<{ until: Date }>> {
    const until = new Date(Date.now() + days * 86_400_000);
    return db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('board_profiles')
        .set({ suspended_until: until, suspension_reason: reason })
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return missing('That person has not posted on the boards.');
      await audit.record(
        {
          actor: moderator,
          action: 'boards.member.suspended',
          subjectType: 'user',
          subjectId: userId,
          reason,
          details: { days, until: until.toISOString() },
        },
        trx,
      );
      const to = await authorEmail(trx, userId);
      if (to) {
        await mailer.send(
          {
            to,
            subject: 'You cannot post on the boards for a while',
            text: `A moderator has paused your posting on the boards for ${days} ${days === 1 ? 'day' : 'days'}.\n\nTheir reason:\n${reason}\n\nYou can still read the boards.`,
          },
          trx,
        );
      }
      return { ok: true, until } as const;
    });
  }

  /** A member a moderator trusts no longer waits for approval, however few posts they have made. */
  async function allowToPostFreely(moderator: SignedInActor, userId: string): Promise<Moderated> {
    return db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('board_profiles')
        .set({ posts_freely: true, approved_posts: sql`greatest(approved_posts, ${NEW_MEMBER_POSTS})` })
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return missing('That person has not posted on the boards.');
      await audit.record({ actor: moderator, action: 'boards.member.posts-freely', subjectType: 'user', subjectId: userId }, trx);
      return DONE;
    });
  }

  async function resolveReport(
    moderator: SignedInActor,
    reportId: string,
    outcome: 'no-action' | 'post-removed',
    reason: string,
  ): Promise<Moderated> {
    return db.transaction().execute(async (trx) => {
      const report = await trx
        .selectFrom('board_reports')
        .select(['post_id', 'resolved_at'])
        .where('id', '=', reportId)
        .forUpdate()
        .executeTakeFirst();
      if (!report) return missing('There is no such report.');
      if (report.resolved_at) return conflict('That report has already been dealt with.');
      // Taking the post down and closing the report are one decision: neither is kept without the other.
      if (outcome === 'post-removed') {
        const rejected = await rejectWithin(trx, moderator, report.post_id, reason);
        if (!rejected.ok) return rejected;
      }
      await trx
        .updateTable('board_reports')
        .set({ resolved_at: new Date(), resolved_by: moderator.id, outcome })
        // Every open report of the same post is answered by one decision.
        .where('post_id', '=', report.post_id)
        .where('resolved_at', 'is', null)
        .execute();
      await audit.record(
        {
          actor: moderator,
          action: 'boards.report.resolved',
          subjectType: 'board-report',
          subjectId: reportId,
          reason,
          details: { outcome, postId: report.post_id },
        },
        trx,
      );
      return DONE;
    });
  }

  async function decideJoin(moderator: SignedInActor, requestId: string, approve: boolean, reason: string): Promise<Moderated> {
    return db.transaction().execute(async (trx) => {
      const request = await trx
        .selectFrom('board_memberships as m')
        .innerJoin('boards as b', 'b.slug', 'm.board_slug')
        .select(['m.user_id', 'm.status', 'b.title', 'b.slug'])
        .where('m.id', '=', requestId)
        .executeTakeFirst();
      if (!request) return missing('There is no such request.');
      if (request.status !== 'pending') return conflict('That request has already been decided.');
      await trx
        .updateTable('board_memberships')
        .set({
          status: approve ? 'approved' : 'refused',
          decided_at: new Date(),
          decided_by: moderator.id,
          decision_reason: reason || null,
        })
        .where('id', '=', requestId)
        .execute();
      await audit.record(
        {
          actor: moderator,
          action: approve ? 'boards.join.approved' : 'boards.join.refused',
          subjectType: 'board-membership',
          subjectId: requestId,
          reason: reason || null,
          details: { board: request.slug },
        },
        trx,
      );
      const to = await authorEmail(trx, request.user_id);
      if (to) {
        await mailer.send(
          {
            to,
            subject: approve ? `You can now use ${request.title}` : `Your request to join ${request.title}`,
            text: approve
              ? `A moderator has let you into ${request.title}.\n\n${deps.baseUrl}/boards/${request.slug}`
              : `A moderator did not let you into ${request.title}.${reason ? `\n\nTheir reason:\n${reason}` : ''}`,
          },
          trx,
        );
      }
      return DONE;
    });
  }

  /** What moderators see of a post: the original words too, if part was removed. */
  async function postForModerator(postId: number) {
    return db
      .selectFrom('board_posts as p')
      .innerJoin('board_threads as t', 't.id', 'p.thread_id')
      .leftJoin('board_profiles as pr', 'pr.user_id', 'p.author_id')
      .select([
        'p.id',
        'p.body',
        'p.html',
        'p.status',
        'p.redacted_original',
        'p.author_id',
        'p.thread_id',
        't.title',
        't.board_slug',
        'pr.pseudonym',
      ])
      .where('p.id', '=', postId)
      .executeTakeFirst();
  }

  return { queue, approve, reject, redact, setLocked, move, suspend, allowToPostFreely, resolveReport, decideJoin, postForModerator };
}

export type Moderation = ReturnType<typeof createModeration>;
