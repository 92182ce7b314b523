import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../../config.js';
import { safeEqual } from '../../../platform/crypto.js';
import type { Db } from '../../../platform/db/database.js';
import type { Mailer } from '../../../platform/mail.js';
import type { Role } from '../../../platform/roles.js';
import { roundUpFor, type RoundUpThread } from './digest.js';
import { isUuid } from '../../../platform/validation.js';
import { accessTo } from '../permissions.js';
import type { BoardRules, WatchMode } from '../schema.js';

export type WatchTarget = { boardSlug: string } | { threadId: number };

/** What an unsubscribe link stops: one watch, or someone's whole daily round-up. */
type Unsubscribing = { kind: 'watch'; watchId: string } | { kind: 'round-up'; userId: string };

const ROUND_UP = 'daily-';
/** Posts the instant job takes at a time; a busier moment takes several turns of the loop. */
/** The job that emails instant watchers. Each run tells them about every post not yet told, so one waiting run is enough. */
export const NOTIFY_JOB = 'boards.notify-post';
const NOTIFY_BATCH = 200;
/** People the daily job takes at a time. */
const ROUND_UP_BATCH = 200;

/**
 * Watching a thread or a board: an email at once for new posts, or one round-up a day. Emails say where to look but
 * never quote what anyone wrote: a family's mailbox is not always private. Every message carries a one-click
 * unsubscribe (RFC 8058), so leaving takes one press in a mail app.
 */
