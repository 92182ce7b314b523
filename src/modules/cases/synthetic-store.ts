import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { FlagStore } from './flag-store.js';
import type { SyntheticFamily } from './generator/types.js';

/** Whose the stored families are: an organisation, its team, the allocated worker, and who the entries say wrote them. */
export interface SyntheticHolder {
  organisationId: string;
  teamId: string;
  workerId: string | null;
  recorder: { id: string | null; label: string };
}

/**
 * Keeps plainly synthetic families (the demo caseload; later the generator's authority) in the records, one
 * transaction per family, each with its flags computed as a worker's entries would leave them. A few multi-row inserts
 * per family, so that many families can be stored one after another.
 */
export async function storeSyntheticFamilies(
  db: Db,
  flags: FlagStore,
  families: Iterable<SyntheticFamily>,
  holder: SyntheticHolder,
  today: string,
) {
  let stored = 0;
  for (const family of families) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('case_families')
        .values({
          id: family.id,
          organisation_id: holder.organisationId,
          team_id: holder.teamId,
          allocated_worker_id: holder.workerId,
          name: `${family.familyName} family`,
        })
        .execute();
      const person = (p: { id: string; givenName: string; familyName: string; dateOfBirth: string }, kind: 'child' | 'adult') => ({
        id: p.id,
        organisation_id: holder.organisationId,
        family_id: family.id,
        kind,
        given_name: p.givenName,
        family_name: p.familyName,
        date_of_birth: p.dateOfBirth,
        allocated_worker_id: kind === 'child' ? holder.workerId : null,
      });
      await trx
        .insertInto('case_people')
        .values([...family.children.map((c) => person(c, 'child')), ...family.adults.map((a) => person(a, 'adult'))])
        .execute();
      const relationships = family.adults.flatMap((adult) =>
        family.children.map((child) => ({
          person_id: child.id,
          relative_id: adult.id,
          kind: adult.relationship,
          parental_responsibility: adult.parentalResponsibility,
        })),
      );
      const siblings = family.children.flatMap((child) =>
        family.children
          .filter((other) => other.id !== child.id)
          .map((other) => ({ person_id: child.id, relative_id: other.id, kind: 'sibling' as const, parental_responsibility: false })),
      );
      if (relationships.length + siblings.length > 0)
        await trx
          .insertInto('case_relationships')
          .values([...relationships, ...siblings])
          .execute();
      for (const household of family.households) {
        await trx
          .insertInto('case_addresses')
          .values({ family_id: family.id, lines: household.address, postcode: '', from_day: household.from, to_day: household.to })
          .execute();
        if (household.memberIds.length > 0) {
          await trx
            .insertInto('case_household_members')
            .values(
              household.memberIds.map((person_id) => ({ family_id: family.id, person_id, from_day: household.from, to_day: household.to })),
            )
            .execute();
        }
      }
      if (family.episodes.length > 0) {
        await trx
          .insertInto('case_episodes')
          .values(
            family.episodes.map((e) => ({
              id: e.id,
              child_id: e.childId,
              referral_date: e.referralOn,
              referral_source: e.referralSource,
              primary_need: e.primaryNeed,
              assessment_start: e.assessment?.startedOn ?? null,
              assessment_authorised: e.assessment?.authorisedOn ?? null,
              assessment_factors: JSON.stringify(e.assessment?.factors ?? []),
              s47_start: e.section47On,
              // The CIN census counts child in need and child protection plans; early help is outside it.
              plan_type: e.plan && e.plan.type !== 'early-help' ? e.plan.type : null,
              plan_start: e.plan && e.plan.type !== 'early-help' ? e.plan.startedOn : null,
              plan_end: e.plan && e.plan.type !== 'early-help' ? e.plan.endedOn : null,
              abuse_category: e.plan?.type === 'child-protection' ? e.plan.categoryOfAbuse : null,
              closed_on: e.closedOn,
              closure_reason: e.closureReason,
            })),
          )
          .execute();
      }
      if (family.events.length > 0) {
        await trx
          .insertInto('case_events')
          .values(family.events.map((e) => ({ id: e.id, family_id: family.id })))
          .execute();
        await trx
          .insertInto('case_event_versions')
          .values(
            family.events.map((e) => ({
              event_id: e.id,
              version: 1,
              kind: e.kind,
              occurred_on: e.occurredOn,
              agency: e.agency,
              significance: e.significance,
              plan_type: e.planType,
              summary: e.summary,
              recorded_by: holder.recorder.id,
              recorded_by_label: holder.recorder.label,
            })),
          )
          .execute();
        await sql`update case_events e set current_version_id = v.id from case_event_versions v
          where v.event_id = e.id and v.version = 1 and e.family_id = ${family.id}`.execute(trx);
        // A family circumstance that names no child is about the whole household: every child.
        const concerns = family.events.flatMap((e) =>
          (e.childIds.length > 0 ? e.childIds : family.children.map((c) => c.id)).map((person_id) => ({ person_id, event_id: e.id })),
        );
        await trx.insertInto('case_event_people').values(concerns).execute();
      }
      await flags.refreshFamily(trx, family.id, today);
    });
    stored += 1;
  }
  return stored;
}
