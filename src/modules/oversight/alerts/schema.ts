import type { ColumnType } from 'kysely';
import type { AlertRuleId, AlertState } from './rules/types.js';

/**
 * Drift alerts as last computed (the daily run, or one child when their alerts page is opened), so that the dashboard,
 * the API, the staff queue and the digest read them without recomputing. The child's organisation, team, worker,
 * reference and initials are copied from the practice records at each computation: the dashboard and the API still ask
 * the records who may see which child, and these copies only place an alert in a queue or a digest.
 */
export interface OversightAlertsTable {
  child_id: string;
  rule: AlertRuleId;
  state: AlertState;
  /** YYYY-MM-DD, London. */
  due_on: string;
  reason: string;
  organisation_id: string;
  team_id: string;
  worker_id: string | null;
  child_reference: string;
  child_initials: string;
  computed_on: string;
}

/** One digest a person was sent on a day: at most one a day, whatever runs the job twice. */
export interface OversightAlertDigestsTable {
  user_id: string;
  day: string;
  alerts: number;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Moves with every change to an organisation's stored alerts (the alert-stamps migration). */
export interface OversightAlertStampsTable {
  organisation_id: string;
  stamp: ColumnType<string, never, never>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    oversight_alerts: OversightAlertsTable;
    oversight_alert_digests: OversightAlertDigestsTable;
    oversight_alert_stamps: OversightAlertStampsTable;
  }
}
