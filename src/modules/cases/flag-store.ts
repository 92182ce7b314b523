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
  /** The current version of every event of the family, as the rules read them: never the words a worker wrote. */
  async function flagEventsOf(trx: Db, familyId: string): Promise<{ childIds: string[]; events: FlagEvent[] }> {
    const children = await trx
      .selectFrom('case_people')
      .select('id')
      .where('family_id', '=', familyId)
      .where('kind', '=', 'child')
      .execute();
    const rows = await trx
      .selectFrom('case_events as e')
      .innerJoin('case_event_versions as v', 'v.id', 'e.current_version_id')
      .select(['e.id', 'v.kind', 'v.occurred_on', 'v.agency', 'v.significance', 'v.plan_type'])
      .where('e.family_id', '=', familyId)
      .orderBy('v.occurred_on')
      .orderBy('e.created_at')
      .execute();
    const concerned = await trx
      .selectFrom('case_event_people as ep')
      .innerJoin('case_people as p', 'p.id', 'ep.person_id')
      .innerJoin('case_events as e', 'e.id', 'ep.event_id')
      .select(['ep.event_id', 'ep.person_id'])
      .where('e.family_id', '=', familyId)
      .where('p.kind', '=', 'child')
      .execute();
    const childrenOf = new Map<string, string[]>();
    for (const row of concerned) childrenOf.set(row.event_id, [...(childrenOf.get(row.event_id) ?? []), row.person_id]);
    return {
      childIds: children.map((c) => c.id),
      events: rows.map((row) => ({
        id: row.id,
        kind: row.kind as EventKind,
        occurredOn: row.occurred_on,
        agency: row.agency,
        significance: row.significance as Significance,
        planType: row.plan_type as PlanType | null,
        childIds: childrenOf.get(row.id) ?? [],
      })),
    };
  }

  /** Recomputes one family's flags inside the caller's transaction. A flag that still holds keeps the day it was raised. */
  async function refreshFamily(trx: Db, familyId: string, today: string): Promise<void> {
    const found = rules({ ...(await flagEventsOf(trx, familyId)), today });
    const stored = await trx
      .selectFrom('case_flags')
      .select(['child_id', 'rule', 'event_ids', 'raised_at'])
      .where('family_id', '=', familyId)
      .execute();
    const raisedAt = new Map(stored.map((f) => [keyOf({ childId: f.child_id, rule: f.rule, eventIds: f.event_ids }), f.raised_at]));
    const unchanged =
      stored.length === found.length && found.every((flag) => raisedAt.has(keyOf(flag))) && new Set(found.map(keyOf)).size === found.length;
    if (unchanged) return;
    await trx.deleteFrom('case_flags').where('family_id', '=', familyId).execute();
    if (found.length === 0) return;
    await trx
      .insertInto('case_flags')
      .values(
        found.map((flag) => ({
          family_id: familyId,
          child_id: flag.childId,
          rule: flag.rule,
          event_ids: JSON.stringify(flag.eventIds),
          explanation: flag.explanation,
          raised_at: raisedAt.get(keyOf(flag)) ?? new Date(),
        })),
      )
      .execute();
  }

  /** The daily run: every family, each in a short transaction of its own so that PGlite never waits long. */
  async function refreshAll(today: string): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let families = 0;
    for (;;) {
      const batch = await db.selectFrom('case_families').select('id').where('id', '>', after).orderBy('id').limit(200).execute();
      if (batch.length === 0) return families;
      for (const { id } of batch) await db.transaction().execute((trx) => refreshFamily(trx, id, today));
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
