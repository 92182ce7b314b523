import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { queueMeasure, type StaffQueue } from '../../platform/staff/queues.js';
import { londonDay, startOfLondonDay } from '../../platform/time.js';

/**
 * The editors' queues on /staff, each one aggregate over a partial index (2026-12-03-12-content-staff-queues):
 * drafts waiting for a second editor, and published advice whose review date has come.
 */
export function contentStaffQueues(db: Db): StaffQueue[] {
  return [
    {
      key: 'content.in-review',
      title: 'Items waiting for a second editor',
      roles: ['editor'],
      href: '/admin/content?state=in-review',
      linkText: 'Review them in manage content',
      age: 'waiting',
      measure: async () =>
        queueMeasure(
          await db
            .selectFrom('content_items')
            .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(submitted_at)`.as('oldest')])
            .where('state', '=', 'in-review')
            .executeTakeFirst(),
        ),
    },
    {
      key: 'content.review-due',
      title: 'Published advice due for review',
      roles: ['editor'],
      // Review dates are asked of advice sheets, so that is where the editor finds them.
      href: '/admin/content?type=advice-sheet',
      linkText: 'Find them among the advice sheets',
      age: 'due',
      measure: async (now) => {
        const row = await db
          .selectFrom('content_published')
          .select([sql<number>`count(*)::int`.as('count'), sql<string | null>`min(fields->>'reviewDue')`.as('oldest')])
          .where(sql`fields->>'reviewDue'`, '<=', londonDay(now))
          .executeTakeFirst();
        return queueMeasure({ count: row?.count ?? 0, oldest: row?.oldest ? startOfLondonDay(row.oldest) : null });
      },
    },
  ];
}
