import { sql, type Insertable, type QueryCreator } from 'kysely';
import type { BoardsSettings } from '../settings.js';
import type { Db } from '../../../platform/db/database.js';
import { queueUnlessWaiting } from '../../../platform/jobs.js';
import type { Database } from '../../../platform/db/schema.js';
import { renderMarkdown } from '../../../platform/markdown.js';
import { createPostingGates, type PostDraft, type PostOutcome, type Poster, type PosterProfile, type Profile } from './gates.js';
import { badgeFor } from '../permissions.js';
import { EDIT_WINDOW_MS, POSTS_PER_PAGE, type ThreadRow } from '../reading/service.js';
import type { BoardPostsTable, HoldReason, PostStatus } from '../schema.js';
import { NOTIFY_JOB } from '../watching/service.js';

/** Renders with links only for people trusted with them, as a second wall behind the link check. */
export function htmlFor(body: string, mayLink: boolean): string {
  return renderMarkdown(body, mayLink ? 'post' : 'post-without-links');
}

function isUniqueViolation(error: unknown, index: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === index || !!e.message?.includes(index));
}

/**
 * Writing on the boards: starting threads, replying, editing. Each post passes the same gates in the same order:
 * who may post, what they wrote, a repeated submit, the rate limit, identifying details, danger words, and whether a
 * moderator reads it first.
 */
