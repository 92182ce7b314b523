import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Contracts } from '../../../platform/modules.js';
import type { AssessmentFact, PlanFact } from '../../../platform/practice/drift-facts.js';
import type { PracticeChild, PracticeEventFact } from '../../../platform/practice/records.js';
import { alertsOf } from './rules/index.js';
import { type Alert, type AlertClock, DRIFT_EVENT_KINDS } from './rules/types.js';

/** The clock of the nation an organisation counts by, on a day. */
export type ClockFor = (organisationId: string, today: string) => Promise<AlertClock>;

type Facts = Pick<Contracts, 'practiceRecords' | 'assessmentFacts' | 'planFacts'>;

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** The children whose stored alerts a write replaces: a page of the daily run (to the end when `through` is null), or one. */
type Range = { after: string; through: string | null } | { only: string };

// The daily run's page and one child's recomputation may write the same child at once: the later write wins, rather
// than either failing on the primary key.
const LATEST = sql`state = excluded.state, due_on = excluded.due_on, reason = excluded.reason, organisation_id = excluded.organisation_id,
  team_id = excluded.team_id, worker_id = excluded.worker_id, child_reference = excluded.child_reference,
  child_initials = excluded.child_initials, computed_on = excluded.computed_on`;

/**
 * Alerts as last computed. The daily run takes every child a page at a time through the practice records, reads the
 * page's facts in three queries (events, assessments, plans), works each child's alerts out in memory, and replaces the
 * page's rows in one transaction: a page is all or nothing, and a child who has left the records loses their rows with
 * the page whose range they fell in.
 */
export function createAlertStore(db: Db, facts: Facts, clockFor: ClockFor, options: { childrenPerPage: number }) {
  async function alertsOfChildren(children: readonly PracticeChild[], today: string): Promise<Alert[]> {
    const records = facts.practiceRecords();
    if (!records || children.length === 0) return [];
    const ids = children.map((c) => c.id);
    const assessmentFacts = facts.assessmentFacts();
    const planFacts = facts.planFacts();
    const events = byChild(await records.eventsOf(ids, DRIFT_EVENT_KINDS));
    const assessments = assessmentFacts && byChild(await assessmentFacts(ids));
    const plans = planFacts && byChild(await planFacts(ids));
    const alerts: Alert[] = [];
    for (const child of children) {
      const clock = await clockFor(child.organisationId, today);
      const childFacts = {
        childId: child.id,
        events: events.get(child.id) ?? [],
        assessments: assessments && (assessments.get(child.id) ?? []),
        plans: plans && (plans.get(child.id) ?? []),
      };
      alerts.push(...alertsOf(childFacts, clock));
    }
    return alerts;
  }

  /**
   * Replaces the stored alerts of the children whose ids are in (after, through], or of one child: the page or the
   * child just computed, in one transaction.
   */
  async function replace(children: readonly PracticeChild[], alerts: readonly Alert[], range: Range, today: string) {
    const child = new Map(children.map((c) => [c.id, c]));
    const rows = alerts.map((a) => ({ ...a, child: child.get(a.childId)! }));
    await db.transaction().execute(async (trx) => {
      let deletion = trx.deleteFrom('oversight_alerts');
      deletion = 'only' in range ? deletion.where('child_id', '=', range.only) : deletion.where('child_id', '>', range.after);
      if ('through' in range && range.through !== null) deletion = deletion.where('child_id', '<=', range.through);
      await deletion.execute();
      if (rows.length === 0) return;
      // One statement a page whatever its size: each column goes as one array, and unnest turns them back into rows.
      const column = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
      await sql`insert into oversight_alerts (child_id, rule, state, due_on, reason, organisation_id, team_id, worker_id,
          child_reference, child_initials, computed_on)
        select * from unnest(${column((r) => r.childId)}::uuid[], ${column((r) => r.rule)}::text[], ${column((r) => r.state)}::text[],
          ${column((r) => r.dueOn)}::text[], ${column((r) => r.reason)}::text[], ${column((r) => r.child.organisationId)}::uuid[],
          ${column((r) => r.child.teamId)}::uuid[], ${column((r) => r.child.workerId)}::uuid[], ${column((r) => r.child.reference)}::text[],
          ${column((r) => initialsOf(r.child))}::text[], ${column(() => today)}::text[])
        on conflict (child_id, rule) do update set ${LATEST}`.execute(trx);
    });
  }

  /** The daily run: every child of every organisation. Answers how many children and alerts there were. */
  async function refreshAll(today: string): Promise<{ children: number; alerts: number }> {
    const records = facts.practiceRecords();
    if (!records) return { children: 0, alerts: 0 };
    let after = FIRST_ID;
    let total = { children: 0, alerts: 0 };
    for (;;) {
      const page = await records.childrenAfter(after === FIRST_ID ? null : after, options.childrenPerPage);
      const last = page.length < options.childrenPerPage;
      const alerts = await alertsOfChildren(page, today);
      // The last page reaches to the end of the ids, so that rows of children who have gone are deleted too.
      await replace(page, alerts, { after, through: last ? null : page.at(-1)!.id }, today);
      total = { children: total.children + page.length, alerts: total.alerts + alerts.length };
      if (last) return total;
      after = page.at(-1)!.id;
    }
  }

  /** One child's alerts worked out again now, and stored: when their alerts page is opened, or on demand. */
  async function refreshChild(child: PracticeChild, today: string): Promise<Alert[]> {
    const alerts = await alertsOfChildren([child], today);
    await replace([child], alerts, { only: child.id }, today);
    return alerts;
  }

  return { refreshAll, refreshChild };
}

export type AlertStore = ReturnType<typeof createAlertStore>;

/** "P. T.": enough for a worker to know which child a digest means, beside the reference, without naming them. */
export const initialsOf = (child: Pick<PracticeChild, 'givenName' | 'familyName'>) =>
  `${child.givenName.trim().charAt(0)}. ${child.familyName.trim().charAt(0)}.`.toUpperCase();

function byChild<T extends PracticeEventFact | AssessmentFact | PlanFact>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.childId);
    if (list) list.push(row);
    else map.set(row.childId, [row]);
  }
  return map;
}
