import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import { safeEqual } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/database.js';
import type { Mailer } from '../../platform/mail.js';
import type { Role } from '../../platform/roles.js';
import { accessTo } from './permissions.js';
import type { BoardRules, WatchMode } from './schema.js';

export type WatchTarget = { boardSlug: string } | { threadId: number };

/**
 * Watching a thread or a board: an email at once for each new post, or one a day. Emails say where to look but never
 * quote what anyone wrote: a family's mailbox is not always private. Every message carries a one-click unsubscribe
 * (RFC 8058), so leaving takes one press in a mail app.
 */
export function createWatching(db: Db, mailer: Mailer, config: Pick<Config, 'secret' | 'baseUrl'>) {
  const signature = (watchId: string) => createHmac('sha256', config.secret).update(`boards-unsubscribe:${watchId}`).digest('base64url');
  /** The token in unsubscribe links: the watch and a signature, so nothing secret need be stored. */
  const tokenFor = (watchId: string) => `${watchId}.${signature(watchId)}`;

  function watchIdIn(token: string): string | null {
    const [id, sig] = token.split('.');
    if (!id || !sig || !/^[0-9a-f-]{36}$/.test(id)) return null;
    return safeEqual(sig, signature(id)) ? id : null;
  }

  async function watchOf(userId: string, target: WatchTarget) {
    let query = db.selectFrom('board_watches').selectAll().where('user_id', '=', userId);
    query = 'boardSlug' in target ? query.where('board_slug', '=', target.boardSlug) : query.where('thread_id', '=', target.threadId);
    return query.executeTakeFirst();
  }

  async function watch(userId: string, target: WatchTarget, mode: WatchMode): Promise<void> {
    const existing = await watchOf(userId, target);
    if (existing) {
      await db.updateTable('board_watches').set({ mode }).where('id', '=', existing.id).execute();
      return;
    }
    await db
      .insertInto('board_watches')
      .values({
        user_id: userId,
        board_slug: 'boardSlug' in target ? target.boardSlug : null,
        thread_id: 'threadId' in target ? target.threadId : null,
        mode,
      })
      .execute();
  }

  async function stopWatching(userId: string, target: WatchTarget): Promise<void> {
    const existing = await watchOf(userId, target);
    if (existing) await db.deleteFrom('board_watches').where('id', '=', existing.id).execute();
  }

  /** What an unsubscribe token points at, for the page that asks "stop these emails?". */
  async function describeToken(token: string) {
    const id = watchIdIn(token);
    if (!id) return null;
    return db
      .selectFrom('board_watches as w')
      .leftJoin('board_threads as t', 't.id', 'w.thread_id')
      .leftJoin('boards as b', 'b.slug', 'w.board_slug')
      .select(['w.id', 't.title as thread_title', 'b.title as board_title'])
      .where('w.id', '=', id)
      .executeTakeFirst();
  }

  /** Returns whether a watch was removed. A used or forged token changes nothing. */
  async function unsubscribe(token: string): Promise<boolean> {
    const id = watchIdIn(token);
    if (!id) return false;
    const result = await db.deleteFrom('board_watches').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  function headersFor(watchId: string) {
    return {
      'List-Unsubscribe': `<${config.baseUrl}/api/v1/boards/unsubscribe/${tokenFor(watchId)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  const footer = (watchId: string) =>
    `\n\n--\nYou get these emails because you are watching this on Hearth's boards.\nStop these emails: ${config.baseUrl}/boards/unsubscribe/${tokenFor(watchId)}`;

  /** Whether the person behind a watch may still read the board: access can change after they start watching. */
  async function mayRead(userId: string, board: { slug: string; rules: BoardRules }): Promise<boolean> {
    const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()).map((r) => r.role as Role);
    const user = await db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirst();
    if (!user || user.status !== 'active') return false;
    const approved = !!(await db
      .selectFrom('board_memberships')
      .select('id')
      .where('user_id', '=', userId)
      .where('board_slug', '=', board.slug)
      .where('status', '=', 'approved')
      .executeTakeFirst());
    return accessTo(board, { roles }, approved).read;
  }

  /** The job for a post that has just gone up: one email to each instant watcher of its thread or board. */
  async function notifyPost(payload: Record<string, unknown>): Promise<void> {
    const postId = Number(payload.postId);
    // Claiming the post first makes a second run of this job send nothing.
    const claimed = await db
      .updateTable('board_posts')
      .set({ notified_at: new Date() })
      .where('id', '=', postId)
      .where('status', '=', 'visible')
      .where('notified_at', 'is', null)
      .returning(['thread_id', 'author_id'])
      .executeTakeFirst();
    if (!claimed) return;
    const thread = await db
      .selectFrom('board_threads as t')
      .innerJoin('boards as b', 'b.slug', 't.board_slug')
      .select(['t.id', 't.title', 't.status', 'b.slug', 'b.title as board_title', 'b.rules'])
      .where('t.id', '=', claimed.thread_id)
      .executeTakeFirstOrThrow();
    if (thread.status !== 'visible') return;
    const watches = await db
      .selectFrom('board_watches as w')
      .innerJoin('users as u', 'u.id', 'w.user_id')
      .select(['w.id', 'w.user_id', 'w.thread_id', 'u.email'])
      .where('w.mode', '=', 'instant')
      .where((eb) => eb.or([eb('w.thread_id', '=', thread.id), eb('w.board_slug', '=', thread.slug)]))
      .execute();
    const sentTo = new Set<string>();
    // A thread watch is more specific than a board watch, so it is the one whose unsubscribe link the email carries.
    for (const watch of watches.sort((a, b) => Number(b.thread_id !== null) - Number(a.thread_id !== null))) {
      if (watch.user_id === claimed.author_id || sentTo.has(watch.user_id)) continue;
      sentTo.add(watch.user_id);
      if (!(await mayRead(watch.user_id, { slug: thread.slug, rules: thread.rules }))) continue;
      await mailer.send({
        to: watch.email,
        subject: `New post in “${thread.title}”`,
        text: `There is a new post in “${thread.title}” on the ${thread.board_title} board.\n\nRead it: ${config.baseUrl}/boards/${thread.slug}/t/${thread.id}/unread${footer(watch.id)}`,
        headers: headersFor(watch.id),
      });
    }
  }

  /** The recurring job: each daily watch whose last email was a day ago or more gets one, if anything new went up. */
  async function sendDailyDigests(): Promise<number> {
    const due = await db
      .selectFrom('board_watches as w')
      .innerJoin('users as u', 'u.id', 'w.user_id')
      .select(['w.id', 'w.user_id', 'w.board_slug', 'w.thread_id', 'w.last_sent_at', 'u.email'])
      .where('w.mode', '=', 'daily')
      .where('w.last_sent_at', '<=', sql<Date>`now() - interval '23 hours 50 minutes'`)
      .limit(500)
      .execute();
    let sent = 0;
    for (const watch of due) {
      const now = new Date();
      const threads = await db
        .selectFrom('board_posts as p')
        .innerJoin('board_threads as t', 't.id', 'p.thread_id')
        .innerJoin('boards as b', 'b.slug', 't.board_slug')
        .select(['t.id', 't.title', 'b.slug', 'b.rules', (eb) => eb.fn.countAll<string>().as('posts')])
        .where('p.status', '=', 'visible')
        .where('t.status', '=', 'visible')
        .where('p.created_at', '>', watch.last_sent_at)
        .where('p.created_at', '<=', now)
        .where((eb) => eb.or([eb('p.author_id', 'is', null), eb('p.author_id', '!=', watch.user_id)]))
        .where((eb) => (watch.thread_id !== null ? eb('t.id', '=', watch.thread_id) : eb('t.board_slug', '=', watch.board_slug!)))
        .groupBy(['t.id', 't.title', 'b.slug', 'b.rules'])
        .orderBy('t.id')
        .limit(50)
        .execute();
      await db.updateTable('board_watches').set({ last_sent_at: now }).where('id', '=', watch.id).execute();
      if (threads.length === 0 || !(await mayRead(watch.user_id, { slug: threads[0]!.slug, rules: threads[0]!.rules }))) continue;
      const lines = threads.map(
        (t) =>
          `- “${t.title}”: ${t.posts} new ${Number(t.posts) === 1 ? 'post' : 'posts'}\n  ${config.baseUrl}/boards/${t.slug}/t/${t.id}/unread`,
      );
      await mailer.send({
        to: watch.email,
        subject: 'Your daily round-up from the boards',
        text: `New posts since yesterday in what you are watching:\n\n${lines.join('\n')}${footer(watch.id)}`,
        headers: headersFor(watch.id),
      });
      sent += 1;
    }
    return sent;
  }

  return { tokenFor, watchOf, watch, stopWatching, describeToken, unsubscribe, notifyPost, sendDailyDigests };
}

export type Watching = ReturnType<typeof createWatching>;
