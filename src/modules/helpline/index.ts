import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import { adviserHelplineRoutes } from './advisers/routes.js';
import { helplineApiRoutes } from './api.js';
import { familyHelplineRoutes } from './callbacks/routes.js';
import { reportHolidays } from '../../platform/calendar/holidays-command.js';
import { LINE } from './opening-hours/line.js';
import { describeWeeklyHours } from './opening-hours/service.js';
import * as migration from './migrations/2026-11-23-20-helpline.js';
import * as repeatRequests from './migrations/2026-12-03-23-helpline-repeat-requests.js';
import { createHelpline, type Helpline } from './service.js';
import { seedHelplineDemo } from './demo.js';
import { readHelplineSettings } from './settings.js';
import { helplineStaffQueues } from './staff-queues.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The advice line. Other modules may call `status()` to show the number with whether the line is open now. */
    helpline: Helpline;
  }
}

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** The advice line: opening hours, callback requests from families, and the advisers' queue. */
export const helplineModule = defineModule({
  name: 'helpline',
  settings: readHelplineSettings,
  services: (platform, settings) => createHelpline(platform, settings),
  viewsDir,
  migrations: { '2026-11-23-20-helpline': migration, '2026-12-03-23-helpline-repeat-requests': repeatRequests },
  navigation: [{ text: 'Advice line', href: '/advice-line', access: 'public' }],
  staffNavigation: [
    { text: 'Callback queue', href: '/advisers/queue', access: ['adviser'] },
    { text: 'Advice line figures', href: '/advisers/figures', access: ['manager', 'admin'] },
    { text: 'Days the line is closed', href: '/advisers/closures', access: ['manager', 'admin'] },
  ],
  homeSection: {
    heading: 'Talk to an adviser',
    text: `Call our advice line free on ${LINE.number} (${describeWeeklyHours(LINE.weekly).join('; ')}), or ask us to call you back at a time that suits you.`,
    href: '/advice-line',
    linkText: 'Find out about the advice line and whether it is open now',
  },
  jobHandlers: ({ services }) => ({
    'helpline.purge': async () => void (await services.purgeExpired()),
  }),
  commands: {
    // The same report as `hearth holidays`, for a charity that runs the family door without the oversight module.
    'helpline bank-holidays': {
      usage: '',
      summary: 'say how far ahead the bank holidays of England and Wales run; exits 1 under 12 months',
      run: () => reportHolidays(),
    },
  },
  recurringJobs: [{ kind: 'helpline.purge', everySeconds: 24 * 60 * 60 }],
  seedDemo: ({ platform }) => seedHelplineDemo(platform),
  staffQueues: ({ platform }) => helplineStaffQueues(platform.db),
  description: 'Hearth’s advice line for families and kinship carers: when it is open, and how to ask an adviser to call you back.',
  async plugin(app, { services }) {
    app.decorate('helpline', services);
    await app.register(familyHelplineRoutes);
    await app.register(adviserHelplineRoutes);
    await app.register(helplineApiRoutes);
  },
});
