import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { keptUnderStamp, keptWhileUnchanged } from '../../platform/db/kept-reads.js';
import type { WriteWatch } from '../../platform/db/write-watch.js';
import { isUuid } from '../../platform/validation.js';
import type { PracticeChild, PracticeEvent, PracticeRecords } from '../../platform/practice/records.js';
import type { Viewer } from '../../platform/practice/viewer.js';
import type { EventInput } from './chronology/event-rules.js';
import type { Cases } from './service.js';

/**
 * The children's records as the other practice modules see them (platform/practice/records.ts): the same access check
 * and the same chronology writes as this module's own pages, through its services.
 */
export function practiceRecordsOf(db: Db, writes: WriteWatch | null, cases: Cases): PracticeRecords {
  const children = () =>
    db
      .selectFrom('case_people as p')
      .innerJoin('case_families as f', 'f.id', 'p.family_id')
      .leftJoin('users as w', (join) => join.on(sql<boolean>`w.id = coalesce(p.allocated_worker_id, f.allocated_worker_id)`))
      .select([
        'p.id',
        'p.reference',
        'p.given_name as givenName',
        'p.family_name as familyName',
        'p.date_of_birth as dateOfBirth',
        'p.family_id as familyId',
        'f.organisation_id as organisationId',
        'f.team_id as teamId',
        'w.id as workerId',
        'w.display_name as worker',
      ])
      .where('p.kind', '=', 'child');

  // Every page of a manager's drift dashboard and caseload asks for the same list: it is read again only when the
  // organisation's roster stamp moves. Weighed in children, so that a whole authority's managers fit in a few tens of MB.
  const held = keptUnderStamp<[string, string, string | null], readonly PracticeChild[]>({
    weightOf: (list) => list.length,
    mostWeight: 200_000,
  });
  // On the embedded database the stamp itself is read again only after a write to a table whose triggers move it.
  const rosterStamp = keptWhileUnchanged(
    writes,
    { anyWrite: ['case_families', 'case_people', 'users', 'case_rosters'] },
    async (organisationId: string) =>
      (
        await db
          .selectFrom('case_rosters')
          .select(sql<string>`stamp::text`.as('stamp'))
          .where('organisation_id', '=', organisationId)
          .executeTakeFirst()
      )?.stamp ?? '0',
  );

  const one = async (childId: string): Promise<PracticeChild> => children().where('p.id', '=', childId).executeTakeFirstOrThrow();

  return {
    async openChild(viewer, childId) {
      // Other modules pass ids from addresses and forms: one that is no id at all is a missing record.
      if (!isUuid(childId)) return { ok: false, reason: 'hidden' };
      const opened = await cases.records.openChild(viewer, childId);
      return opened.ok ? { ok: true, child: await one(childId) } : opened;
    },

    async heldChildren(viewer: Viewer) {
      const { principal } = viewer;
      if (!principal.organisationId) return { stamp: '0', children: [] };
      // Taken before the list is read, so that a change landing in between leaves a list newer than its stamp.
      const stamp = await rosterStamp(principal.organisationId);
      const holder: [string, string, string | null] = [principal.id, principal.organisationId, principal.teamId];
      const kept = held.get(holder, stamp);
      if (kept) return { stamp, children: kept };
      const list = await children()
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
        .orderBy('p.id')
        .execute();
      held.set(holder, stamp, list);
      return { stamp, children: list };
    },

    childrenAfter: (afterId, limit) =>
      children()
        .$if(afterId !== null, (q) => q.where('p.id', '>', afterId!))
        .orderBy('p.id')
        .limit(limit)
        .execute(),

    // The chronology checks the kind and the rest of the event against its controlled list, as for a worker's own entry.
    recordEvent: (viewer, childId, event: PracticeEvent, trx) =>
      cases.chronology.recordEvent(viewer, childId, event as EventInput, [], trx),

    async eventsOf(childIds, kinds) {
      if (childIds.length === 0 || kinds.length === 0) return [];
      return db
        .selectFrom('case_event_people as ep')
        .innerJoin('case_events as e', 'e.id', 'ep.event_id')
        .innerJoin('case_event_versions as v', 'v.id', 'e.current_version_id')
        .select(['e.id', 'ep.person_id as childId', 'v.kind', 'v.occurred_on as occurredOn', 'v.plan_type as planType'])
        .where('ep.person_id', 'in', childIds)
        .where('v.kind', 'in', kinds)
        .orderBy('v.occurred_on')
        .orderBy('e.created_at')
        .execute();
    },

    breakGlassPath: (childId) => `/practice/children/${childId}/break-glass`,
  };
}
