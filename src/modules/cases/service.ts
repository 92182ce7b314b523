import type { Services } from '../../platform/services.js';
import { londonDay } from '../../platform/time.js';
import { createBreakGlass } from './break-glass/service.js';
import { caseloadOf, caseQueues, organisationCounts } from './caseload.js';
import { createChronologyExport } from './chronology/export.js';
import { createChronology } from './chronology/service.js';
import { createFlagStore, type FamilyFlagRules } from './flag-store.js';
import { createRecords } from './records/service.js';
import type { CasesSettings } from './settings.js';
import type { Viewer } from '../../platform/practice/viewer.js';

/**
 * Every service of the cases module, built once per process from the platform's. The pattern rules are passed in
 * (index.ts hands over flags/flags.ts), so that the records can be tested with rules of the test's choosing.
 */
export function createCases(platform: Services, settings: CasesSettings, rules: FamilyFlagRules) {
  const { db, audit } = platform;
  // PGlite queues every other query behind a transaction; PostgreSQL does not (platform.writes is PGlite's write watch).
  const flags = createFlagStore(db, rules, { familiesPerRun: platform.writes ? 200 : 2_000 });
  const records = createRecords(platform, flags);
  const chronology = createChronology(platform, records, flags);
  const breakGlass = createBreakGlass(platform);
  const exports = createChronologyExport(platform, records, flags);

  /** `/practice`: the person's caseload and their team's, with flags. Listing names is a read, so it is audited. */
  async function caseload(viewer: Viewer) {
    const children = await caseloadOf(db, viewer.principal);
    await audit.record({
      actor: viewer.actor,
      action: 'cases.caseload-viewed',
      subjectType: 'family',
      organisationId: viewer.principal.organisationId,
      details: { children: children.length },
    });
    return children;
  }

  /** The analyst's view of `/practice`: counts only, audited like any other look at practice data. */
  async function counts(viewer: Viewer) {
    if (!viewer.principal.organisationId) return null;
    const numbers = await organisationCounts(db, viewer.principal.organisationId);
    await audit.record({ actor: viewer.actor, action: 'cases.counts-viewed', organisationId: viewer.principal.organisationId });
    return numbers;
  }

  /** The people a practitioner may mark an event as concerning: the child's family. Called once the child is open. */
  async function familyPeople(familyId: string) {
    return db
      .selectFrom('case_people')
      .select(['id', 'given_name as givenName', 'family_name as familyName', 'kind'])
      .where('family_id', '=', familyId)
      .orderBy('kind', 'desc')
      .orderBy('given_name')
      .execute();
  }

  /** What a person wrote in the chronologies, for subject access: entries and notes, without the children's names. */
  async function writtenBy(userId: string) {
    const [entries, notes, glass] = await Promise.all([
      db
        .selectFrom('case_event_versions')
        .select(['kind', 'occurred_on as occurredOn', 'recorded_at as recordedAt'])
        .where('recorded_by', '=', userId)
        .execute(),
      db.selectFrom('case_event_notes').select(['written_at as writtenAt']).where('author_id', '=', userId).execute(),
      db.selectFrom('case_break_glass').select(['reason', 'granted_at as grantedAt']).where('user_id', '=', userId).execute(),
    ]);
    return { entries, notes: notes.length, glassBroken: glass };
  }

  /**
   * Deleting an account keeps what it wrote in the records, under the name it was written by: a child's chronology
   * must still say who recorded what. Only the link to the account goes.
   */
  async function forgetAuthor(userId: string) {
    await db.updateTable('case_event_versions').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
    await db.updateTable('case_event_notes').set({ author_id: null }).where('author_id', '=', userId).execute();
  }

  return {
    records,
    chronology,
    flags,
    breakGlass,
    exports,
    caseload,
    counts,
    familyPeople,
    writtenBy,
    forgetAuthor,
    refreshAllFlags: () => flags.refreshAll(londonDay(new Date())),
    staffQueues: () => caseQueues(db, settings),
  };
}

export type Cases = ReturnType<typeof createCases>;
