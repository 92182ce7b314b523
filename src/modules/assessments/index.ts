import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import { assessmentsApi } from './api.js';
import { decisionRoutes } from './decision/routes.js';
import { seedAssessmentsDemo } from './demo.js';
import { loadFrameworkCommand } from './framework/load-command.js';
import { historyRoutes } from './history/routes.js';
import * as createAssessmentTables from './migrations/2026-12-06-10-assessments.js';
import { recordingRoutes } from './recording/routes.js';
import { createAssessments, type Assessments } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Assessments of children's needs: this module's own routes and tests reach its services here. */
    assessments: Assessments;
  }
}

/**
 * The practice door's assessment (issue 15): a child's needs graded with evidence, the child's own words and the
 * parents' view, and the family's circumstances kept apart and met with support. See docs/assessments.md.
 */
export const assessmentsModule = defineModule<undefined, Assessments>({
  name: 'assessments',
  services: (platform, _settings, contracts) => createAssessments(platform, contracts),
  viewsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views'),
  migrations: { '2026-12-06-10-assessments': createAssessmentTables },
  description: 'Assessments of children’s needs, with the family’s circumstances kept apart.',
  staffNavigation: [{ text: 'Assessments to authorise', href: '/practice/assessments/awaiting', access: ['manager'] }],
  staffQueues: ({ services }) => services.staffQueues(),
  childRecordLinks: [{ text: 'Assessments', path: 'assessments' }],
  commands: {
    'assessments load-framework': {
      usage: '<file.json> --organisation NAME',
      summary: 'check an assessment framework and load it as the organisation’s next version',
      run: loadFrameworkCommand,
    },
  },
  seedDemo: ({ platform, services }) => seedAssessmentsDemo(platform, services),
  provides: { assessmentFacts: ({ services }) => services.facts },
  personalData: {
    export: async ({ services }, userId) => ({ 'Assessments you started or authorised': await services.writtenBy(userId) }),
    erase: ({ services }, userId) => services.forgetAuthor(userId),
  },
  async plugin(app, { services }) {
    app.decorate('assessments', services);
    await app.register(historyRoutes);
    await app.register(recordingRoutes);
    await app.register(decisionRoutes);
    await app.register(assessmentsApi);
  },
});
