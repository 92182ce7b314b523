import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { AlertRuleId, AlertState } from './rules/types.js';

export interface StoredAlert {
  childId: string;
  rule: AlertRuleId;
  state: AlertState;
  dueOn: string;
  reason: string;
}

/** The stored alerts of these children, most urgent first: missed before due soon, then the earliest day. */
export async function alertsOfChildren(db: Db, childIds: readonly string[], rule: AlertRuleId | null): Promise<StoredAlert[]> {
  if (childIds.length === 0) return [];
  return db
    .selectFrom('oversight_alerts')
    .select(['child_id as childId', 'rule', 'state', 'due_on as dueOn', 'reason'])
    .where(sql<boolean>`child_id = any(${[...childIds]}::uuid[])`)
    .$if(rule !== null, (q) => q.where('rule', '=', rule!))
    .orderBy(sql`state = 'missed'`, 'desc')
    .orderBy('due_on')
    .orderBy('rule')
    .execute();
}

/** An organisation's alerts as numbers only, for analysts: children and alerts by rule and state. */
export async function organisationAlertCounts(db: Db, organisationId: string) {
  const byRule = await db
    .selectFrom('oversight_alerts')
    .select(['rule', 'state', sql<number>`count(*)::int`.as('alerts')])
    .where('organisation_id', '=', organisationId)
    .groupBy(['rule', 'state'])
    .orderBy('rule')
    .orderBy('state')
    .execute();
  const { children } = await db
    .selectFrom('oversight_alerts')
    .select(sql<number>`count(distinct child_id)::int`.as('children'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return { children, byRule };
}
