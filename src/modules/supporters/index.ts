import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/audit.js';
import { defineModule } from '../../platform/modules.js';
import { seedSupportersDemo } from './demo.js';
import { eventRoutes } from './events/routes.js';
import { REMINDER_JOB } from './events/service.js';
import * as migration from './migrations/2026-11-23-40-supporters.js';
import { newsletterAdminRoutes } from './newsletter/admin-routes.js';
import { SEND_BATCH_JOB } from './newsletter/issues.js';
import { newsletterRoutes } from './newsletter/routes.js';
import { supportersPersonalData } from './personal-data.js';
import { pledgeRoutes } from './pledges/routes.js';
import { createSupporters, readSendingSettings, type Supporters } from './service.js';
import './schema.js';

declare module 'fastify' {
  interface FastifyInstance {
    supporters: Supporters;
  }
}

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/**
 * `hearth newsletter bounce EMAIL…` and `hearth newsletter complaint EMAIL…`: record what the mail provider reported,
 * so that Hearth stops sending to those addresses.
 */
function recordProblems(kind: 'bounce' | 'complaint') {
  return async (app: FastifyInstance, { services: supporters }: { services: Supporters }, args: readonly string[]): Promise<number> => {
    const addresses = args.filter((a) => !a.startsWith('-'));
    if (addresses.length === 0) {
      console.error(`Usage: hearth newsletter ${kind} name@example.org [more addresses]`);
      return 2;
    }
    const { recorded, unknown } = await supporters.subscriptions.recordProblems(systemActor(`hearth newsletter ${kind}`), addresses, kind);
    for (const address of recorded) console.log(`${address}: recorded; no more newsletters will go to it.`);
    for (const address of unknown) console.error(`${address}: not on the newsletter list.`);
    return unknown.length > 0 ? 1 : 0;
  };
}

/** The newsletter, pledges with Gift Aid, and events. */
export const supportersModule = defineModule({
  name: 'supporters',
  settings: readSendingSettings,
  services: (platform, sending, contracts) => createSupporters(platform, sending, { feed: contracts.contentFeed }),
  viewsDir,
  migrations: { '2026-11-23-40-supporters': migration },
  navigation: [
    { text: 'Events', href: '/events', access: 'public' },
    { text: 'Support us', href: '/support', access: 'public' },
  ],
  staffNavigation: [
    { text: 'Newsletters', href: '/admin/newsletter', access: ['editor', 'admin'] },
    { text: 'Manage events', href: '/admin/events', access: ['editor', 'admin'] },
    { text: 'Pledges', href: '/admin/supporters', access: ['admin'] },
  ],
  homeSection: {
    heading: 'Join in and support families',
    text: 'Come to an event such as our virtual lobby of Parliament, get our newsletter, or give to keep our advice free.',
    href: '/events',
    linkText: 'See our events',
  },
  jobHandlers: ({ services: supporters }) => ({
    [SEND_BATCH_JOB]: (payload) => supporters.issues.sendBatch(payload),
    [REMINDER_JOB]: async () => void (await supporters.events.sendReminders()),
  }),
  recurringJobs: [{ kind: REMINDER_JOB, everySeconds: 15 * 60 }],
  commands: {
    'newsletter bounce': {
      usage: 'EMAIL…',
      summary: 'stop newsletters to addresses the mail provider says bounce',
      run: recordProblems('bounce'),
    },
    'newsletter complaint': {
      usage: 'EMAIL…',
      summary: 'stop newsletters to addresses whose owners complained',
      run: recordProblems('complaint'),
    },
  },
  seedDemo: ({ platform }) => seedSupportersDemo(platform),
  personalData: supportersPersonalData,
  description: 'Hearth’s events, newsletter and ways to support the charity’s free advice for families.',
  async plugin(app, { services }) {
    app.decorate('supporters', services);
    await app.register(newsletterRoutes);
    await app.register(newsletterAdminRoutes);
    await app.register(eventRoutes);
    await app.register(pledgeRoutes);
  },
});
