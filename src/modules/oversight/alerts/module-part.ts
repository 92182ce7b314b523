import type { Contracts, ChildRecordLink, PersonalDataHooks } from '../../../platform/modules.js';
import type { JobHandler, RecurringJob } from '../../../platform/jobs.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import type { NavigationItem } from '../../../platform/views.js';
import type { Nation } from '../../../platform/calendar/nations.js';
import * as alertTables from '../migrations/2026-12-06-40-oversight-alerts.js';
import * as alertStamps from '../migrations/2026-12-06-70-alert-stamps.js';
import { createAlerts, type Alerts } from './service.js';
import type { AlertSettings } from './settings.js';

export { alertsApi } from './api.js';
export { alertRoutes } from './routes.js';
export { readAlertSettings } from './settings.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The drift alerts (alerts/service.ts): their routes and tests reach them here. */
    oversightAlerts: Alerts;
  }
}

/**
 * What the drift alerts add to the oversight module (index.ts spreads each into its definition), so that the module's
 * own file gains a few lines rather than the alerts' details.
 */
export const ALERT_MIGRATIONS = {
  '2026-12-06-40-oversight-alerts': alertTables,
  '2026-12-06-70-alert-stamps': alertStamps,
};

export const REFRESH_ALERTS_JOB = 'oversight.refresh-alerts';
export const SEND_DIGESTS_JOB = 'oversight.send-alert-digests';

/** Timescales come true with time alone, so every child is looked at daily; the digest follows each run. */
export const ALERT_RECURRING_JOBS: RecurringJob[] = [{ kind: REFRESH_ALERTS_JOB, everySeconds: 24 * 60 * 60 }];

export function alertJobHandlers(alerts: Alerts, jobs: Services['jobs']): Record<string, JobHandler> {
  return {
    [REFRESH_ALERTS_JOB]: async () => {
      await alerts.refreshAll();
      await jobs.enqueue(SEND_DIGESTS_JOB, { day: londonDay(new Date()) }, { maxAttempts: 3 });
    },
    [SEND_DIGESTS_JOB]: async (payload) => void (await alerts.digest.sendAll(String(payload.day))),
  };
}

export const ALERT_NAVIGATION: NavigationItem[] = [
  { text: 'Drift alerts', href: '/practice/oversight', access: ['practitioner', 'manager', 'analyst'] },
];

export const ALERT_RECORD_LINK: ChildRecordLink = { text: 'Drift alerts', path: 'alerts' };

export function withAlerts<Own extends { nationOf(organisationId: string): Promise<Nation> }>(
  own: Own,
  platform: Services,
  settings: AlertSettings,
  contracts: Contracts,
): Own & { alerts: Alerts } {
  return { ...own, alerts: createAlerts(platform, settings, contracts, own.nationOf) };
}

/** The digests a person was sent (days and counts); the alerts name them only as a child's worker, recomputed daily. */
export const alertsPersonalData: PersonalDataHooks<{ platform: Services }> = {
  export: async ({ platform }, userId) => ({
    'Drift alert digests sent to you': await platform.db
      .selectFrom('oversight_alert_digests')
      .select(['day', 'alerts'])
      .where('user_id', '=', userId)
      .orderBy('day')
      .execute(),
  }),
  async erase({ platform }, userId) {
    await platform.db.deleteFrom('oversight_alert_digests').where('user_id', '=', userId).execute();
    await platform.db.updateTable('oversight_alerts').set({ worker_id: null }).where('worker_id', '=', userId).execute();
  },
};

/** The oversight module's settings and services with the alerts' part in them, to type its definition. */
export type SettingsWithAlerts = { alerts: AlertSettings };
export type WithAlerts<Own> = Own & { alerts: Alerts };

export { seedAlertsDemo } from './demo.js';
