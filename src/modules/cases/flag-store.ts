import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { EventKind, Flag, FlagEvent, FlagRule, PlanType, Significance } from './chronology/event-kinds.js';

/** The pattern rules' entry point (flags/flags.ts `familyFlags`), passed in so that the store is tested on its own. */
export type FamilyFlagRules = (input: { childIds: readonly string[]; events: readonly FlagEvent[]; today: string }) => Flag[];

export interface StoredFlag {
  rule: FlagRule;
  childId: string;
  eventIds: string[];
  explanation: string;
  raisedAt: Date;
}

/** An event as the rules read it, with when it was created, which orders events of the same day as the database does. */
export type StoredEvent = FlagEvent & { createdAt: number };

/** What the rules read of one family: its children, and the current version of its events in date order. */
interface FamilyInputs {
  childIds: string[];
  events: StoredEvent[];
}

/** The family's inputs with one event added or replaced by its new version, in the order the database gives them. */
function withEvent(inputs: FamilyInputs, event: StoredEvent): FamilyInputs {
  const events = inputs.events.filter((e) => e.id !== event.id);
  const after = (e: StoredEvent) => e.occurredOn > event.occurredOn || (e.occurredOn === event.occurredOn && e.createdAt > event.createdAt);
  const at = events.findIndex(after);
  events.splice(at < 0 ? events.length : at, 0, event);
  return { childIds: inputs.childIds, events };
}

const KEPT_FAMILIES = 200;
// About 200 bytes an event: some 20 MB at most.
const KEPT_EVENTS = 100_000;

/** An event as a change to it is told to the flags: whom it concerns and when it was created may be left to what is kept. */
export type ChangedEvent = Omit<StoredEvent, 'childIds' | 'createdAt'> & { childIds?: readonly string[]; createdAt?: number };

/** The kept inputs with the changed event, or nothing when what is kept cannot say all of it (read them again then). */
function withChanged(inputs: FamilyInputs, change: ChangedEvent): FamilyInputs | undefined {
  const earlier = inputs.events.find((e) => e.id === change.id);
  const childIds = change.childIds ?? earlier?.childIds;
  const createdAt = change.createdAt ?? earlier?.createdAt;
  if (!childIds || createdAt === undefined) return undefined;
  // Only children count, as when the events are read: an adult an event concerns is not one of them.
  return withEvent(inputs, { ...change, createdAt, childIds: childIds.filter((id) => inputs.childIds.includes(id)) });
}

const keyOf = (flag: { childId: string; rule: string; eventIds: readonly string[] }) =>
  `${flag.childId} ${flag.rule} ${[...flag.eventIds].sort().join(',')}`;

/**
 * Keeps each family's flags as the rules last found them. A flag is recomputed from the whole family's current events
 * in the same transaction as every event written, and daily for all families, because some rules (not-seen-alone) come
 * true with the passing of time alone.
 */
