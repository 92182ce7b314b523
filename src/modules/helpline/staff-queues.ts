import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { queueMeasure, type StaffQueue } from '../../platform/staff/queues.js';

/**
 * The advisers' queues on /staff. Both read the queue's own index, helpline_callbacks_queue (status, due_at), and
 * only the requests still open, so the closed ones of past years cost nothing.
 */
export function helplineStaffQueues(db: Db): StaffQueue[] {
  return [
    {
      key: 'helpline.callbacks-waiting',
      title: 'Callback requests nobody has taken',
      roles: ['adviser'],
      href: '/advisers/queue',
      linkText: 'Go to the callback queue',
      age: 'waiting',
      // Since the family asked: a request put back for a follow-up keeps its first date, as it has waited that long.
      measure: async () =>
        queueMeasure(
          await db
            .selectFrom('helpline_callbacks')
            .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(created_at)`.as('oldest')])
            .where('status', '=', 'waiting')
            .where('purged_at', 'is', null)
            .executeTakeFirst(),
        ),
    },
    {
      key: 'helpline.callbacks-due',
      title: 'Callbacks due now',
      roles: ['adviser'],
      href: '/advisers/queue',
      linkText: 'Call the families who are due',
      age: 'due',
      // Taken or not: a claimed request whose time has come still needs its call.
      measure: async (now) =>
        queueMeasure(
          await db
            .selectFrom('helpline_callbacks')
            .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(due_at)`.as('oldest')])
            .where('status', 'in', ['waiting', 'claimed'])
            .where('due_at', '<=', now)
            .where('purged_at', 'is', null)
            .executeTakeFirst(),
        ),
    },
  ];
}
