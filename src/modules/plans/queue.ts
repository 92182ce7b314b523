import { sql } from 'kysely';
import { hasRole, type Principal } from '../../platform/access.js';
import { personActor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { PracticeChild, PracticeRecords } from '../../platform/practice/records.js';
import { queueMeasure, type StaffQueue } from '../../platform/staff/queues.js';
import { addDays, londonDay, startOfLondonDay } from '../../platform/time.js';

/** How far ahead a booked review joins the queue: time to gather the family's views and the agencies' reports. */
export const REVIEW_SOON_DAYS = 10;
export const REVIEWS_DUE_PATH = '/practice/plans/reviews-due';

/**
 * The children whose plans wait for this person: a practitioner's own (allocated to them or their family), a manager's
 * whole team. Only ids; no name leaves the practice records.
 */
export async function childrenFor(records: PracticeRecords, principal: Principal): Promise<readonly PracticeChild[]> {
  const held = await records.heldChildren({ principal, sessionHash: null, actor: personActor(principal, null) });
  return hasRole(principal, 'manager') ? held.children : held.children.filter((c) => c.workerId === principal.id);
}

/** Current plans of these children whose next review is overdue or within 10 days, soonest first. */
export async function reviewsDueOf(db: Db, childIds: readonly string[], today: string) {
  if (childIds.length === 0) return [];
  return db
    .selectFrom('plans')
    .select(['id', 'child_id as childId', 'type', 'next_review_on as nextReviewOn'])
    .where('child_id', 'in', childIds)
    .where('ended_on', 'is', null)
    .where('next_review_on', '<=', addDays(today, REVIEW_SOON_DAYS))
    .orderBy('next_review_on')
    .execute();
}

/** /staff: current plans whose next review is overdue or falls within the next 10 days. */
export function planQueues(db: Db, records: () => PracticeRecords | null): StaffQueue[] {
  return [
    {
      key: 'plans.reviews-due',
      title: 'Plan reviews due within 10 days or overdue',
      roles: ['practitioner', 'manager'],
      href: REVIEWS_DUE_PATH,
      linkText: 'See the reviews due',
      age: 'due',
      measure: async (now, principal) => {
        const served = records();
        const childIds = served ? (await childrenFor(served, principal)).map((c) => c.id) : [];
        if (childIds.length === 0) return queueMeasure(undefined);
        const today = londonDay(now);
        const row = await db
          .selectFrom('plans')
          .select([
            sql<number>`count(*)::int`.as('count'),
            // Only an overdue review has been due for a while; one still to come is not "oldest due".
            sql<string | null>`min(next_review_on) filter (where next_review_on < ${today})`.as('overdueSince'),
          ])
          .where('child_id', 'in', childIds)
          .where('ended_on', 'is', null)
          .where('next_review_on', '<=', addDays(today, REVIEW_SOON_DAYS))
          .executeTakeFirst();
        return queueMeasure(row && { count: row.count, oldest: row.overdueSince ? startOfLondonDay(row.overdueSince) : null });
      },
    },
  ];
}