export function createPosting(db: Db, settings: BoardsSettings) {
  const { assess, earlierSubmit, repeatOf } = createPostingGates(db, settings);

  async function profileOf(userId: string, trx: Db = db): Promise<Profile | null> {
    return (await trx.selectFrom('board_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()) ?? null;
  }

  async function ensureProfile(trx: Db, poster: Poster, profile: PosterProfile | null, pseudonym: string | undefined) {
    if (profile) return;
    await trx
      .insertInto('board_profiles')
      .values({ user_id: poster.id, pseudonym: (pseudonym ?? '').trim() })
      .execute();
  }

  /** Counts and the latest post, recomputed from the posts themselves so that they can never drift. */
  async function refreshThread(trx: Db, threadId: number) {
    await sql`
      update board_threads t set
        reply_count = greatest(s.visible - 1, 0),
        shown_posts = s.shown,
        version = t.version + 1,
        last_post_id = s.last_id,
        last_post_at = coalesce(s.last_at, t.created_at)
      from (
        select count(*) filter (where status = 'visible')::int as visible,
               count(*) filter (where status in ('visible', 'deleted'))::int as shown,
               max(id) filter (where status = 'visible') as last_id,
               max(created_at) filter (where status = 'visible') as last_at
        from board_posts where thread_id = ${threadId}
      ) s
      where t.id = ${threadId}`.execute(trx);
  }

  /**
   * Writes a post in one statement. A post that goes straight up is the thread's newest, so the thread's counts move
   * on by one rather than being counted again (replying to a long thread costs the same as replying to a short one),
   * and the job that tells watchers is queued with it. One statement means one round trip, and the thread row, which
   * every reply in a busy thread must update, is locked only while that statement commits.
   */
  async function addPost(handle: Db, post: Insertable<BoardPostsTable> & { thread_id: number }, isReply: boolean) {
    const insertPost = (creator: QueryCreator<Database>) => creator.insertInto('board_posts').values(post).returning(['id', 'thread_id']);
    if (post.status !== 'visible') {
      return handle
        .with('post', insertPost)
        .selectFrom('post')
        .select((eb) => [
          'post.id',
          'post.thread_id',
          eb.selectFrom('board_threads').select('shown_posts').where('id', '=', post.thread_id).$asScalar().as('shown_posts'),
        ])
        .executeTakeFirstOrThrow();
    }
    return (
      handle
        .with('post', insertPost)
        .with('counted', (creator) =>
          creator
            .updateTable('board_threads')
            .set({
              reply_count: sql<number>`reply_count + ${isReply ? 1 : 0}`,
              shown_posts: sql<number>`shown_posts + 1`,
              last_post_id: sql<number>`greatest(coalesce(last_post_id, 0), (select id from post))`,
              last_post_at: sql<Date>`now()`,
              version: sql<number>`version + 1`,
            })
            .where('id', '=', post.thread_id)
            .returning('shown_posts'),
        )
        // A data-modifying CTE runs whether or not the query reads it, and this one may insert nothing.
        .with('notify', (creator) => queueUnlessWaiting(creator, NOTIFY_JOB))
        .selectFrom(['post', 'counted'])
        .select(['post.id', 'post.thread_id', 'counted.shown_posts'])
        .executeTakeFirstOrThrow()
    );
  }

  async function write(
    poster: Poster,
    draft: PostDraft,
    plan: NonNullable<Awaited<ReturnType<typeof assess>>['plan']>,
    target: { boardSlug: string } | { thread: ThreadRow },
  ): Promise<PostOutcome> {
    const status: PostStatus = plan.holdReasons.length > 0 ? 'held' : 'visible';
    const body = draft.body.trim();
    // Rendered before the database is touched: on PGlite every other request waits while a statement runs.
    const post = {
      author_id: poster.id,
      badge: badgeFor(poster.roles),
      body,
      html: htmlFor(body, plan.mayLink),
      status,
      hold_reasons: JSON.stringify(plan.holdReasons),
      found: JSON.stringify(plan.found),
      urgent: plan.danger,
      submission_key: draft.submissionKey,
    };
    try {
      // A reply from someone who has posted before is the common case and needs one statement. A first post also
      // creates the pseudonym, and a new thread its thread row: those need a transaction.
      const written =
        'thread' in target && plan.profile
          ? await addPost(db, { ...post, thread_id: target.thread.id }, true)
          : await db.transaction().execute(async (trx) => {
              await ensureProfile(trx, poster, plan.profile, draft.pseudonym);
              const threadId =
                'thread' in target
                  ? target.thread.id
                  : (
                      await trx
                        .insertInto('board_threads')
                        .values({
                          board_slug: target.boardSlug,
                          title: draft.title!.trim(),
                          author_id: poster.id,
                          status: status === 'held' ? 'held' : 'visible',
                        })
                        .returning('id')
                        .executeTakeFirstOrThrow()
                    ).id;
              return addPost(trx, { ...post, thread_id: threadId }, 'thread' in target);
            });
      // Where the author sees their post: after everything shown to everyone and their own earlier posts that wait.
      const position = Number(written.shown_posts ?? 0) + plan.heldHere + (status === 'held' ? 1 : 0);
      return {
        kind: 'posted',
        postId: written.id,
        threadId: written.thread_id,
        status,
        holdReasons: plan.holdReasons,
        danger: plan.danger,
        repeat: false,
        page: Math.max(1, Math.ceil(position / POSTS_PER_PAGE)),
      };
    } catch (error) {
      // Two submits of one form at the same moment: the second finds the first one's post.
      if (isUniqueViolation(error, 'board_posts_submission')) {
        const earlier = await earlierSubmit(poster, draft.submissionKey);
        if (earlier) return repeatOf(earlier);
      }
      if (isUniqueViolation(error, 'board_profiles_pseudonym')) {
        return {
          kind: 'invalid',
          errors: [{ field: 'pseudonym', text: 'Someone is already using that pseudonym. Choose a different one' }],
        };
      }
      throw error;
    }
  }

  async function startThread(poster: Poster, boardSlug: string, draft: PostDraft): Promise<PostOutcome> {
    const { outcome, plan } = await assess(poster, draft, null);
    return outcome ?? write(poster, draft, plan!, { boardSlug });
  }

  async function reply(poster: Poster, thread: ThreadRow, draft: PostDraft): Promise<PostOutcome> {
    const { outcome, plan } = await assess(poster, draft, thread.id);
    return outcome ?? write(poster, draft, plan!, { thread });
  }

  /**
   * An author changes their own post within the edit window. It passes the same gates as a new post (`assess`): an
   * edit must not slip a phone number, a link or unread words past them, even on a post a moderator approved, and
   * edits count against the rate limits. A post that needs a moderator after the edit goes back into the queue.
   */
  async function edit(poster: Poster, postId: number, body: string, postAnyway: boolean): Promise<PostOutcome | null> {
    const post = await db.selectFrom('board_posts').selectAll().where('id', '=', postId).executeTakeFirst();
    if (!post || post.author_id !== poster.id || !['visible', 'held'].includes(post.status)) return null;
    if (Date.now() - post.created_at.getTime() >= EDIT_WINDOW_MS) return null;
    const { outcome, plan } = await assess(poster, { body, postAnyway, submissionKey: null }, post.thread_id, false);
    if (outcome) return outcome;
    const holdReasons = [...new Set<HoldReason>([...(post.status === 'held' ? post.hold_reasons : []), ...plan!.holdReasons])];
    const status: PostStatus = holdReasons.length > 0 ? 'held' : 'visible';
    const trimmed = body.trim();
    const html = htmlFor(trimmed, plan!.mayLink);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('board_posts')
        .set({
          body: trimmed,
          html,
          status,
          hold_reasons: JSON.stringify(holdReasons),
          found: JSON.stringify(plan!.found),
          urgent: post.urgent || plan!.danger,
          edited_at: new Date(),
        })
        .where('id', '=', postId)
        .execute();
      await trx.insertInto('board_post_edits').values({ post_id: postId, author_id: poster.id }).execute();
      // Only the last hour counts against the limits; older edits are of no use to keep.
      await trx
        .deleteFrom('board_post_edits')
        .where('author_id', '=', poster.id)
        .where('edited_at', '<', sql<Date>`now() - interval '1 hour'`)
        .execute();
      await syncThreadStatus(trx, post.thread_id);
      await refreshThread(trx, post.thread_id);
    });
    return { kind: 'posted', postId, threadId: post.thread_id, status, holdReasons, danger: plan!.danger, repeat: false };
  }

  /** A thread is as visible as its first post: held while that waits, rejected if a moderator turns it down. */
  async function syncThreadStatus(trx: Db, threadId: number) {
    await sql`
      update board_threads t set status = case p.status when 'held' then 'held' when 'rejected' then 'rejected' else 'visible' end
      from (select status from board_posts where thread_id = ${threadId} order by id limit 1) p
      where t.id = ${threadId}`.execute(trx);
  }

  /** The author takes a post down. Its words go; a placeholder keeps the thread readable. */
  async function remove(poster: Poster, postId: number): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const post = await trx
        .selectFrom('board_posts')
        .select(['thread_id', 'author_id', 'status'])
        .where('id', '=', postId)
        .forUpdate()
        .executeTakeFirst();
      if (!post || post.author_id !== poster.id || post.status === 'deleted' || post.status === 'rejected') return false;
      await trx
        .updateTable('board_posts')
        .set({ status: 'deleted', body: '', html: '', redacted_original: null, found: '[]' })
        .where('id', '=', postId)
        .execute();
      await refreshThread(trx, post.thread_id);
      return true;
    });
  }

  return { profileOf, startThread, reply, edit, remove, refreshThread, syncThreadStatus };
}

export type Posting = ReturnType<typeof createPosting>;
