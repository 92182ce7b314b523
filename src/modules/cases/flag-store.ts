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

const keyOf = (flag: { childId: string; rule: string; eventIds: readonly string[] }) =>
  `${flag.childId} ${flag.rule} ${[...flag.eventIds].sort().join(',')}`;

/**
 * Keeps each family's flags as the rules last found them. A flag is recomputed from the whole family's current events
 * in the same transaction as every event written, and daily for all families, because some rules (not-seen-alone) come
 * true with the passing of time alone.
 */
export function createFlagStore(db: Db, rules: FamilyFlagRules) {
  /**
   * The current version of every event of each family, as the rules read them (never the words a worker wrote), for
   * many families in three queries: the daily run reads a council's families 200 at a time.
   */
  async function flagEventsOf(trx: Db, familyIds: readonly string[]) {
    const [children, rows, concerned] = await Promise.all([
      trx.selectFrom('case_people').select(['id', 'family_id']).where('family_id', 'in', familyIds).where('kind', '=', 'child').execute(),
      trx
        .selectFrom('case_events as e')
        .innerJoin('case_event_versions as v', 'v.id', 'e.current_version_id')
        .select(['e.id', 'e.family_id', 'v.kind', 'v.occurred_on', 'v.agency', 'v.significance', 'v.plan_type'])
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
    const families = new Map(familyIds.map((id) => [id, { childIds: [] as string[], events: [] as FlagEvent[] }]));
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
      });
    }
    return families;
  }

  /**
   * Recomputes the flags of some families inside the caller's transaction, rewriting only the families whose flags
   * changed. A flag that still holds keeps the day it was raised.
   */
  async function refreshFamilies(trx: Db, familyIds: readonly string[], today: string): Promise<void> {
    if (familyIds.length === 0) return;
    const [families, stored] = await Promise.all([
      flagEventsOf(trx, familyIds),
      trx
        .selectFrom('case_flags')
        .select(['family_id', 'child_id', 'rule', 'event_ids', 'raised_at'])
        .where('family_id', 'in', familyIds)
        .execute(),
    ]);
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
    if (changed.length === 0) return;
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
  }

  /** Recomputes one family's flags inside the caller's transaction: with every event written. */
  const refreshFamily = (trx: Db, familyId: string, today: string) => refreshFamilies(trx, [familyId], today);

  /** The daily run: every family, 200 to a short transaction, so that the embedded database is never held for long. */
  async function refreshAll(today: string): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let families = 0;
    for (;;) {
      const batch = await db.selectFrom('case_families').select('id').where('id', '>', after).orderBy('id').limit(200).execute();
      if (batch.length === 0) return families;
      await db.transaction().execute((trx) =>
        refreshFamilies(
          trx,
          batch.map((f) => f.id),
          today,
        ),
      );
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
    refreshAll,
    ofChild: (childId: string) => flagsOf('child_id', childId),
    ofFamily: (familyId: string) => flagsOf('family_id', familyId),
  };
}

export type FlagStore = ReturnType<typeof createFlagStore>;
