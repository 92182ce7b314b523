import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import { plansApi } from './api.js';
import { contentsRoutes } from './contents/routes.js';
import { seedPlansDemo } from './demo.js';
import { dueRoutes } from './due/routes.js';
import { lifecycleRoutes } from './lifecycle/routes.js';
import * as createPlanTables from './migrations/2026-12-06-20-plans.js';
import { progressRoutes } from './progress/routes.js';
import { createPlans, type Plans } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Early help, child in need and child protection plans: this module's own routes and tests reach its services here. */
    plans: Plans;
  }
}

/**
 * Early help, child in need and child protection plans (issue 15): outcomes in plain words, actions with an owner and a
 * due date, core groups, review conferences and each action's progress at each review, so that partial compliance
 * shows as a pattern. See docs/plans.md.
 */
export const plansModule = defineModule<undefined, Plans>({
  name: 'plans',
  services: (platform, _settings, contracts) => createPlans(platform, contracts),
  viewsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views'),
  migrations: { '2026-12-06-20-plans': createPlanTables },
  description: 'Early help, child in need and child protection plans, and how each action is going.',
  staffNavigation: [{ text: 'Plan reviews due', href: '/practice/plans/reviews-due', access: ['practitioner', 'manager'] }],
  staffQueues: ({ services }) => services.staffQueues(),
  childRecordLinks: [{ text: 'Plans', path: 'plans' }],
  seedDemo: ({ platform, services }) => seedPlansDemo(platform, services),
  provides: { planFacts: ({ services }) => services.facts },
  personalData: {
    export: async ({ services }, userId) => ({ 'What you recorded in children’s plans': await services.writtenBy(userId) }),
    erase: ({ services }, userId) => services.forgetAuthor(userId),
  },
  async plugin(app, { services }) {
    app.decorate('plans', services);
    await app.register(lifecycleRoutes);
    await app.register(contentsRoutes);
    await app.register(progressRoutes);
    await app.register(plansApi);
    await app.register(dueRoutes);
  },
});
