import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyPlugin from 'fastify-plugin';
import type { HearthModule } from '../../platform/modules.js';
import { seedBoardsDemo } from './demo.js';
import * as migration from './migrations/2026-11-23-30-boards.js';
import * as notifyAndRoundUp from './migrations/2026-11-23-41-boards-notify-and-round-up.js';
import * as closingMigration from './migrations/2026-11-23-45-board-closing.js';
import { createPersonalData } from './personal-data/service.js';
import { adminApiRoutes } from './admin/api.js';
import { adminRoutes } from './admin/routes.js';
import { apiRoutes } from './routes-api.js';
import { membershipRoutes } from './membership/routes.js';
import { moderationRoutes } from './moderation/routes.js';
import { postingRoutes } from './posting/routes.js';
import { readingRoutes } from './reading/routes.js';
import { createBoards, type Boards } from './service.js';
import { NOTIFY_JOB, createWatching } from './watching/service.js';

declare module 'fastify' {
  interface FastifyInstance {
    boards: Boards;
  }
}

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** Discussion boards: families supporting each other under pseudonyms, with advisers and moderators. */
export const boardsModule: HearthModule = {
  name: 'boards',
  viewsDir,
  migrations: {
    '2026-11-23-30-boards': migration,
    '2026-11-23-41-boards-notify-and-round-up': notifyAndRoundUp,
    '2026-11-23-45-board-closing': closingMigration,
  },
  navigation: [
    { text: 'Boards', href: '/boards', access: 'public' },
    { text: 'Moderation', href: '/moderation', access: ['moderator', 'admin'] },
    { text: 'Manage boards', href: '/admin/boards', access: ['admin'] },
  ],
  homeSection: {
    heading: 'Talk to families who have been there',
    text: 'Parents and kinship carers support each other on the boards, under a name of their choosing, with advisers and moderators on hand.',
    href: '/boards',
    linkText: 'Go to the boards',
  },
  jobHandlers: (services) => {
    const watching = createWatching(services.db, services.mailer, services.config);
    return {
      [NOTIFY_JOB]: async () => void (await watching.notifyNewPosts()),
      'boards.daily-digest': async () => void (await watching.sendDailyDigests()),
    };
  },
  // Hourly: each daily watch is sent when its own day is up, so people who joined at different times are spread out.
  recurringJobs: [{ kind: 'boards.daily-digest', everySeconds: 60 * 60 }],
  seedDemo: seedBoardsDemo,
  personalData: {
    export: (services, userId) => createPersonalData(services.db).exportFor(userId),
    erase: (services, userId) => createPersonalData(services.db).erase(userId),
  },
  // Not encapsulated, so that `app.boards` is there for other modules' services and for tests.
  plugin: fastifyPlugin(async (app) => {
    app.decorate('boards', createBoards(app.services));
    await app.register(readingRoutes);
    await app.register(postingRoutes);
    await app.register(membershipRoutes);
    await app.register(moderationRoutes);
    await app.register(apiRoutes);
    await app.register(adminRoutes);
    await app.register(adminApiRoutes);
  }),
};
