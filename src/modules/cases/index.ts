import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import { casesApi } from './api.js';
import { exportRoutes } from './chronology/export-routes.js';
import { chronologyRoutes } from './chronology/routes.js';
import { seedCasesDemo } from './demo.js';
import { familyFlags } from './flags/flags.js';
import * as createCaseTables from './migrations/2026-12-05-10-cases.js';
import * as chronologyStamp from './migrations/2026-12-05-20-chronology-stamp.js';
import * as rosterStamp from './migrations/2026-12-06-60-roster-stamp.js';
import { practiceRoutes } from './practice/routes.js';
import { practiceRecordsOf } from './practice-records.js';
import { createCases, type Cases } from './service.js';
import { readCasesSettings } from './settings.js';
import { importCommand } from './import/import-command.js';
import { generateCommand } from './synthetic/generate-command.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The practice door's records: this module's own routes and tests reach its services here. */
    cases: Cases;
  }
}

export const FLAGS_REFRESH_JOB = 'cases.refresh-flags';

/**
 * The practice door's records: children, families and a chronology that points out repeated neglect by itself
 * (issue 14). See docs/practice.md.
 */
export const casesModule = defineModule({
  name: 'cases',
  settings: readCasesSettings,
  services: (platform, settings) => createCases(platform, settings, familyFlags),
  viewsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views'),
  migrations: {
    '2026-12-05-10-cases': createCaseTables,
    '2026-12-05-20-chronology-stamp': chronologyStamp,
    '2026-12-06-60-roster-stamp': rosterStamp,
  },
  description: 'Children’s records and chronologies for a local authority’s social workers.',
  staffNavigation: [{ text: 'Your caseload', href: '/practice', access: ['practitioner', 'manager', 'analyst'] }],
  staffQueues: ({ services }) => services.staffQueues(),
  commands: {
    generate: {
      usage: '--children N',
      summary: 'write a plainly synthetic authority of N children into the practice records',
      run: generateCommand(familyFlags),
    },
    'practice import': {
      usage: '<dir> --team NAME',
      summary: 'import people, families, CIN episodes and chronologies from CSV, all or nothing',
      run: importCommand(familyFlags),
    },
  },
  // Some flags come true with time alone (no seen-alone visit in the last 4 weeks), so every family is looked at daily.
  jobHandlers: ({ services }) => ({ [FLAGS_REFRESH_JOB]: async () => void (await services.refreshAllFlags()) }),
  recurringJobs: [{ kind: FLAGS_REFRESH_JOB, everySeconds: 24 * 60 * 60 }],
  seedDemo: ({ platform }) => seedCasesDemo(platform),
  provides: { practiceRecords: ({ platform, services }) => practiceRecordsOf(platform.db, platform.writes, services) },
  personalData: {
    export: async ({ services }, userId) => ({ 'What you wrote in children’s chronologies': await services.writtenBy(userId) }),
    erase: ({ services }, userId) => services.forgetAuthor(userId),
  },
  async plugin(app, { services }) {
    app.decorate('cases', services);
    await app.register(practiceRoutes);
    await app.register(chronologyRoutes);
    await app.register(exportRoutes);
    await app.register(casesApi);
  },
});
