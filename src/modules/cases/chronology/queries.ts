import type { Db } from '../../../platform/db/database.js';

export interface ChronologyFilters {
  kind?: string | null;
  agency?: string | null;
  significance?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface EventVersion {
  version: number;
  kind: string;
  occurredOn: string;
  agency: string;
  significance: string;
  planType: string | null;
  summary: string;
  correctionReason: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface ChronologyEntry extends EventVersion {
  id: string;
  /** Earlier versions, oldest first, each replaced by the one after it for the reason that one gives. */
  earlier: EventVersion[];
  notes: { author: string; body: string; writtenAt: Date }[];
  /** Whom it concerns, children first. */
  concerns: { id: string; name: string; kind: 'child' | 'adult' }[];
}

/** What a page shows of one version of an event, current or replaced. */
const VERSION_COLUMNS = [
  'v.version',
  'v.kind',
  'v.occurred_on as occurredOn',
  'v.agency',
  'v.significance',
  'v.plan_type as planType',
  'v.summary',
  'v.correction_reason as correctionReason',
  'v.recorded_by_label as recordedBy',
  'v.recorded_at as recordedAt',
] as const;

export type ChronologyScope = { childId: string } | { familyId: string };

/** Where a page of entries starts, and how many it holds. */
export interface EntryWindow {
  offset: number;
  limit: number;
}

/** What the timeline and the page numbers need of every event: a few columns, however long the chronology. */
export interface OutlineEvent {
  id: string;
  occurredOn: string;
  kind: string;
  significance: string;
}

function scopedEvents(db: Db, scope: ChronologyScope, filters: ChronologyFilters) {
  let events = db.selectFrom('case_events as e').innerJoin('case_event_versions as v', 'v.id', 'e.current_version_id');
  events =
    'childId' in scope
      ? events.where('e.id', 'in', (q) => q.selectFrom('case_event_people').select('event_id').where('person_id', '=', scope.childId))
      : events.where('e.family_id', '=', scope.familyId);
  if (filters.kind) events = events.where('v.kind', '=', filters.kind);
  if (filters.agency)
    events = events.where(
      'v.agency',
      'ilike',
      filters.agency.replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  if (filters.significance) events = events.where('v.significance', '=', filters.significance);
  if (filters.from) events = events.where('v.occurred_on', '>=', filters.from);
  if (filters.to) events = events.where('v.occurred_on', '<=', filters.to);
  return events.orderBy('v.occurred_on').orderBy('e.created_at').orderBy('e.id');
}

/** Every event of the chronology (filtered), oldest first, with only what the timeline and page numbers need. */
export async function readOutline(db: Db, scope: ChronologyScope, filters: ChronologyFilters): Promise<OutlineEvent[]> {
  return scopedEvents(db, scope, filters).select(['e.id', 'v.occurred_on as occurredOn', 'v.kind', 'v.significance']).execute();
}

/**
 * The chronology of one child or one family, oldest first, with each entry's corrections, notes and people: all of it,
 * or the `window` a page shows. Four queries whatever its length, each on an index (case_event_people by person,
 * case_events by family), so a 2,000-event chronology costs four index scans and no query per entry.
 */
export async function readChronology(
  db: Db,
  scope: ChronologyScope,
  filters: ChronologyFilters,
  window?: EntryWindow,
): Promise<ChronologyEntry[]> {
  let events = scopedEvents(db, scope, filters).select(['e.id', 'e.versions', ...VERSION_COLUMNS]);
  if (window) events = events.limit(window.limit).offset(window.offset);
  const rows = await events.execute();
  if (rows.length === 0) return [];

  // A page's side rows are asked for by its own ids; the whole chronology's by the same scope again, so that no list
  // of thousands of ids is sent back to the database.
  const pageIds = rows.map((r) => r.id);
  const scopeEvents = (q: Db) =>
    window
      ? q.selectFrom('case_events').select('id as event_id').where('id', 'in', pageIds)
      : 'childId' in scope
        ? q.selectFrom('case_event_people').select('event_id').where('person_id', '=', scope.childId)
        : q.selectFrom('case_events').select('id as event_id').where('family_id', '=', scope.familyId);

  const corrected = rows.some((r) => r.versions > 1);
  const [earlier, notes, people] = await Promise.all([
    corrected
      ? db
          .selectFrom('case_event_versions as v')
          .innerJoin('case_events as e', 'e.id', 'v.event_id')
          .select(['v.event_id', ...VERSION_COLUMNS])
          .where('e.versions', '>', 1)
          .whereRef('v.id', '<>', 'e.current_version_id')
          .where('v.event_id', 'in', scopeEvents(db))
          .orderBy('v.version')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('case_event_notes')
      .select(['event_id', 'author_label as author', 'body', 'written_at as writtenAt'])
      .where('event_id', 'in', scopeEvents(db))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_event_people as ep')
      .innerJoin('case_people as p', 'p.id', 'ep.person_id')
      .select(['ep.event_id', 'p.id', 'p.given_name', 'p.family_name', 'p.kind'])
      .where('ep.event_id', 'in', scopeEvents(db))
      .orderBy('p.kind', 'desc')
      .orderBy('p.given_name')
      .execute(),
  ]);
  const grouped = <R extends { event_id: string }>(list: R[]) => {
    const map = new Map<string, R[]>();
    for (const row of list) map.set(row.event_id, [...(map.get(row.event_id) ?? []), row]);
    return map;
  };
  const earlierOf = grouped(earlier);
  const notesOf = grouped(notes);
  const peopleOf = grouped(people);
  return rows.map(({ versions: _versions, ...row }) => ({
    ...row,
    earlier: (earlierOf.get(row.id) ?? []).map(({ event_id: _e, ...v }) => v),
    notes: (notesOf.get(row.id) ?? []).map(({ event_id: _e, ...n }) => n),
    concerns: (peopleOf.get(row.id) ?? []).map((p) => ({ id: p.id, name: `${p.given_name} ${p.family_name}`, kind: p.kind })),
  }));
}
