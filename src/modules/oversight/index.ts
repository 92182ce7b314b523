import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import * as alerts from './alerts/module-part.js';
import { reportHolidays } from './calendar/holidays-command.js';
import * as createOversightTables from './migrations/2026-12-06-30-oversight.js';
import { setNationCommand } from './nations/nation-command.js';
import { createOversight, type Oversight } from './service.js';
import { workingDaysApi } from './working-days/api.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Oversight: this module's own routes and tests reach its services here. */
    oversight: Oversight;
  }
}

/**
 * Management oversight of children's cases (issue 15): statutory timescales counted in working days by the nation's
 * bank holidays, supervision, management decisions and practitioners' challenges. See docs/oversight.md.
 */
export const oversightModule = defineModule<alerts.SettingsWithAlerts, alerts.WithAlerts<Oversight>>({
  name: 'oversight',
  settings: (read) => ({ alerts: alerts.readAlertSettings(read) }),
  services: (platform, settings, contracts) =>
    alerts.withAlerts(createOversight(platform, contracts), platform, settings.alerts, contracts),
  migrations: { '2026-12-06-30-oversight': createOversightTables, ...alerts.ALERT_MIGRATIONS },
  viewsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views'),
  staffNavigation: alerts.ALERT_NAVIGATION,
  staffQueues: ({ services }) => services.alerts.staffQueues(),
  jobHandlers: ({ platform, services }) => alerts.alertJobHandlers(services.alerts, platform.jobs),
  recurringJobs: alerts.ALERT_RECURRING_JOBS,
  childRecordLinks: [alerts.ALERT_RECORD_LINK],
  personalData: alerts.alertsPersonalData,
  seedDemo: ({ platform, services }) => alerts.seedAlertsDemo(platform, services.alerts),
  description: 'Management oversight of children’s cases: timescales, supervision, decisions and challenges.',
  commands: {
    holidays: {
      usage: '',
      summary: 'say how far ahead the bank holidays of England and Wales run; exits 1 under 12 months',
      run: () => reportHolidays(),
    },
    'oversight nation': {
      usage: '<organisation> england|wales',
      summary: 'choose whose guidance and bank holidays an organisation counts timescales by',
      run: (app, { platform, services }, args) => setNationCommand(app, { platform, services, settings: undefined }, args),
    },
  },
  async plugin(app, { services }) {
    app.decorate('oversight', services);
    await app.register(workingDaysApi);
    app.decorate('oversightAlerts', services.alerts);
    await app.register(alerts.alertRoutes);
    await app.register(alerts.alertsApi);
  },
});
