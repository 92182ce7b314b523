import { sql } from 'kysely';
import type { Contracts } from '../../../platform/modules.js';
import { keptUnderStamp, keptWhileUnchanged } from '../../../platform/db/kept-reads.js';
import { hasRole } from '../../../platform/access.js';
import type { PracticeChild, RefusedReason } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import type { Nation } from '../../../platform/calendar/nations.js';
import { alertClock } from './clock.js';
import { createDigest } from './digest.js';
import { alertsOfChildren, organisationAlertCounts, type StoredAlert } from './queries.js';
import type { AlertRuleId } from './rules/types.js';
import type { AlertSettings } from './settings.js';
import { alertQueues } from './staff-queues.js';
import { createAlertStore } from './store.js';

export interface ChildAlerts {
  child: PracticeChild;
  alerts: StoredAlert[];
}

type Facts = Pick<Contracts, 'practiceRecords' | 'assessmentFacts' | 'planFacts'>;

/**
 * Drift alerts: stored by the daily run, read by the dashboard, the API, the staff queue and the digest. Who may see
 * which child is always the practice records' answer (`heldChildren`, `openChild`), never the stored copy's.
 */
export function createAlerts(
  platform: Services,
  settings: AlertSettings,
  facts: Facts,
  nationOf: (organisationId: string) => Promise<Nation>,
) {
  const { db, audit } = platform;
  const nations = new Map<string, { nation: Nation; at: number }>();
  // The run asks once per organisation and page, not per child; a nation changed by an administrator counts within a minute.
  async function clockFor(organisationId: string, today: string) {
    let known = nations.get(organisationId);
    if (!known || Date.now() - known.at > 60_000) {
      known = { nation: await nationOf(organisationId), at: Date.now() };
      nations.set(organisationId, known);
    }
    return alertClock(known.nation, today, settings.dueSoonDays);
  }
  // PGlite queues every other query behind a transaction; PostgreSQL does not (platform.writes is PGlite's write watch).
  const store = createAlertStore(db, facts, clockFor, { childrenPerPage: platform.writes ? 200 : 2_000 });
  const records = () => facts.practiceRecords();

  /** Of these children, those that have alerts, with them, ordered by the risk of drift (see `byDriftRisk`). */
  async function withAlerts(children: readonly PracticeChild[], rule: AlertRuleId | null): Promise<ChildAlerts[]> {
    const alerts = await alertsOfChildren(
      db,
      children.map((c) => c.id),
      rule,
    );
    const byChild = new Map<string, StoredAlert[]>();
    for (const alert of alerts) byChild.set(alert.childId, [...(byChild.get(alert.childId) ?? []), alert]);
    return children.flatMap((child) => (byChild.has(child.id) ? [{ child, alerts: byChild.get(child.id)! }] : [])).sort(byDriftRisk);
  }

  const heldChildren = async (viewer: Viewer) => (await records()?.heldChildren(viewer)) ?? { stamp: '0', children: [] };

  /** The API's list: every alert of the caller's held children. Reading it is audited. */
  async function list(viewer: Viewer, rule: AlertRuleId | null) {
    const children = await withAlerts((await heldChildren(viewer)).children, rule);
    await auditRead(viewer, 'oversight.alerts-listed', { children: children.length, rule });
    return children.flatMap((c) => c.alerts.map((alert) => ({ ...alert, child: c.child })));
  }

  // A dashboard is read again only when the organisation's caseloads or its stored alerts change (both stamps are
  // moved by the database in the writing transaction); a manager opens it many times a day. Weighed in children.
  const boards = keptUnderStamp<[string, string | null, string | null, boolean], ChildAlerts[]>({
    weightOf: (board) => board.length,
    mostWeight: 100_000,
  });
  // On the embedded database the stamp itself is read again only after a write to the alerts.
  const alertsStamp = keptWhileUnchanged(
    platform.writes,
    { anyWrite: ['oversight_alerts', 'oversight_alert_stamps'] },
    async (organisationId: string) =>
      (
        await db
          .selectFrom('oversight_alert_stamps')
          .select(sql<string>`stamp::text`.as('stamp'))
          .where('organisation_id', '=', organisationId)
          .executeTakeFirst()
      )?.stamp ?? '0',
  );

  /**
   * `/practice/oversight`: a manager's team's children (and their own), a practitioner's own children, each with their
   * alerts; an analyst's organisation as numbers only. Audited as a read either way. `stamp` changes whenever the
   * board could, so a page drawn from it may be kept under it.
   */
  async function dashboard(viewer: Viewer) {
    const { principal } = viewer;
    if (!hasRole(principal, 'practitioner', 'manager')) {
      if (!principal.organisationId) return { kind: 'counts' as const, counts: null };
      const counts = await organisationAlertCounts(db, principal.organisationId);
      await auditRead(viewer, 'oversight.alert-counts-viewed', {});
      return { kind: 'counts' as const, counts };
    }
    const manager = hasRole(principal, 'manager');
    // The alerts' stamp is taken before the held children's list is read, so a board is never older than its stamp.
    const alertsNow = principal.organisationId ? await alertsStamp(principal.organisationId) : '0';
    const held = await heldChildren(viewer);
    const stamp = `${held.stamp}.${alertsNow}`;
    const board: [string, string | null, string | null, boolean] = [principal.id, principal.organisationId, principal.teamId, manager];
    let children = boards.get(board, stamp);
    if (!children) {
      children = await withAlerts(manager ? held.children : held.children.filter((c) => c.workerId === principal.id), null);
      boards.set(board, stamp, children);
    }
    await auditRead(viewer, 'oversight.dashboard-viewed', { children: children.length });
    return { kind: 'children' as const, manager, inTeam: principal.teamId !== null, children, stamp };
  }

  /** One child's alerts, worked out again now (their page was opened): the same access check as the record's. */
  async function ofChild(
    viewer: Viewer,
    childId: string,
  ): Promise<{ ok: true; child: PracticeChild; alerts: StoredAlert[] } | { ok: false; reason: RefusedReason }> {
    const practice = records();
    if (!practice) return { ok: false, reason: 'hidden' };
    const opened = await practice.openChild(viewer, childId);
    if (!opened.ok) return opened;
    await store.refreshChild(opened.child, londonDay(new Date()));
    const alerts = await alertsOfChildren(db, [opened.child.id], null);
    await audit.record({
      actor: viewer.actor,
      action: 'oversight.child-alerts-viewed',
      subjectType: 'child',
      subjectId: opened.child.id,
      organisationId: opened.child.organisationId,
      details: { alerts: alerts.length },
    });
    return { ok: true, child: opened.child, alerts };
  }

  async function auditRead(viewer: Viewer, action: string, details: Record<string, unknown>) {
    await audit.record({ actor: viewer.actor, action, subjectType: 'child', organisationId: viewer.principal.organisationId, details });
  }

  return {
    /** The daily run over every child; answers how many children and alerts. */
    refreshAll: (today = londonDay(new Date())) => store.refreshAll(today),
    /** One child's alerts worked out again and stored, for a service that has just changed what they count from. */
    refreshChild: (child: PracticeChild, today = londonDay(new Date())) => store.refreshChild(child, today),
    list,
    dashboard,
    ofChild,
    digest: createDigest(platform),
    staffQueues: () => alertQueues(db),
    /** The practice records these alerts are about (null while the cases module is off). */
    practiceRecords: records,
  };
}

export type Alerts = ReturnType<typeof createAlerts>;

/**
 * Drift risk, most first: a child with a missed timescale before one with only alerts due soon; then the one whose
 * earliest alert fell due longest ago; then the one with more alerts.
 */
export function byDriftRisk(a: ChildAlerts, b: ChildAlerts): number {
  const missed = (c: ChildAlerts) => c.alerts.some((x) => x.state === 'missed');
  const earliest = (c: ChildAlerts) => c.alerts.reduce((min, x) => (x.dueOn < min ? x.dueOn : min), '9999-12-31');
  return (
    Number(missed(b)) - Number(missed(a)) ||
    earliest(a).localeCompare(earliest(b)) ||
    b.alerts.length - a.alerts.length ||
    a.child.reference.localeCompare(b.child.reference)
  );
}