export function createFlagStore(db: Db, rules: FamilyFlagRules, options: { familiesPerRun?: number } = {}) {
  const familiesPerRun = options.familiesPerRun ?? 200;
  /**
   * The current version of every event of each family, as the rules read them (never the words a worker wrote), for
   * many families in three queries: the daily run reads a council's families a batch at a time.
   */
  async function flagEventsOf(trx: Db, familyIds: readonly string[]) {
    const [children, rows, concerned] = await Promise.all([
      trx.selectFrom('case_people').select(['id', 'family_id']).where('family_id', 'in', familyIds).where('kind', '=', 'child').execute(),
      trx
        .selectFrom('case_events as e')
        .innerJoin('case_event_versions as v', 'v.id', 'e.current_version_id')
        .select(['e.id', 'e.family_id', 'e.created_at', 'v.kind', 'v.occurred_on', 'v.agency', 'v.significance', 'v.plan_type'])
        .where('e.family_id', 'in', familyIds)
        .orderBy('v.occurred_on')
        .orderBy('e.created_at')
        .execute(),
      trx
        .selectFrom('case_event_people as ep')
        .innerJoin('case_people as p', 'p.id', 'ep.person_id')
        .innerJoin('case_events as e', 'e.id', 'ep.event_id')
        .select(['ep.event_id', 'ep.person_id'])
        .where('e.family_id', 'in', familyIds)
        .where('p.kind', '=', 'child')
        .execute(),
    ]);
    const childrenOf = new Map<string, string[]>();
    for (const row of concerned) childrenOf.set(row.event_id, [...(childrenOf.get(row.event_id) ?? []), row.person_id]);
    const families = new Map<string, FamilyInputs>(familyIds.map((id) => [id, { childIds: [], events: [] }]));
    for (const child of children) families.get(child.family_id)!.childIds.push(child.id);
    for (const row of rows) {
      families.get(row.family_id)!.events.push({
        id: row.id,
        kind: row.kind as EventKind,
        occurredOn: row.occurred_on,
        agency: row.agency,
        significance: row.significance as Significance,
        planType: row.plan_type as PlanType | null,
        childIds: childrenOf.get(row.id) ?? [],
        createdAt: new Date(row.created_at).getTime(),
      });
    }
    return families;
  }

  /**
   * Recomputes the flags of some families inside the caller's transaction, rewriting only the families whose flags
   * changed. A flag that still holds keeps the day it was raised.
   */
  async function refreshFamilies(
    trx: Db,
    familyIds: readonly string[],
    today: string,
    known: ReadonlyMap<string, FamilyInputs> = new Map(),
  ): Promise<Map<string, FamilyInputs>> {
    if (familyIds.length === 0) return new Map();
    const unknown = familyIds.filter((id) => !known.has(id));
    const [read, stored] = await Promise.all([
      unknown.length > 0 ? flagEventsOf(trx, unknown) : new Map<string, FamilyInputs>(),
      trx
        .selectFrom('case_flags')
        .select(['family_id', 'child_id', 'rule', 'event_ids', 'raised_at'])
        .where('family_id', 'in', familyIds)
        .execute(),
    ]);
    const families = new Map([...read, ...known]);
    const raisedAt = new Map(
      stored.map((f) => [`${f.family_id} ${keyOf({ childId: f.child_id, rule: f.rule, eventIds: f.event_ids })}`, f.raised_at]),
    );
    const storedCount = new Map<string, number>();
    for (const flag of stored) storedCount.set(flag.family_id, (storedCount.get(flag.family_id) ?? 0) + 1);
    const changed: { familyId: string; found: Flag[] }[] = [];
    for (const [familyId, input] of families) {
      const found = rules({ ...input, today });
      const keys = found.map((flag) => `${familyId} ${keyOf(flag)}`);
      const same =
        (storedCount.get(familyId) ?? 0) === found.length && keys.every((key) => raisedAt.has(key)) && new Set(keys).size === keys.length;
      if (!same) changed.push({ familyId, found });
    }
    if (changed.length === 0) return families;
    await trx
      .deleteFrom('case_flags')
      .where(
        'family_id',
        'in',
        changed.map((c) => c.familyId),
      )
      .execute();
    const rows = changed.flatMap(({ familyId, found }) =>
      found.map((flag) => ({
        family_id: familyId,
        child_id: flag.childId,
        rule: flag.rule,
        event_ids: JSON.stringify(flag.eventIds),
        explanation: flag.explanation,
        raised_at: raisedAt.get(`${familyId} ${keyOf(flag)}`) ?? new Date(),
      })),
    );
    for (let start = 0; start < rows.length; start += 2_000)
      await trx
        .insertInto('case_flags')
        .values(rows.slice(start, start + 2_000))
        .execute();
    return families;
  }

  /** Recomputes one family's flags inside the caller's transaction: with every event written. */
  const refreshFamily = async (trx: Db, familyId: string, today: string) => void (await refreshFamilies(trx, [familyId], today));

  /**
   * Holds the families' rows until the transaction ends, in id order so that two holders never wait on each other
   * crosswise. Every change to what a chronology shows moves its family's stamp, which needs the row: once held, the
   * family's events stay as read, and the flags are worked out from what is really there.
   */
  const holdFamilies = (trx: Db, familyIds: readonly string[]) =>
    trx
      .selectFrom('case_families')
      .select(['id', sql<string>`chronology_stamp::text`.as('stamp')])
      .where('id', 'in', familyIds)
      .orderBy('id')
      .forNoKeyUpdate()
      .execute();

  // Each family's events as last read or written here, under its stamp then: the next change to the family, if nothing
  // else changed it meanwhile, works its flags out without reading every event again.
  const keptInputs = new Map<string, { stamp: string; inputs: FamilyInputs }>();
  let keptEvents = 0;
  function keepInputs(familyId: string, stamp: string, inputs: FamilyInputs) {
    forgetInputs(familyId);
    while (keptInputs.size > 0 && (keptInputs.size >= KEPT_FAMILIES || keptEvents + inputs.events.length > KEPT_EVENTS)) {
      forgetInputs(keptInputs.keys().next().value!);
    }
    keptInputs.set(familyId, { stamp, inputs });
    keptEvents += inputs.events.length;
  }
  function forgetInputs(familyId: string) {
    keptEvents -= keptInputs.get(familyId)?.inputs.events.length ?? 0;
    keptInputs.delete(familyId);
  }

  /**
   * A change to one family's chronology, in a transaction that holds the family first. `work` writes, then calls
   * `refresh` with the event it wrote or corrected, which works out the family's flags again. After the commit (never
   * before: a rolled-back stamp may come round again) the family's events are kept under its new stamp.
   */
  async function changeFamily<T>(
    familyId: string,
    today: string,
    work: (trx: Db, refresh: (event: ChangedEvent) => Promise<void>) => Promise<T>,
    outer?: Db,
  ): Promise<T> {
    let keep: (() => void) | undefined;
    // Inside a caller's transaction (another module's change with its chronology entry), the family is locked there.
    const inTransaction = <R>(run: (trx: Db) => Promise<R>) => (outer ? run(outer) : db.transaction().execute(run));
    const result = await inTransaction(async (trx) => {
      const [held] = await holdFamilies(trx, [familyId]);
      const kept = keptInputs.get(familyId);
      const before = held && kept?.stamp === held.stamp ? kept.inputs : undefined;
      let after: FamilyInputs | undefined;
      const outcome = await work(trx, async (event) => {
        const known = new Map<string, FamilyInputs>();
        const now = before ? withChanged(before, event) : undefined;
        if (now) known.set(familyId, now);
        after = (await refreshFamilies(trx, [familyId], today, known)).get(familyId);
      });
      if (after) {
        const [end] = await holdFamilies(trx, [familyId]);
        const inputs = after;
        // The caller's transaction commits later, or not at all: its stamp is not worth keeping inputs under.
        if (end && !outer) keep = () => keepInputs(familyId, end.stamp, inputs);
      }
      return outcome;
    });
    keep?.();
    return result;
  }

  /**
   * The daily run: every family, a batch to a transaction. On the embedded database a batch is small (200), so that
   * other requests never wait long behind it; on PostgreSQL it is large, because reading a batch's events costs a scan
   * of the event tables whatever its size (measured on 50,000 children: 200 families, 0.24 s of reads; 1,000, 0.9 s).
   */
  async function refreshAll(today: string): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let families = 0;
    for (;;) {
      const batch = await db.selectFrom('case_families').select('id').where('id', '>', after).orderBy('id').limit(familiesPerRun).execute();
      if (batch.length === 0) return families;
      await db.transaction().execute(async (trx) => {
        const ids = batch.map((f) => f.id);
        await holdFamilies(trx, ids);
        await refreshFamilies(trx, ids, today);
      });
      families += batch.length;
      after = batch.at(-1)!.id;
    }
  }

  async function flagsOf(column: 'child_id' | 'family_id', id: string): Promise<StoredFlag[]> {
    const rows = await db
      .selectFrom('case_flags')
      .select(['rule', 'child_id', 'event_ids', 'explanation', 'raised_at'])
      .where(column, '=', id)
      .orderBy('raised_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      rule: r.rule as FlagRule,
      childId: r.child_id,
      eventIds: r.event_ids,
      explanation: r.explanation,
      raisedAt: r.raised_at,
    }));
  }

  return {
    refreshFamily,
    changeFamily,
    refreshAll,
    ofChild: (childId: string) => flagsOf('child_id', childId),
    ofFamily: (familyId: string) => flagsOf('family_id', familyId),
  };
}

export type FlagStore = ReturnType<typeof createFlagStore>;
