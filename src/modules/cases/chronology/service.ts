import type { Db } from '../../../platform/db/database.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import type { FieldError } from '../../../platform/validation.js';
import type { FlagStore } from '../flag-store.js';
import type { Records } from '../records/service.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { eventProblems, type EventInput } from './event-rules.js';
import { keptWhileUnchanged } from '../../../platform/db/kept-reads.js';
import { readChronology, readOutline, type ChronologyFilters, type ChronologyScope, type EntryWindow } from './queries.js';

/** Entries on one page of a chronology: a long one (2,000 events) would be megabytes of HTML. */
export const ENTRIES_PER_PAGE = 100;

export type WriteResult<T> =
  | ({ ok: true } & T)
  | { ok: false; reason: 'hidden' | 'break-glass' | 'counts-only' }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

/**
 * Recording, correcting and annotating a child's chronology, and reading it. Every write recomputes the family's flags
 * and writes its audit entry in the same transaction; every read is audited.
 */
export function createChronology(platform: Services, records: Records, flags: FlagStore) {
  const { db, audit } = platform;
  const today = () => londonDay(new Date());

  /**
   * A new event about the child, and about any other people of the same family named in `concerns` (a household
   * change about all the children, say). Names of people outside the family are refused, never quietly dropped.
   */
  async function recordEvent(
    viewer: Viewer,
    childId: string,
    input: EventInput,
    concerns: readonly string[] = [],
    outer?: Db,
  ): Promise<WriteResult<{ id: string }>> {
    // On the embedded database a read outside the caller's open transaction would wait for it forever.
    const reader = outer ?? db;
    const opened = await records.openChild(viewer, childId, reader);
    if (!opened.ok) return opened;
    const child = opened.record;
    const errors = eventProblems(input, today());
    const people = [...new Set([childId, ...concerns])];
    const family = await reader.selectFrom('case_people').select('id').where('family_id', '=', child.familyId).execute();
    if (people.some((id) => !family.some((p) => p.id === id)))
      errors.push({ field: 'concerns', text: 'Choose only people of this family' });
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    return flags.changeFamily(
      child.familyId,
      today(),
      async (trx, refreshFlags) => {
        const event = await trx
          .insertInto('case_events')
          .values({ family_id: child.familyId })
          .returning(['id', 'created_at'])
          .executeTakeFirstOrThrow();
        const version = await trx
          .insertInto('case_event_versions')
          .values({
            event_id: event.id,
            version: 1,
            ...versionValues(input),
            recorded_by: viewer.principal.id,
            recorded_by_label: viewer.actor.label,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('case_events').set({ current_version_id: version.id }).where('id', '=', event.id).execute();
        await trx
          .insertInto('case_event_people')
          .values(people.map((person_id) => ({ person_id, event_id: event.id })))
          .execute();
        await refreshFlags({ ...flagEventOf(event.id, input), childIds: people, createdAt: new Date(event.created_at).getTime() });
        await audit.record(
          {
            actor: viewer.actor,
            action: 'cases.event-recorded',
            subjectType: 'child',
            subjectId: childId,
            organisationId: child.organisationId,
            details: { eventId: event.id, kind: input.kind },
          },
          trx,
        );
        return { ok: true as const, id: event.id };
      },
      outer,
    );
  }

  /** A correction: a new version of the event with its reason. The earlier version stays, and both are shown. */
  async function correctEvent(
    viewer: Viewer,
    childId: string,
    eventId: string,
    input: EventInput,
    reason: string,
  ): Promise<WriteResult<{ version: number }>> {
    const opened = await records.openChild(viewer, childId);
    if (!opened.ok) return opened;
    const child = opened.record;
    const errors = eventProblems(input, today());
    if (reason.trim() === '') errors.push({ field: 'reason', text: 'Enter why the entry needs correcting' });
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    return flags.changeFamily(child.familyId, today(), async (trx, refreshFlags) => {
      // Locked, so that two corrections at once take turns and number their versions one after the other.
      const event = await trx
        .selectFrom('case_events as e')
        .innerJoin('case_event_people as ep', 'ep.event_id', 'e.id')
        .select(['e.id', 'e.versions'])
        .where('e.id', '=', eventId)
        .where('ep.person_id', '=', childId)
        .forUpdate('e')
        .executeTakeFirst();
      if (!event) return { ok: false as const, reason: 'hidden' as const };
      const next = event.versions + 1;
      const version = await trx
        .insertInto('case_event_versions')
        .values({
          event_id: eventId,
          version: next,
          ...versionValues(input),
          correction_reason: reason.trim(),
          recorded_by: viewer.principal.id,
          recorded_by_label: viewer.actor.label,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('case_events').set({ current_version_id: version.id, versions: next }).where('id', '=', eventId).execute();
      await refreshFlags(flagEventOf(eventId, input));
      await audit.record(
        {
          actor: viewer.actor,
          action: 'cases.event-corrected',
          subjectType: 'child',
          subjectId: childId,
          organisationId: child.organisationId,
          reason: reason.trim(),
          details: { eventId, version: next },
        },
        trx,
      );
      return { ok: true as const, version: next };
    });
  }

  /** A practitioner's analysis of one entry: what it means alongside the others. Notes are added, never changed. */
  async function addNote(viewer: Viewer, childId: string, eventId: string, note: string): Promise<WriteResult<{ id: number }>> {
    const opened = await records.openChild(viewer, childId);
    if (!opened.ok) return opened;
    if (note.trim() === '') return { ok: false, reason: 'invalid', errors: [{ field: 'note', text: 'Enter your analysis of this entry' }] };
    const concerns = await db
      .selectFrom('case_event_people')
      .select('event_id')
      .where('event_id', '=', eventId)
      .where('person_id', '=', childId)
      .executeTakeFirst();
    if (!concerns) return { ok: false, reason: 'hidden' };
    return db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('case_event_notes')
        .values({ event_id: eventId, author_id: viewer.principal.id, author_label: viewer.actor.label, body: note.trim() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(
        {
          actor: viewer.actor,
          action: 'cases.note-added',
          subjectType: 'child',
          subjectId: childId,
          organisationId: opened.record.organisationId,
          details: { eventId },
        },
        trx,
      );
      return { ok: true as const, id };
    });
  }

  // A worker opens the same chronology again and again between entries: on the embedded database its reads are kept
  // until anything it shows is written (a new event, a correction, a note, a person's name).
  const watched = { anyWrite: ['case_events', 'case_event_versions', 'case_event_people', 'case_event_notes', 'case_people'] };
  type Asked = { scope: ChronologyScope; filters: ChronologyFilters; window?: EntryWindow };
  const outlineOf = keptWhileUnchanged(platform.writes, watched, (key: string) => {
    const { scope, filters } = JSON.parse(key) as Asked;
    return readOutline(db, scope, filters);
  });
  const windowOf = keptWhileUnchanged(platform.writes, watched, (key: string) => {
    const { scope, filters, window } = JSON.parse(key) as Asked;
    return readChronology(db, scope, filters, window);
  });

  /**
   * The entries to show: all of them (the API), or one page with the outline of every event (for the timeline) and
   * the page each event is on without filters (for the flags' links to their events).
   */
  async function entriesOf(scope: ChronologyScope, filters: ChronologyFilters, page: number | undefined) {
    if (page === undefined) return { events: await readChronology(db, scope, filters), paging: null };
    const outline = await outlineOf(JSON.stringify({ scope, filters }));
    const pages = Math.max(1, Math.ceil(outline.length / ENTRIES_PER_PAGE));
    const everyEvent = Object.values(filters).some((value) => value) ? await outlineOf(JSON.stringify({ scope, filters: {} })) : outline;
    const window = { offset: (page - 1) * ENTRIES_PER_PAGE, limit: ENTRIES_PER_PAGE };
    const events = page > pages ? [] : await windowOf(JSON.stringify({ scope, filters, window }));
    const pageOfEvent = new Map(everyEvent.map((event, index) => [event.id, Math.floor(index / ENTRIES_PER_PAGE) + 1]));
    return { events, paging: { page, pages, outline, pageOfEvent } };
  }

  /**
   * Opens a child's chronology and audits the read, then reads it only if asked (`read`): a page kept under the same
   * stamp needs nothing more. The stamp is taken with the record, before any entry is read, so that a change landing
   * in between leaves a page newer than its stamp, never older. `page` for the pages, not the API.
   */
  async function openChildChronology(viewer: Viewer, childId: string, filters: ChronologyFilters = {}, page?: number) {
    const opened = await records.openChild(viewer, childId);
    if (!opened.ok) return opened;
    const child = opened.record;
    await records.auditRead(
      viewer,
      'cases.chronology-viewed',
      { type: 'child', id: childId, organisationId: child.organisationId },
      { filters, page: page ?? null },
    );
    const read = async () => {
      const [{ events, paging }, childFlags] = await Promise.all([entriesOf({ childId }, filters, page), flags.ofChild(childId)]);
      return { events, paging, flags: childFlags };
    };
    return { ok: true as const, child, stamp: opened.stamp, read };
  }

  /** A family's chronology, as `openChildChronology`: every child's and household adult's events merged. */
  async function openFamilyChronology(viewer: Viewer, familyId: string, filters: ChronologyFilters = {}, page?: number) {
    const opened = await records.openFamily(viewer, familyId);
    if (!opened.ok) return opened;
    const family = opened.record;
    await records.auditRead(
      viewer,
      'cases.family-chronology-viewed',
      { type: 'family', id: familyId, organisationId: family.organisationId },
      { filters, page: page ?? null },
    );
    const read = async () => {
      const [{ events, paging }, familyFlags] = await Promise.all([entriesOf({ familyId }, filters, page), flags.ofFamily(familyId)]);
      return { events, paging, flags: familyFlags };
    };
    return { ok: true as const, family, stamp: opened.stamp, read };
  }

  /** A child's chronology, filtered, with the child's flags; reading it is audited. */
  async function ofChild(viewer: Viewer, childId: string, filters: ChronologyFilters = {}, page?: number) {
    const opened = await openChildChronology(viewer, childId, filters, page);
    if (!opened.ok) return opened;
    return { ok: true as const, child: opened.child, ...(await opened.read()) };
  }

  /** A family's chronology: every child's and household adult's events merged, each marked with whom it concerns. */
  async function ofFamily(viewer: Viewer, familyId: string, filters: ChronologyFilters = {}, page?: number) {
    const opened = await openFamilyChronology(viewer, familyId, filters, page);
    if (!opened.ok) return opened;
    return { ok: true as const, family: opened.family, ...(await opened.read()) };
  }

  return { recordEvent, correctEvent, addNote, ofChild, ofFamily, openChildChronology, openFamilyChronology };
}

/** An event as the pattern rules read it. */
const flagEventOf = (id: string, input: EventInput) => ({
  id,
  kind: input.kind,
  occurredOn: input.occurredOn,
  agency: input.agency.trim(),
  significance: input.significance,
  planType: input.planType,
});

function versionValues(input: EventInput) {
  return {
    kind: input.kind,
    occurred_on: input.occurredOn,
    agency: input.agency.trim(),
    significance: input.significance,
    plan_type: input.planType,
    summary: input.summary.trim(),
  };
}

export type Chronology = ReturnType<typeof createChronology>;
