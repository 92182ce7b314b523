import type { ContentFeed } from '../../platform/content-feed.js';
import type { Services } from '../../platform/services.js';
import type { SettingsReader } from '../../platform/settings.js';
import { createEvents } from './events/service.js';
import { createIssues, type SendingSettings } from './newsletter/issues.js';
import { createSubscriptions } from './newsletter/subscriptions.js';
import { manualProvider, type PaymentProvider } from './pledges/payment-providers.js';
import { createPledges } from './pledges/service.js';

/** Sending settings from the environment; see docs/supporters.md. */
export function readSendingSettings(read: SettingsReader): SendingSettings {
  return {
    ratePerMinute: read.integer('NEWSLETTER_RATE_PER_MINUTE', 600, 1, 10_000_000),
    batchSize: read.integer('NEWSLETTER_BATCH_SIZE', 100, 1, 5000),
  };
}

/** Every service of the module, built once per process from the platform's. */
export function createSupporters(
  services: Services,
  sending: SendingSettings,
  options: { feed?: () => ContentFeed | null; provider?: PaymentProvider } = {},
) {
  const { db, mailer, audit, jobs, config } = services;
  const baseUrl = config.baseUrl;
  const subscriptions = createSubscriptions(db, audit, mailer, { baseUrl, secrets: [config.secret, ...config.previousSecrets] });
  const issues = createIssues({ db, jobs, mailer, audit, subscriptions, baseUrl, sending, feed: options.feed ?? (() => null) });
  const events = createEvents({ db, mailer, audit, baseUrl });
  const provider = options.provider ?? manualProvider;
  const pledges = createPledges({ db, mailer, audit, provider, baseUrl });
  return { subscriptions, issues, events, pledges, provider, sending };
}

export type Supporters = ReturnType<typeof createSupporters>;
