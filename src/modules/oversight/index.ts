import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import * as alerts from './alerts/module-part.js';
import { oversightApi } from './api.js';
import { reportHolidays } from '../../platform/calendar/holidays-command.js';
import { childOversightRoutes } from './child/routes.js';
import { oversightStepRoutes } from './child/step-routes.js';
import { seedOversightDemo } from './demo.js';
import * as createOversightTables from './migrations/2026-12-06-30-oversight.js';
import { setNationCommand } from './nations/nation-command.js';
import { teamQueueRoutes } from './queue/routes.js';
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
  jobHandlers: ({ platform, services }) => alerts.alertJobHandlers(services.alerts, platform.jobs),
  recurringJobs: alerts.ALERT_RECURRING_JOBS,
  description: 'Management oversight of children’s cases: timescales, supervision, decisions and challenges.',
  staffNavigation: [
    ...alerts.ALERT_NAVIGATION,
    { text: 'Decisions and challenges waiting', href: '/practice/oversight/decisions', access: ['manager'] },
  ],
  staffQueues: ({ services }) => [...services.alerts.staffQueues(), ...services.staffQueues()],
  childRecordLinks: [alerts.ALERT_RECORD_LINK, { text: 'Oversight: supervision, decisions and challenges', path: 'oversight' }],
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
  seedDemo: async ({ platform, services }) => {
    await seedOversightDemo(platform, services);
    await alerts.seedAlertsDemo(platform, services.alerts);
  },
  personalData: {
    export: async (context, userId) => ({
      ...(await alerts.alertsPersonalData.export(context, userId)),
      ...(await context.services.personalData.exportFor(userId)),
    }),
    erase: async (context, userId) => {
      await alerts.alertsPersonalData.erase(context, userId);
      await context.services.personalData.erase(userId);
    },
  },
  async plugin(app, { services }) {
    app.decorate('oversight', services);
    await app.register(childOversightRoutes);
    await app.register(oversightStepRoutes);
    await app.register(teamQueueRoutes);
    await app.register(workingDaysApi);
    await app.register(oversightApi);
    app.decorate('oversightAlerts', services.alerts);
    await app.register(alerts.alertRoutes);
    await app.register(alerts.alertsApi);
  },
});
