import { sql, type Selectable } from 'kysely';
import type { Principal } from '../../../platform/access.js';
import type { Db } from '../../../platform/db/database.js';
import { containsLink } from '../../../platform/markdown.js';
import type { FieldError } from '../../../platform/validation.js';
import { postsWaitForApproval } from '../permissions.js';
import { pseudonymProblem } from '../pseudonyms.js';
import type { BoardProfilesTable, HoldReason, PostStatus } from '../schema.js';
import type { BoardsSettings } from '../settings.js';
import { DEFAULT_DANGER_WORDS, findDangerWords, findIdentifyingDetails, type Finding } from './checks.js';

export type Poster = Pick<Principal, 'id' | 'roles' | 'email'>;

export const TITLE_MAX = 150;
export const BODY_MAX = 20_000;

export interface PostDraft {
  title?: string;
  body: string;
  /** Only asked for at someone's first post. */
  pseudonym?: string;
  /** The poster has seen the identifying-details warning and chose to post anyway: a moderator reads it first. */
  postAnyway: boolean;
  /** From the form; the same key twice means the same submit twice. */
  submissionKey: string | null;
}

export type PostOutcome =
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'check-identifying'; findings: Finding[] }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'suspended'; until: Date }
  | {
      kind: 'posted';
      postId: number;
      threadId: number;
      status: PostStatus;
      holdReasons: HoldReason[];
      danger: boolean;
      repeat: boolean;
      /** For a new post: the page of the thread that holds it, as its author sees the thread. */
      page?: number;
    };

export type Profile = Selectable<BoardProfilesTable>;
/** What the gates need to know of someone's profile. */
export type PosterProfile = Pick<Profile, 'posts_freely' | 'approved_posts' | 'suspended_until'>;

export function suspendedUntil(profile: { suspended_until: Date | null } | null): Date | null {
  return profile?.suspended_until && profile.suspended_until.getTime() > Date.now() ? profile.suspended_until : null;
}

/**
 * The gates every new post and every edit passes, in order, before anything is written: a repeated submit, a
 * suspension, what they wrote, the rate limits, identifying details, danger words, and whether a moderator reads it
 * first. Reading only: the writing is service.ts's.
 */
