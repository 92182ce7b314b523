import { sql } from 'kysely';
import type { Principal } from '../../platform/access.js';
import type { Db } from '../../platform/db/database.js';
import { queueMeasure, type StaffQueue } from '../../platform/staff/queues.js';
import type { CasesSettings } from './settings.js';

export interface CaseloadChild {
  id: string;
  name: string;
  reference: string;
  dateOfBirth: string | null;
  familyId: string;
  familyName: string;
  mine: boolean;
  flags: { rule: string; explanation: string; raisedAt: Date }[];
}

/**
 * The children a practitioner or manager holds: their own (allocated to them or their family) and their team's, with
 * their flags. A person in no team sees only their own. One query for the children, one for their flags.
 */
export async function caseloadOf(db: Db, principal: Principal): Promise<CaseloadChild[]> {
  if (!principal.organisationId) return [];
  const rows = await db
    .selectFrom('case_people as p')
    .innerJoin('case_families as f', 'f.id', 'p.family_id')
    .select([
      'p.id',
      'p.given_name',
      'p.family_name',
      'p.reference',
      'p.date_of_birth as dateOfBirth',
      'p.family_id as familyId',
      'f.name as familyName',
      sql<boolean>`(p.allocated_worker_id = ${principal.id} or f.allocated_worker_id = ${principal.id})`.as('mine'),
    ])
    .where('p.kind', '=', 'child')
    .where('f.organisation_id', '=', principal.organisationId)
    .where((eb) =>
      eb.or([
        eb('p.allocated_worker_id', '=', principal.id),
        eb('f.allocated_worker_id', '=', principal.id),
        ...(principal.teamId ? [eb('f.team_id', '=', principal.teamId)] : []),
      ]),
    )
    .orderBy('f.name')
    .orderBy('p.given_name')
    .execute();
  if (rows.length === 0) return [];
  const flags = await db
    .selectFrom('case_flags')
    .select(['child_id', 'rule', 'explanation', 'raised_at as raisedAt'])
    .where(
      'child_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('raised_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: `${r.given_name} ${r.family_name}`,
    reference: r.reference,
    dateOfBirth: r.dateOfBirth,
    familyId: r.familyId,
    familyName: r.familyName,
    mine: r.mine,
    flags: flags.filter((f) => f.child_id === r.id).map(({ child_id: _c, ...f }) => f),
  }));
}

/** What an analyst may see of the organisation's records: numbers, never a name. */
export async function organisationCounts(db: Db, organisationId: string) {
  const counts = await db
    .selectFrom('case_people as p')
    .select([
      sql<number>`count(*) filter (where p.kind = 'child')::int`.as('children'),
      sql<number>`count(distinct p.family_id)::int`.as('families'),
    ])
    .where('p.organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const byRule = await db
    .selectFrom('case_flags as fl')
    .innerJoin('case_families as f', 'f.id', 'fl.family_id')
    .select(['fl.rule', sql<number>`count(distinct fl.child_id)::int`.as('children')])
    .where('f.organisation_id', '=', organisationId)
    .groupBy('fl.rule')
    .orderBy('fl.rule')
    .execute();
  return { ...counts, byRule };
}

/** /staff: children of the person's team (or their own, with no team) whose flags were raised lately. */
export function caseQueues(db: Db, settings: CasesSettings): StaffQueue[] {
  return [
    {
      key: 'cases.new-flags',
      title: 'Children with new flags',
      roles: ['practitioner', 'manager'],
      href: '/practice',
      linkText: 'See the flags in your caseload',
      age: 'waiting',
      measure: async (now, principal) => {
        const since = new Date(now.getTime() - settings.newFlagDays * 24 * 60 * 60_000);
        const row = await db
          .selectFrom('case_flags as fl')
          .innerJoin('case_families as f', 'f.id', 'fl.family_id')
          .innerJoin('case_people as p', 'p.id', 'fl.child_id')
          .select([sql<number>`count(distinct fl.child_id)::int`.as('count'), sql<Date | null>`min(fl.raised_at)`.as('oldest')])
          .where('fl.raised_at', '>=', since)
          .where((eb) =>
            eb.or([
              eb('p.allocated_worker_id', '=', principal.id),
              eb('f.allocated_worker_id', '=', principal.id),
              ...(principal.teamId ? [eb('f.team_id', '=', principal.teamId)] : []),
            ]),
          )
          .executeTakeFirst();
        return queueMeasure(row);
      },
    },
  ];
}
