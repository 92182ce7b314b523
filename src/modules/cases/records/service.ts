import { sql } from 'kysely';
import { hasRole } from '../../../platform/access.js';
import type { Db } from '../../../platform/db/database.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import { recordAccess, type RecordAccess } from '../access.js';
import type { FlagStore } from '../flag-store.js';
import type { Viewer } from '../../../platform/practice/viewer.js';

export interface Child {
  id: string;
  reference: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  familyId: string;
  familyLabel: string;
  organisationId: string;
  teamId: string;
  teamName: string;
  worker: string | null;
}

export interface Family {
  id: string;
  name: string;
  organisationId: string;
  teamId: string;
}

/**
 * What opening a record comes to: the record, or why not (`hidden` answers exactly like a missing id). `stamp` is the
 * family's chronology stamp when the record was read, which moves with any change to what its chronology shows.
 */
export type Opened<T> = { ok: true; record: T; stamp: string } | { ok: false; reason: Exclude<RecordAccess, 'open'> };

const stampOfFamily = sql<string>`f.chronology_stamp::text`.as('stamp');

export interface NewChild {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  familyId: string | null;
}

export type CreateChildResult =
  { ok: true; id: string; familyId: string } | { ok: false; reason: 'no-team' | 'hidden' | 'break-glass' | 'counts-only' };

/**
 * Children and families: who may open them (access.ts decides, here it is asked with the record's holder), and the
 * caseload. Opening a record writes its audit entry; the callers say what was read.
 */
export function createRecords(platform: Services, flags: FlagStore) {
  const { db, audit } = platform;

  const glassBroken = (viewer: Viewer, childId: string) =>
    viewer.sessionHash === null
      ? sql<boolean>`false`
      : sql<boolean>`exists (select 1 from case_break_glass g where g.child_id = ${childId} and g.user_id = ${viewer.principal.id} and g.session_hash = ${viewer.sessionHash})`;

  /** A child's record if this viewer may read it, with no audit entry: the caller records what it reads. */
  async function openChild(viewer: Viewer, childId: string, reader: Db = db): Promise<Opened<Child>> {
    const row = await reader
      .selectFrom('case_people as p')
      .innerJoin('case_families as f', 'f.id', 'p.family_id')
      .innerJoin('teams as t', 't.id', 'f.team_id')
      .leftJoin('users as w', 'w.id', 'p.allocated_worker_id')
      .select([
        'p.id',
        'p.reference',
        'p.given_name as givenName',
        'p.family_name as familyName',
        'p.date_of_birth as dateOfBirth',
        'p.family_id as familyId',
        'f.name as familyLabel',
        'f.organisation_id as organisationId',
        'f.team_id as teamId',
        't.name as teamName',
        'w.display_name as worker',
        'p.allocated_worker_id as childWorkerId',
        'f.allocated_worker_id as familyWorkerId',
        glassBroken(viewer, childId).as('glassBroken'),
        stampOfFamily,
      ])
      .where('p.id', '=', childId)
      .where('p.kind', '=', 'child')
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'hidden' };
    const access = recordAccess(viewer.principal, row, row.glassBroken);
    if (access !== 'open') return { ok: false, reason: access };
    const { childWorkerId: _c, familyWorkerId: _f, glassBroken: _g, stamp, ...child } = row;
    return { ok: true, record: child, stamp };
  }

  /**
   * A family's record. Its chronology holds every child's events, so someone outside the team must have broken the glass
   * for each of its children; an allocated worker of any one child counts as the family's worker.
   */
  async function openFamily(viewer: Viewer, familyId: string): Promise<Opened<Family>> {
    const session = viewer.sessionHash ?? '';
    const row = await db
      .selectFrom('case_families as f')
      .select([
        'f.id',
        'f.name',
        'f.organisation_id as organisationId',
        'f.team_id as teamId',
        'f.allocated_worker_id as familyWorkerId',
        sql<boolean>`exists (select 1 from case_people p where p.family_id = f.id and p.allocated_worker_id = ${viewer.principal.id})`.as(
          'workerOfAChild',
        ),
        sql<boolean>`not exists (select 1 from case_people p where p.family_id = f.id and p.kind = 'child' and not exists
          (select 1 from case_break_glass g where g.child_id = p.id and g.user_id = ${viewer.principal.id} and g.session_hash = ${session}))`.as(
          'glassBroken',
        ),
        stampOfFamily,
      ])
      .where('f.id', '=', familyId)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'hidden' };
    const holder = { ...row, childWorkerId: row.workerOfAChild ? viewer.principal.id : null };
    const access = recordAccess(viewer.principal, holder, viewer.sessionHash !== null && row.glassBroken);
    if (access !== 'open') return { ok: false, reason: access };
    return { ok: true, record: { id: row.id, name: row.name, organisationId: row.organisationId, teamId: row.teamId }, stamp: row.stamp };
  }

  /** Writes the audit entry of a read, named by what was read: a child's page, a chronology, an export. */
  async function auditRead(
    viewer: Viewer,
    action: string,
    subject: { type: 'child' | 'family'; id: string; organisationId: string },
    details?: Record<string, unknown>,
  ) {
    await audit.record({
      actor: viewer.actor,
      action,
      subjectType: subject.type,
      subjectId: subject.id,
      organisationId: subject.organisationId,
      details,
    });
  }

  /** A new child, allocated to the person who adds them: into a family they may open, or a new family in their team. */
  async function createChild(viewer: Viewer, input: NewChild): Promise<CreateChildResult> {
    const { principal } = viewer;
    let family: Family;
    if (input.familyId) {
      const opened = await openFamily(viewer, input.familyId);
      if (!opened.ok) return opened;
      family = opened.record;
    } else {
      if (!principal.teamId || !principal.organisationId || !hasRole(principal, 'practitioner', 'manager'))
        return { ok: false, reason: 'no-team' };
      family = { id: '', name: `${input.familyName} family`, organisationId: principal.organisationId, teamId: principal.teamId };
    }
    return db.transaction().execute(async (trx) => {
      const familyId =
        family.id ||
        (
          await trx
            .insertInto('case_families')
            .values({
              organisation_id: family.organisationId,
              team_id: family.teamId,
              allocated_worker_id: principal.id,
              name: family.name,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const child = await trx
        .insertInto('case_people')
        .values({
          organisation_id: family.organisationId,
          family_id: familyId,
          kind: 'child',
          given_name: input.givenName,
          family_name: input.familyName,
          date_of_birth: input.dateOfBirth,
          allocated_worker_id: principal.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('case_household_members')
        .values({ family_id: familyId, person_id: child.id, from_day: londonDay(new Date()) })
        .execute();
      // A new child may make a sibling's plan count for them too.
      await flags.refreshFamily(trx, familyId, londonDay(new Date()));
      await audit.record(
        {
          actor: viewer.actor,
          action: 'cases.child-added',
          subjectType: 'child',
          subjectId: child.id,
          organisationId: family.organisationId,
          details: { familyId },
        },
        trx,
      );
      return { ok: true as const, id: child.id, familyId };
    });
  }

  return { openChild, openFamily, auditRead, createChild };
}

export type Records = ReturnType<typeof createRecords>;