export function createPostingGates(db: Db, settings: BoardsSettings) {
  const dangerWords = settings.dangerWords ?? DEFAULT_DANGER_WORDS;

  function checkText(draft: PostDraft, poster: Poster, profile: PosterProfile | null, withTitle: boolean): FieldError[] {
    const errors: FieldError[] = [];
    if (!profile) {
      const problem = pseudonymProblem(draft.pseudonym ?? '', poster.email);
      if (problem) errors.push({ field: 'pseudonym', text: problem });
    }
    if (withTitle) {
      const title = (draft.title ?? '').trim();
      if (!title) errors.push({ field: 'title', text: 'Enter a title for your thread' });
      else if ([...title].length > TITLE_MAX) errors.push({ field: 'title', text: `Title must be ${TITLE_MAX} characters or fewer` });
    }
    const body = draft.body.trim();
    if (!body) errors.push({ field: 'body', text: withTitle ? 'Enter your post' : 'Enter your reply' });
    else if ([...body].length > BODY_MAX)
      errors.push({ field: 'body', text: `Your post must be ${BODY_MAX.toLocaleString('en-GB')} characters or fewer` });
    else if (postsWaitForApproval(poster.roles, profile) && containsLink(body)) {
      errors.push({
        field: 'body',
        text: 'Remove the link from your post. New members cannot post links until a moderator has approved their first posts',
      });
    }
    return errors;
  }

  async function earlierSubmit(poster: Poster, key: string | null) {
    if (!key) return null;
    return (
      (await db
        .selectFrom('board_posts')
        .select(['id', 'thread_id', 'status', 'hold_reasons', 'urgent'])
        .where('author_id', '=', poster.id)
        .where('submission_key', '=', key)
        .executeTakeFirst()) ?? null
    );
  }

  /**
   * What counts against the rate limits: the poster's new posts and their edits, newest first. An edit publishes
   * words just as a post does, so it is counted the same.
   */
  function writingSince(poster: Poster, window: string) {
    const since = sql<Date>`now() - ${sql.raw(`interval '${window}'`)}`;
    return db
      .selectFrom('board_posts')
      .select('created_at as at')
      .where('author_id', '=', poster.id)
      .where('created_at', '>', since)
      .unionAll(
        db.selectFrom('board_post_edits').select('edited_at as at').where('author_id', '=', poster.id).where('edited_at', '>', since),
      );
  }

  /**
   * Everything the gates need to know about the poster, in one round trip: their profile, the post this form already
   * made (if it was sent before), their posts and edits in the last hour and minute, and their own posts waiting in the
   * thread. Counts, not rows: only the newest `postsPerHour` can matter, so the count stops there however busy they are.
   */
  async function posterState(poster: Poster, key: string | null, threadId: number | null) {
    const recentPosts = (window: string, limit: number) =>
      db.selectFrom(writingSince(poster, window).as('writing')).select('at').orderBy('at', 'desc').limit(limit).as('recent');
    const row = await db
      .selectFrom('users as u')
      .leftJoin('board_profiles as p', 'p.user_id', 'u.id')
      .leftJoin('board_posts as e', (join) => join.onRef('e.author_id', '=', 'u.id').on('e.submission_key', '=', key))
      .select((eb) => [
        'p.user_id as profile_of',
        'p.posts_freely',
        'p.approved_posts',
        'p.suspended_until',
        'e.id as earlier_id',
        'e.thread_id as earlier_thread_id',
        'e.status as earlier_status',
        'e.hold_reasons as earlier_hold_reasons',
        'e.urgent as earlier_urgent',
        eb
          .selectFrom(recentPosts('1 hour', settings.postsPerHour))
          .select(sql<number>`count(*)::int`.as('n'))
          .as('last_hour'),
        eb
          .selectFrom(recentPosts('1 minute', settings.postsPerMinute))
          .select(sql<number>`count(*)::int`.as('n'))
          .as('last_minute'),
        threadId === null
          ? sql<number>`0`.as('held_here')
          : eb
              .selectFrom('board_posts as h')
              .select(sql<number>`count(*)::int`.as('n'))
              .where('h.thread_id', '=', threadId)
              .where('h.status', '=', 'held')
              .where('h.author_id', '=', poster.id)
              .as('held_here'),
      ])
      .where('u.id', '=', poster.id)
      .executeTakeFirstOrThrow();
    const profile: PosterProfile | null = row.profile_of
      ? { posts_freely: row.posts_freely!, approved_posts: row.approved_posts!, suspended_until: row.suspended_until }
      : null;
    const earlier =
      row.earlier_id === null
        ? null
        : {
            id: row.earlier_id,
            thread_id: row.earlier_thread_id!,
            status: row.earlier_status!,
            hold_reasons: row.earlier_hold_reasons!,
            urgent: row.earlier_urgent!,
          };
    return { profile, earlier, lastHour: row.last_hour ?? 0, lastMinute: row.last_minute ?? 0, heldHere: row.held_here ?? 0 };
  }

  /** How long until the post or edit that has to leave the window has left it. Asked only of someone over a limit. */
  async function secondsUntilRoom(poster: Poster, window: string, limit: number): Promise<number> {
    const row = await db
      .selectFrom(writingSince(poster, window).as('writing'))
      .select(sql<number>`extract(epoch from (at + ${sql.raw(`interval '${window}'`)} - now()))`.as('seconds'))
      .orderBy('at', 'desc')
      .offset(limit - 1)
      .limit(1)
      .executeTakeFirst();
    return Math.max(1, Math.ceil(Number(row?.seconds ?? 1)));
  }

  function repeatOf(row: NonNullable<Awaited<ReturnType<typeof earlierSubmit>>>): PostOutcome {
    return {
      kind: 'posted',
      postId: row.id,
      threadId: row.thread_id,
      status: row.status,
      holdReasons: row.hold_reasons,
      danger: row.urgent,
      repeat: true,
    };
  }

  /**
   * Everything short of writing: the gates every new post and every edit passes. A new thread (no thread yet) is the
   * one that needs a title; an edit changes only the body.
   */
  async function assess(poster: Poster, draft: PostDraft, threadId: number | null, withTitle = threadId === null) {
    const state = await posterState(poster, draft.submissionKey, threadId);
    const { profile } = state;
    if (state.earlier) return { outcome: repeatOf(state.earlier) };
    const suspended = suspendedUntil(profile);
    if (suspended) return { outcome: { kind: 'suspended', until: suspended } as PostOutcome };
    const errors = checkText(draft, poster, profile, withTitle);
    if (errors.length > 0) return { outcome: { kind: 'invalid', errors } as PostOutcome };
    const wait =
      state.lastHour >= settings.postsPerHour
        ? await secondsUntilRoom(poster, '1 hour', settings.postsPerHour)
        : state.lastMinute >= settings.postsPerMinute
          ? await secondsUntilRoom(poster, '1 minute', settings.postsPerMinute)
          : 0;
    if (wait > 0) return { outcome: { kind: 'rate-limited', retryAfterSeconds: wait } as PostOutcome };
    const text = `${draft.title ?? ''}\n${draft.body}`;
    const findings = findIdentifyingDetails(text, settings.identifyingNames);
    if (findings.length > 0 && !draft.postAnyway) return { outcome: { kind: 'check-identifying', findings } as PostOutcome };
    const danger = findDangerWords(text, dangerWords);
    const holdReasons: HoldReason[] = [];
    if (findings.length > 0) holdReasons.push('identifying-details');
    if (danger.length > 0) holdReasons.push('danger');
    const waits = postsWaitForApproval(poster.roles, profile);
    if (waits) holdReasons.push('new-member');
    const found = [...findings.map((f) => `${f.kind}: ${f.text}`), ...danger.map((d) => `danger: ${d}`)];
    return { plan: { profile, heldHere: state.heldHere, holdReasons, found, danger: danger.length > 0, mayLink: !waits } };
  }

  return { assess, earlierSubmit, repeatOf };
}
