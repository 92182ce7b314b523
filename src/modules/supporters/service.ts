import type { Config } from '../../config.js';
import type { ContentFeed } from '../../platform/content-feed.js';
import type { Services } from '../../platform/services.js';
import { createEvents } from './events/service.js';
import { createIssues, type SendingSettings } from './newsletter/issues.js';
import { createSubscriptions } from './newsletter/subscriptions.js';
import { manualProvider, type PaymentProvider } from './pledges/payment-providers.js';
import { createPledges } from './pledges/service.js';

/** Sending settings from the environment; see docs/supporters.md. */
export function sendingSettings(config: Pick<Config, 'newsletterRatePerMinute' | 'newsletterBatchSize'>): SendingSettings {
  return { ratePerMinute: config.newsletterRatePerMinute, batchSize: config.newsletterBatchSize };
}

/** Every service of the module, built from the platform's. The worker, the CLI and the routes all build it this way. */
export function createSupporters(
  services: Services,
  config: Config,
  options: { feed?: () => ContentFeed | null; provider?: PaymentProvider } = {},
) {
  const { db, mailer, audit, jobs } = services;
  const baseUrl = config.baseUrl;
  const subscriptions = createSubscriptions(db, mailer, { baseUrl, secrets: [config.secret, ...config.previousSecrets] });
  const sending = sendingSettings(config);
  const issues = createIssues({ db, jobs, mailer, audit, subscriptions, baseUrl, sending, feed: options.feed ?? (() => null) });
  const events = createEvents({ db, mailer, audit, baseUrl });
  const provider = options.provider ?? manualProvider;
  const pledges = createPledges({ db, mailer, audit, provider, baseUrl });
  return { subscriptions, issues, events, pledges, provider, sending };
}

export type Supporters = ReturnType<typeof createSupporters>;
