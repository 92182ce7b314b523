import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule, type Contracts } from '../../platform/modules.js';
import type { Services } from '../../platform/services.js';
import { adminContentRoutes } from './publishing/routes.js';
import { contentApiRoutes } from './api.js';
import { seedDemoContent } from './demo/seed.js';
import { feedRoutes } from './reading/feeds.js';
import { homeAdminRoutes } from './home-page/routes.js';
import { createHomeSections, type HomeSections } from './home-page/service.js';
import * as migration from './migrations/2026-11-23-20-content.js';
import * as searchMigration from './migrations/2026-11-23-50-content-search.js';
import * as sourcesMigration from './migrations/2026-12-03-20-advice-sheet-sources.js';
import { createPdfs, type Pdfs } from './reading/pdf.js';
import { readingRoutes } from './reading/routes.js';
import { createReading, type Reading } from './reading/service.js';
import { contentPersonalData } from './personal-data.js';
import { searchRoutes } from './search/routes.js';
import { createSearch, type Search } from './search/service.js';
import { uploadRoutes } from './uploads/routes.js';
import { s3UploadStore } from './uploads/s3-store.js';
import { directoryStore } from './uploads/store.js';
import { createUploads, type Uploads } from './uploads/service.js';
import { createContentWorkflow, SCHEDULED_PUBLISH_JOB, type ContentWorkflow } from './publishing/service.js';
import { readContentSettings, type ContentSettings } from './settings.js';
import * as staffQueuesMigration from './migrations/2026-12-03-12-content-staff-queues.js';
import { contentStaffQueues } from './staff-queues.js';

export interface ContentServices {
  workflow: ContentWorkflow;
  reading: Reading;
  search: Search;
  pdfs: Pdfs;
  home: HomeSections;
  uploads: Uploads;
}

declare module 'fastify' {
  interface FastifyInstance {
    content: ContentServices;
  }
}

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** Every service of the content module, built once per process. */
function createContent(platform: Services, settings: ContentSettings, contracts: Contracts): ContentServices {
  const { db, audit, jobs, config } = platform;
  const reading = createReading(db);
  const store =
    settings.uploadStore.kind === 's3' ? s3UploadStore(settings.uploadStore) : directoryStore(path.join(config.dataDir, 'uploads'));
  return {
    reading,
    // Publishing empties every instance's page cache: at once in a web process, within a poll in the others.
    workflow: createContentWorkflow(db, audit, jobs, {
      secondApproval: settings.secondApproval,
      onPublicChange: contracts.invalidatePublicPages,
    }),
    search: createSearch(db),
    pdfs: createPdfs(db, config.baseUrl),
    home: createHomeSections(db, audit, reading),
    uploads: createUploads(db, audit, store),
  };
}

/** The family hub's publishing system: advice sheets, FAQs, posts, films, news, policy, guides and pages. */
export const contentModule = defineModule<ContentSettings, ContentServices>({
  name: 'content',
  settings: readContentSettings,
  services: (platform, settings, contracts) => createContent(platform, settings, contracts),
  viewsDir,
  migrations: {
    '2026-11-23-20-content': migration,
    '2026-11-23-50-content-search': searchMigration,
    '2026-12-03-12-content-staff-queues': staffQueuesMigration,
    '2026-12-03-20-advice-sheet-sources': sourcesMigration,
  },
  navigation: [
    { text: 'Advice', href: '/advice', access: 'public' },
    { text: 'News', href: '/news', access: 'public' },
    { text: 'Search', href: '/search', access: 'public' },
  ],
  staffNavigation: [{ text: 'Manage content', href: '/admin/content', access: ['editor', 'admin'] }],
  jobHandlers: ({ services }) => ({
    [SCHEDULED_PUBLISH_JOB]: (payload) => services.workflow.publishScheduled(payload),
  }),
  seedDemo: ({ platform }) => seedDemoContent(platform),
  personalData: contentPersonalData,
  staffQueues: ({ platform }) => contentStaffQueues(platform.db),
  description:
    'Hearth’s advice for families involved with children’s services and for kinship carers: advice sheets, answers, news and stories.',
  provides: {
    contentFeed: ({ services }) => services.reading.contentFeed,
    homeComposer: ({ services }) => services.home.compose,
  },
  async plugin(app, { services }) {
    app.decorate('content', services);
    await app.register(readingRoutes);
    await app.register(searchRoutes);
    await app.register(feedRoutes);
    await app.register(adminContentRoutes);
    await app.register(homeAdminRoutes);
    await app.register(contentApiRoutes);
    await app.register(uploadRoutes);
  },
});