export function createWatching(db: Db, mailer: Mailer, config: Pick<Config, 'secret' | 'baseUrl'>) {
  const signature = (subject: string) => createHmac('sha256', config.secret).update(`boards-unsubscribe:${subject}`).digest('base64url');
  /** The token in unsubscribe links: what it stops and a signature, so nothing secret need be stored. */
  const tokenFor = (watchId: string) => `${watchId}.${signature(watchId)}`;
  const roundUpTokenFor = (userId: string) => tokenFor(`${ROUND_UP}${userId}`);

  function unsubscribing(token: string): Unsubscribing | null {
    const [subject, sig] = token.split('.');
    if (!subject || !sig || !safeEqual(sig, signature(subject))) return null;
    if (isUuid(subject)) return { kind: 'watch', watchId: subject };
    const userId = subject.slice(ROUND_UP.length);
    return subject.startsWith(ROUND_UP) && isUuid(userId) ? { kind: 'round-up', userId } : null;
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

  /** What an unsubscribe token points at, for the page that asks "stop these emails?". Null once used or if forged. */
  async function describeToken(token: string) {
    const target = unsubscribing(token);
    if (!target) return null;
    if (target.kind === 'round-up') {
      const { count } = await db
        .selectFrom('board_watches')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('user_id', '=', target.userId)
        .where('mode', '=', 'daily')
        .executeTakeFirstOrThrow();
      return Number(count) > 0 ? { roundUp: true as const } : null;
    }
    return db
      .selectFrom('board_watches as w')
      .leftJoin('board_threads as t', 't.id', 'w.thread_id')
      .leftJoin('boards as b', 'b.slug', 'w.board_slug')
      .select(['w.id', 't.title as thread_title', 'b.title as board_title'])
      .where('w.id', '=', target.watchId)
      .executeTakeFirst();
  }

  /** Returns whether anything was stopped. A used or forged token changes nothing. */
  async function unsubscribe(token: string): Promise<boolean> {
    const target = unsubscribing(token);
    if (!target) return false;
    const query =
      target.kind === 'watch'
        ? db.deleteFrom('board_watches').where('id', '=', target.watchId)
        : db.deleteFrom('board_watches').where('user_id', '=', target.userId).where('mode', '=', 'daily');
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  function unsubscribeHeaders(token: string) {
    return {
      'List-Unsubscribe': `<${config.baseUrl}/api/v1/boards/unsubscribe/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  const footer = (token: string) =>
    `\n\n--\nYou get these emails because you are watching this on Hearth's boards.\nStop these emails: ${config.baseUrl}/boards/unsubscribe/${token}`;

  /**
   * Who may read what, for everyone about to be emailed, in one query however many people there are: access can
   * change after someone starts watching (a refused join request, a suspended account), so it is asked at each send.
   */
  async function readersAmong(userIds: readonly string[]) {
    if (userIds.length === 0) return () => false;
    const rows = await db
      .selectFrom('users as u')
      .select((eb) => [
        'u.id',
        eb.fn
          .coalesce(
            eb
              .selectFrom('user_roles as r')
              .select(sql<Role[]>`array_agg(r.role)`.as('roles'))
              .whereRef('r.user_id', '=', 'u.id')
              .$asScalar(),
            sql<Role[]>`'{}'`,
          )
          .as('roles'),
        eb.fn
          .coalesce(
            eb
              .selectFrom('board_memberships as m')
              .select(sql<string[]>`array_agg(m.board_slug)`.as('boards'))
              .whereRef('m.user_id', '=', 'u.id')
              .where('m.status', '=', 'approved')
              .$asScalar(),
            sql<string[]>`'{}'`,
          )
          .as('approved'),
      ])
      .where('u.id', 'in', [...userIds])
      .where('u.status', '=', 'active')
      .execute();
    const readers = new Map(rows.map((r) => [r.id, { roles: r.roles, approved: new Set(r.approved) }]));
    return (userId: string, board: { slug: string; rules: BoardRules }) => {
      const reader = readers.get(userId);
      return !!reader && accessTo(board, { roles: reader.roles }, reader.approved.has(board.slug)).read;
    };
  }

  /**
   * The job queued with every post that goes up (and every approval): emails instant watchers about every post not
   * yet told, not only the one that queued it. Ten replies in a second become one pass, a few queries in all, and one
   * email per watcher and thread. Claiming the posts first (`notified_at`) makes a second run, or a second worker,
   * send nothing twice.
   */
  async function notifyNewPosts(): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed = await db
        .updateTable('board_posts')
        .set({ notified_at: new Date() })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('board_posts')
            .select('id')
            .where('notified_at', 'is', null)
            .where('status', '=', 'visible')
            .orderBy('id')
            .limit(NOTIFY_BATCH)
            .forUpdate()
            .skipLocked(),
        )
        .returning(['thread_id', 'author_id'])
        .execute();
      if (claimed.length === 0) return sent;
      sent += await tellInstantWatchers(claimed);
      if (claimed.length < NOTIFY_BATCH) return sent;
    }
  }

  async function tellInstantWatchers(posts: { thread_id: number; author_id: string | null }[]): Promise<number> {
    const threadIds = [...new Set(posts.map((p) => p.thread_id))];
    const threads = await db
      .selectFrom('board_threads as t')
      .innerJoin('boards as b', 'b.slug', 't.board_slug')
      .select(['t.id', 't.title', 'b.slug', 'b.title as board_title', 'b.rules'])
      .where('t.id', 'in', threadIds)
      .where('t.status', '=', 'visible')
      .execute();
    if (threads.length === 0) return 0;
    const watches = await db
      .selectFrom('board_watches as w')
      .innerJoin('users as u', 'u.id', 'w.user_id')
      .select(['w.id', 'w.user_id', 'w.thread_id', 'w.board_slug', 'u.email'])
      .where('w.mode', '=', 'instant')
      .where((eb) =>
        eb.or([
          eb(
            'w.thread_id',
            'in',
            threads.map((t) => t.id),
          ),
          eb('w.board_slug', 'in', [...new Set(threads.map((t) => t.slug))]),
        ]),
      )
      .execute();
    const mayRead = await readersAmong([...new Set(watches.map((w) => w.user_id))]);
    let sent = 0;
    for (const thread of threads) {
      const authors = posts.filter((p) => p.thread_id === thread.id).map((p) => p.author_id);
      // A thread watch is more specific than a board watch, so it is the one whose unsubscribe link the email carries.
      const mine = watches
        .filter((w) => w.thread_id === thread.id || w.board_slug === thread.slug)
        .sort((a, b) => Number(b.thread_id !== null) - Number(a.thread_id !== null));
      const told = new Set<string>();
      for (const watch of mine) {
        if (told.has(watch.user_id)) continue;
        told.add(watch.user_id);
        // Nobody is told about their own posts.
        const newPosts = authors.filter((author) => author !== watch.user_id).length;
        if (newPosts === 0 || !mayRead(watch.user_id, thread)) continue;
        const token = tokenFor(watch.id);
        const what = newPosts === 1 ? 'a new post' : `${newPosts} new posts`;
        await mailer.send({
          to: watch.email,
          subject: newPosts === 1 ? `New post in “${thread.title}”` : `${newPosts} new posts in “${thread.title}”`,
          text: `There is ${what} in “${thread.title}” on the ${thread.board_title} board.\n\nRead it: ${config.baseUrl}/boards/${thread.slug}/t/${thread.id}/unread${footer(token)}`,
          headers: unsubscribeHeaders(token),
        });
        sent += 1;
      }
    }
    return sent;
  }

  /**
   * Takes the people whose round-up is due (their oldest daily watch was last sent 23 h 50 min ago or more; the job
   * runs hourly, so it comes at about the same time each day) and moves all their daily watches on to now, in one
   * statement (PostgreSQL runs a data-changing CTE to the end whether or not the query reads it); then returns, for
   * each watch, the threads with posts by other people since that watch was last sent. A watch someone added since
   * their last round-up counts from when they added it. Everyone claimed has a row, with no thread if nothing is new.
   */
  async function claimRoundUps() {
    const { rows } = await sql<{
      user_id: string;
      email: string;
      thread_id: number | null;
      title: string | null;
      slug: string | null;
      board_title: string | null;
      rules: BoardRules | null;
      posts: number | null;
    }>`
      with due as (
        select user_id from board_watches where mode = 'daily'
        group by user_id having min(last_sent_at) <= now() - interval '23 hours 50 minutes'
        order by user_id limit ${ROUND_UP_BATCH}
      ),
      claimed as (
        select w.id, w.user_id, w.board_slug, w.thread_id, w.last_sent_at as since
        from board_watches w join due on due.user_id = w.user_id
        where w.mode = 'daily'
        for update of w
      ),
      moved_on as (
        update board_watches w set last_sent_at = now() from claimed where w.id = claimed.id returning w.id
      )
      select c.user_id, u.email, t.id as thread_id, t.title, b.slug, b.title as board_title, b.rules, n.posts
      from claimed c
      join users u on u.id = c.user_id
      left join board_threads t
        on t.status = 'visible' and (t.id = c.thread_id or t.board_slug = c.board_slug) and t.last_post_at > c.since
      left join boards b on b.slug = t.board_slug
      left join lateral (
        select count(*)::int as posts from board_posts p
        where p.thread_id = t.id and p.status = 'visible' and p.created_at > c.since and p.created_at <= now()
          and (p.author_id is null or p.author_id <> c.user_id)
      ) n on true
      where (select count(*) from moved_on) >= 0`.execute(db);
    return rows;
  }

  /**
   * The recurring job: one email a day per person, however many threads and boards they watch, listing each thread
   * with new posts since their last round-up and a link to it. Only what they may still read goes in: a restricted
   * board's threads never reach someone who has lost access to it.
   */
  async function sendDailyDigests(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await claimRoundUps();
      if (rows.length === 0) return sent;
      const people = new Map<string, { email: string; threads: Map<number, RoundUpThread> }>();
      for (const row of rows) {
        const person = people.get(row.user_id) ?? { email: row.email, threads: new Map() };
        people.set(row.user_id, person);
        if (row.thread_id === null || !row.posts) continue;
        // A thread watched both itself and through its board is listed once, counted from the earlier of the two.
        const listed = person.threads.get(row.thread_id);
        if (listed && listed.posts >= row.posts) continue;
        person.threads.set(row.thread_id, {
          id: row.thread_id,
          title: row.title!,
          posts: row.posts,
          board: { slug: row.slug!, title: row.board_title!, rules: row.rules! },
        });
      }
      const mayRead = await readersAmong([...people.keys()]);
      for (const [userId, person] of people) {
        const threads = [...person.threads.values()].filter((t) => mayRead(userId, t.board));
        if (threads.length === 0) continue;
        const token = roundUpTokenFor(userId);
        await mailer.send({
          to: person.email,
          ...roundUpFor(threads, { baseUrl: config.baseUrl, unsubscribeUrl: `${config.baseUrl}/boards/unsubscribe/${token}` }),
          headers: unsubscribeHeaders(token),
        });
        sent += 1;
      }
      if (people.size < ROUND_UP_BATCH) return sent;
    }
  }

  return { tokenFor, roundUpTokenFor, watchOf, watch, stopWatching, describeToken, unsubscribe, notifyNewPosts, sendDailyDigests };
}

export type Watching = ReturnType<typeof createWatching>;
