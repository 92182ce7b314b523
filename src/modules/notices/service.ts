import { sql } from 'kysely';
import type { Principal } from '../../platform/access.js';
import type { Actor } from '../../platform/audit.js';
import type { Services } from '../../platform/services.js';
import { queueMeasure, type StaffQueue } from '../../platform/staff/queues.js';
import { londonDay } from '../../platform/time.js';
import type { NoticesSettings } from './settings.js';

export interface NoticeInput {
  title: string;
  body: string;
  reviewBy: string;
}

export interface Notice extends NoticeInput {
  id: number;
  author: string | null;
  postedAt: Date;
}

/** What posting can come to. A service answers with a result, never with a page or a status code. */
export type PostResult = { ok: true; id: number } | { ok: false; reason: 'no-team' };

/**
 * The module's services, built once per process by `services` in index.ts and handed to its routes, API, queues and
 * personal-data hooks. Every change writes its audit entry in the same transaction, so neither is ever kept alone;
 * every read of one notice is audited too, as reads of practice records must be.
 */
export function createNotices(platform: Services, settings: NoticesSettings) {
  const { db, audit } = platform;

  const notices = () =>
    db
      .selectFrom('notices')
      .leftJoin('users', 'users.id', 'notices.author_id')
      .select([
        'notices.id',
        'notices.title',
        'notices.body',
        'notices.review_by as reviewBy',
        'notices.created_at as postedAt',
        'users.display_name as author',
      ]);

  async function post(actor: Actor, input: NoticeInput): Promise<PostResult> {
    const teamId = actor.teamId;
    if (!teamId) return { ok: false, reason: 'no-team' };
    return db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('notices')
        .values({ team_id: teamId, author_id: actor.id, title: input.title, body: input.body, review_by: input.reviewBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record({ actor, action: 'notices.posted', subjectType: 'notice', subjectId: String(id) }, trx);
      return { ok: true as const, id };
    });
  }

  /**
   * One notice, if it belongs to the reader's team. Another team's notice answers exactly as a missing one does, so
   * that trying ids tells nobody which exist.
   */
  async function read(actor: Actor, id: number): Promise<Notice | null> {
    const teamId = actor.teamId;
    if (!teamId) return null;
    const notice = await notices().where('notices.id', '=', id).where('notices.team_id', '=', teamId).executeTakeFirst();
    if (!notice) return null;
    await audit.record({ actor, action: 'notices.viewed', subjectType: 'notice', subjectId: String(id) });
    return notice;
  }

  /** A page of the team's notices, newest first, after the `before` id: each page costs what the first does. */
  async function page(principal: Principal, before: number | null): Promise<{ notices: Notice[]; older: number | null }> {
    if (!principal.teamId) return { notices: [], older: null };
    let query = notices()
      .where('notices.team_id', '=', principal.teamId)
      .orderBy('notices.id', 'desc')
      .limit(settings.pageSize + 1);
    if (before !== null) query = query.where('notices.id', '<', before);
    const rows = await query.execute();
    const more = rows.length > settings.pageSize;
    const shown = rows.slice(0, settings.pageSize);
    return { notices: shown, older: more ? shown.at(-1)!.id : null };
  }

  /** The work waiting on /staff: a team's notices whose review day has come. */
  function staffQueues(): StaffQueue[] {
    return [
      {
        key: 'notices.due-for-review',
        title: 'Team notices due for review',
        roles: ['manager'],
        href: '/notices',
        linkText: 'Review your team’s notices',
        age: 'due',
        // The manager's own team only: another team's work is not theirs to see, even as a number.
        measure: async (now, principal) =>
          queueMeasure(
            principal.teamId
              ? await db
                  .selectFrom('notices')
                  .select([sql<number>`count(*)::int`.as('count'), sql<string | null>`min(review_by)`.as('oldest')])
                  .where('team_id', '=', principal.teamId)
                  .where('review_by', '<=', londonDay(now))
                  .executeTakeFirst()
              : undefined,
          ),
      },
    ];
  }

  /** What a person wrote, for /account/data and subject access. */
  async function writtenBy(userId: string) {
    return db.selectFrom('notices').select(['title', 'body', 'created_at as posted']).where('author_id', '=', userId).execute();
  }

  /** Deleting an account leaves its notices to the team, without the author. */
  async function forgetAuthor(userId: string) {
    await db.updateTable('notices').set({ author_id: null }).where('author_id', '=', userId).execute();
  }

  return { post, read, page, staffQueues, writtenBy, forgetAuthor };
}

export type Notices = ReturnType<typeof createNotices>;
