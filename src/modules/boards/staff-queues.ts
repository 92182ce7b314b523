import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { queueMeasure, type StaffQueue } from '../../platform/staff/queues.js';

/**
 * The moderators' queues on /staff: what /moderation lists, counted. Each is one aggregate over a partial index
 * (2026-12-03-11-boards-staff-queues), so it reads only the rows that wait, however many posts the boards hold.
 */
export function boardsStaffQueues(db: Db): StaffQueue[] {
  const moderators = ['moderator'] as const;
  return [
    {
      key: 'boards.held-posts',
      title: 'Posts waiting for a moderator',
      roles: moderators,
      href: '/moderation#held-posts',
      linkText: 'Check the held posts',
      age: 'waiting',
      measure: async () =>
        queueMeasure(
          await db
            .selectFrom('board_posts')
            .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(created_at)`.as('oldest')])
            .where('status', '=', 'held')
            .executeTakeFirst(),
        ),
    },
    {
      key: 'boards.open-reports',
      title: 'Reports to look at',
      roles: moderators,
      href: '/moderation#reports',
      linkText: 'Look at the reports',
      age: 'waiting',
      measure: async () =>
        queueMeasure(
          await db
            .selectFrom('board_reports')
            .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(created_at)`.as('oldest')])
            .where('resolved_at', 'is', null)
            .executeTakeFirst(),
        ),
    },
    {
      key: 'boards.join-requests',
      title: 'Requests to join a board',
      roles: moderators,
      href: '/moderation#join-requests',
      linkText: 'Decide on the requests',
      age: 'waiting',
      measure: async () =>
        queueMeasure(
          await db
            .selectFrom('board_memberships')
            .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(requested_at)`.as('oldest')])
            .where('status', '=', 'pending')
            .executeTakeFirst(),
        ),
    },
  ];
}
