import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import { seedBoardsDemo } from './demo.js';
import * as migration from './migrations/2026-11-23-30-boards.js';
import * as notifyAndRoundUp from './migrations/2026-11-23-41-boards-notify-and-round-up.js';
import * as closingMigration from './migrations/2026-11-23-45-board-closing.js';
import * as postEdits from './migrations/2026-12-03-22-board-post-edits.js';
import { adminApiRoutes } from './admin/api.js';
import { adminRoutes } from './admin/routes.js';
import { membershipApiRoutes } from './membership/api.js';
import { membershipRoutes } from './membership/routes.js';
import { moderationApiRoutes } from './moderation/api.js';
import { moderationRoutes } from './moderation/routes.js';
import { postingApiRoutes } from './posting/api.js';
import { postingRoutes } from './posting/routes.js';
import { readingApiRoutes } from './reading/api.js';
import { readingRoutes } from './reading/routes.js';
import { watchingApiRoutes } from './watching/api.js';
import { createBoards, type Boards } from './service.js';
import { readBoardsSettings } from './settings.js';
import { NOTIFY_JOB } from './watching/service.js';
import { boardsStaffQueues } from './staff-queues.js';
import * as staffQueuesMigration from './migrations/2026-12-03-11-boards-staff-queues.js';

declare module 'fastify' {
  interface FastifyInstance {
    boards: Boards;
  }
}

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** Discussion boards: families supporting each other under pseudonyms, with advisers and moderators. */
export const boardsModule = defineModule({
  name: 'boards',
  settings: readBoardsSettings,
  services: (platform, settings) => createBoards(platform, settings),
  viewsDir,
  migrations: {
    '2026-11-23-30-boards': migration,
    '2026-11-23-41-boards-notify-and-round-up': notifyAndRoundUp,
    '2026-11-23-45-board-closing': closingMigration,
    '2026-12-03-11-boards-staff-queues': staffQueuesMigration,
    '2026-12-03-22-board-post-edits': postEdits,
  },
  navigation: [{ text: 'Boards', href: '/boards', access: 'public' }],
  staffNavigation: [
    { text: 'Moderation', href: '/moderation', access: ['moderator', 'admin'] },
    { text: 'Manage boards', href: '/admin/boards', access: ['admin'] },
  ],
  homeSection: {
    heading: 'Talk to families who have been there',
    text: 'Parents and kinship carers support each other on the boards, under a name of their choosing, with advisers and moderators on hand.',
    href: '/boards',
    linkText: 'Go to the boards',
  },
  jobHandlers: ({ services: { watching } }) => ({
    [NOTIFY_JOB]: async () => void (await watching.notifyNewPosts()),
    'boards.daily-digest': async () => void (await watching.sendDailyDigests()),
  }),
  // Hourly: each daily watch is sent when its own day is up, so people who joined at different times are spread out.
  recurringJobs: [{ kind: 'boards.daily-digest', everySeconds: 60 * 60 }],
  seedDemo: ({ platform }) => seedBoardsDemo(platform),
  personalData: {
    export: ({ services }, userId) => services.personalData.exportFor(userId),
    erase: ({ services }, userId) => services.personalData.erase(userId),
  },
  staffQueues: ({ platform }) => boardsStaffQueues(platform.db),
  description: 'Hearth’s discussion boards: parents and kinship carers support each other under pseudonyms, with advisers and moderators.',
  async plugin(app, { services }) {
    // On the app, for the routes and the tests: the one set built for this process.
    app.decorate('boards', services);
    await app.register(readingRoutes);
    await app.register(postingRoutes);
    await app.register(membershipRoutes);
    await app.register(moderationRoutes);
    await app.register(readingApiRoutes);
    await app.register(postingApiRoutes);
    await app.register(membershipApiRoutes);
    await app.register(watchingApiRoutes);
    await app.register(moderationApiRoutes);
    await app.register(adminRoutes);
    await app.register(adminApiRoutes);
  },
});
