import type { Config } from '../config.js';
import { createApiTokens } from './api/tokens.js';
import { createAuditLog } from './audit.js';
import { createAccounts } from './auth/accounts.js';
import { createEmailTokens } from './auth/email-tokens.js';
import { createSignInThrottle } from './auth/throttle.js';
import { createPeople } from './admin/people.js';
import type { Db } from './db/database.js';
import type { WriteWatch } from './db/write-watch.js';
import { createJobQueue } from './jobs.js';
import { createMailer } from './mail.js';
import { createSessionStore } from './sessions.js';

/** Builds every platform service from the database handle. Modules receive these and never reach around them. */
/**
 * `writes`: on the embedded database, which this process alone can open, what has been written, so that reads may be
 * kept until a table they came from changes (see db/write-watch.ts); null or absent when others share the database.
 */
export function platformServices(db: Db, config: Config, options: { writes?: WriteWatch | null } = {}) {
  const audit = createAuditLog(db, options.writes ?? null);
  const jobs = createJobQueue(db);
  const mailer = createMailer(db, jobs, { smtpUrl: config.smtpUrl, from: config.mailFrom, retentionDays: config.mailRetentionDays });
  const emailTokens = createEmailTokens(db);
  const throttle = createSignInThrottle(db);
  const sessions = createSessionStore(db, config, options);
  const accounts = createAccounts({ db, config, audit, mailer, tokens: emailTokens, throttle, writes: options.writes ?? null });
  const people = createPeople({ db, config, audit, mailer, tokens: emailTokens });
  const apiTokens = createApiTokens(db, audit);
  // The config rides along so that module job handlers, personal-data hooks and demo seeds (which get only the
  // services) can build links from BASE_URL and sign them with HEARTH_SECRET.
  return { db, writes: options.writes ?? null, config, audit, jobs, mailer, emailTokens, throttle, sessions, accounts, people, apiTokens };
}

export type Services = ReturnType<typeof platformServices>;
