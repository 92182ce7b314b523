import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import { noticesApi } from './api.js';
import * as createNoticesTable from './migrations/2026-12-04-10-notices.js';
import { noticeRoutes } from './routes.js';
import { createNotices, type Notices } from './service.js';
import { readNoticesSettings } from './settings.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Team notices: this module's own routes and tests reach its services here. */
    notices: Notices;
  }
}

/**
 * The module template: a complete, small module written the way every Hearth module is (docs/architecture.md, "The
 * module recipe"). Hearth does not ship it: it is not in src/modules/index.ts, and
 * tests/integration/module-template.test.ts loads it beside the real modules. Copy the folder to start a new module.
 */
export const noticesModule = defineModule({
  name: 'notices',
  settings: readNoticesSettings,
  services: (platform, settings) => createNotices(platform, settings),
  viewsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views'),
  migrations: { '2026-12-04-10-notices': createNoticesTable },
  staffNavigation: [{ text: 'Team notices', href: '/notices', access: ['practitioner', 'manager'] }],
  staffQueues: ({ services }) => services.staffQueues(),
  description: 'Notices for a team of social workers and their managers.',
  personalData: {
    export: async ({ services }, userId) => ({ 'Team notices you wrote': await services.writtenBy(userId) }),
    erase: ({ services }, userId) => services.forgetAuthor(userId),
  },
  async plugin(app, { services }) {
    app.decorate('notices', services);
    await app.register(noticeRoutes);
    await app.register(noticesApi);
  },
});
