import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyPlugin from 'fastify-plugin';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { HearthModule } from '../../platform/modules.js';
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

/** The family hub's publishing system: advice sheets, FAQs, posts, films, news, policy, guides and pages. */
export const contentModule: HearthModule = {
  name: 'content',
  viewsDir,
  migrations: {
    '2026-11-23-20-content': migration,
    '2026-11-23-50-content-search': searchMigration,
    '2026-12-03-20-advice-sheet-sources': sourcesMigration,
  },
  navigation: [
    { text: 'Advice', href: '/advice', access: 'public' },
    { text: 'News', href: '/news', access: 'public' },
    { text: 'Search', href: '/search', access: 'public' },
    { text: 'Manage content', href: '/admin/content', access: ['editor', 'admin'] },
  ],
  jobHandlers: (services) => ({
    // The job runs in whichever process claims it, so it builds its own workflow from the shared services. The page
    // cache of every instance notices the new generation within its poll interval.
    [SCHEDULED_PUBLISH_JOB]: async (payload) => {
      const { db, audit, jobs } = services;
      const workflow = createContentWorkflow(db, audit, jobs, {
        secondApproval: true,
        onPublicChange: () => bumpPageCache(services.db),
      });
      await workflow.publishScheduled(payload);
    },
  }),
  seedDemo: seedDemoContent,
  personalData: contentPersonalData,
  // Not encapsulated: `app.content` serves the API, and `app.contentFeed` and `app.homeComposer` serve other modules.
  plugin: fastifyPlugin(async (app) => {
    const { db, audit, jobs } = app.services;
    const reading = createReading(db);
    const workflow = createContentWorkflow(db, audit, jobs, {
      secondApproval: app.config.contentSecondApproval,
      onPublicChange: () => app.pageCache.invalidate(),
    });
    const home = createHomeSections(db, reading);
    const settings = app.config.uploadStore;
    const store = settings.kind === 's3' ? s3UploadStore(settings) : directoryStore(path.join(app.config.dataDir, 'uploads'));
    const uploads = createUploads(db, audit, store);
    app.decorate('content', { workflow, reading, search: createSearch(db), pdfs: createPdfs(db, app.config.baseUrl), home, uploads });
    app.contentFeed = reading.contentFeed;
    app.homeComposer = home.compose;
    await app.register(readingRoutes);
    await app.register(searchRoutes);
    await app.register(feedRoutes);
    await app.register(adminContentRoutes);
    await app.register(homeAdminRoutes);
    await app.register(contentApiRoutes);
    await app.register(uploadRoutes);
  }),
};

/** The same bump `pageCache.invalidate()` makes, for a worker process that has no page cache of its own. */
async function bumpPageCache(db: Db) {
  await db
    .insertInto('cache_generations')
    .values({ name: 'pages', generation: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ generation: sql`cache_generations.generation + 1`, changed_at: new Date() }))
    .execute();
}
