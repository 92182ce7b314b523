import { sql } from 'kysely';
import { hasRole } from '../../../platform/access.js';
import type { Db } from '../../../platform/db/database.js';
import type { StaffQueue } from '../../../platform/staff/queues.js';
import { addDays, startOfLondonDay } from '../../../platform/time.js';

/**
 * /staff: children with a missed timescale, a practitioner's own and a manager's team's too, as last computed. One
 * aggregate over the partial indexes of missed alerts. A timescale is missed from the start of the day after it fell due.
 */
export function alertQueues(db: Db): StaffQueue[] {
  return [
    {
      key: 'oversight.missed-timescales',
      title: 'Children with missed timescales',
      roles: ['practitioner', 'manager'],
      href: '/practice/oversight',
      linkText: 'See the drift alerts',
      age: 'due',
      measure: async (_now, principal) => {
        const team = hasRole(principal, 'manager') ? principal.teamId : null;
        const row = await db
          .selectFrom('oversight_alerts')
          .select([sql<number>`count(distinct child_id)::int`.as('count'), sql<string | null>`min(due_on)`.as('oldest')])
          .where('state', '=', 'missed')
          .where((eb) => eb.or([eb('worker_id', '=', principal.id), ...(team ? [eb('team_id', '=', team)] : [])]))
          .executeTakeFirst();
        const count = row?.count ?? 0;
        return { count, oldest: count > 0 && row?.oldest ? startOfLondonDay(addDays(row.oldest, 1)) : null };
      },
    },
  ];
}
