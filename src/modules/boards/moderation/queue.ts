import type { Db } from '../../../platform/db/database.js';
import { FORMER_MEMBER } from '../reading/service.js';

/** What waits for a moderator at /moderation: held posts (danger first, then oldest), open reports and join requests. */
export function moderationQueue(db: Db) {
  return async function queue() {
    const held = await db
      .selectFrom('board_posts as p')
      .innerJoin('board_threads as t', 't.id', 'p.thread_id')
      .innerJoin('boards as b', 'b.slug', 't.board_slug')
      .leftJoin('board_profiles as pr', 'pr.user_id', 'p.author_id')
      .select([
        'p.id',
        'p.body',
        'p.html',
        'p.hold_reasons',
        'p.found',
        'p.urgent',
        'p.created_at',
        'p.author_id',
        't.id as thread_id',
        't.title',
        'b.slug',
        'b.title as board_title',
        'pr.pseudonym',
        'pr.approved_posts',
        'pr.posts_freely',
      ])
      .where('p.status', '=', 'held')
      .orderBy('p.urgent', 'desc')
      .orderBy('p.created_at')
      .limit(200)
      .execute();
    const reports = await db
      .selectFrom('board_reports as r')
      .innerJoin('board_posts as p', 'p.id', 'r.post_id')
      .innerJoin('board_threads as t', 't.id', 'p.thread_id')
      .leftJoin('board_profiles as pr', 'pr.user_id', 'p.author_id')
      .select([
        'r.id',
        'r.reason',
        'r.created_at',
        'p.id as post_id',
        'p.html',
        'p.status as post_status',
        'p.urgent',
        'p.author_id',
        't.id as thread_id',
        't.title',
        't.board_slug',
        'pr.pseudonym',
      ])
      .where('r.resolved_at', 'is', null)
      .orderBy('p.urgent', 'desc')
      .orderBy('r.created_at')
      .limit(200)
      .execute();
    const joins = await db
      .selectFrom('board_memberships as m')
      .innerJoin('boards as b', 'b.slug', 'm.board_slug')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.id', 'm.statement', 'm.requested_at', 'b.title as board_title', 'u.email'])
      .where('m.status', '=', 'pending')
      .orderBy('m.requested_at')
      .limit(200)
      .execute();
    return {
      held: held.map((h) => ({ ...h, pseudonym: h.author_id ? h.pseudonym : FORMER_MEMBER })),
      reports: reports.map((r) => ({ ...r, pseudonym: r.author_id ? r.pseudonym : FORMER_MEMBER })),
      joins,
    };
  };
}
