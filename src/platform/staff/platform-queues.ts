import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { queueMeasure, type StaffQueue } from './queues.js';

/** Roles whose work is a team's cases: without a team, a practitioner or manager sees no child's record. */
const TEAM_ROLES = ['practitioner', 'manager'] as const;

/** The administrators' own queues: people the platform holds, so the platform measures them. */
export function platformStaffQueues(db: Db): StaffQueue[] {
  return [
    {
      key: 'platform.invitations',
      title: 'Invitations not yet accepted',
      roles: ['admin'],
      href: '/admin/users',
      linkText: 'Go to people and roles',
      age: 'waiting',
      // Indexed by users_invited (created_at where status = 'invited').
      measure: async () =>
        queueMeasure(
          await db
            .selectFrom('users')
            .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(created_at)`.as('oldest')])
            .where('status', '=', 'invited')
            .executeTakeFirst(),
        ),
    },
    {
      key: 'platform.people-without-team',
      title: 'Practitioners and managers without a team',
      roles: ['admin'],
      href: '/admin/users',
      linkText: 'Give them a team in people and roles',
      age: 'waiting',
      // Waiting since they were given the role; user_roles_by_role finds the few practice staff among every member.
      measure: async () =>
        queueMeasure(
          await db
            .selectFrom('user_roles as r')
            .innerJoin('users as u', 'u.id', 'r.user_id')
            .select([sql<number>`count(distinct u.id)::int`.as('count'), sql<Date | null>`min(r.granted_at)`.as('oldest')])
            .where('r.role', 'in', TEAM_ROLES)
            .where('u.team_id', 'is', null)
            .where('u.status', '!=', 'disabled')
            .executeTakeFirst(),
        ),
    },
  ];
}
