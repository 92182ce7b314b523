import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { MODULES } from './modules/index.js';
import { enabledModules, loadModulesWithoutPages, moduleCommandFor, moduleCommandUsage, runModuleCommand } from './platform/modules.js';
import { currentTotpCode } from './platform/auth/totp.js';
import { startMetricsListener } from './platform/http/metrics.js';
import { backUp } from './platform/backup/backup.js';
import { summary } from './platform/backup/manifest.js';
import { restore } from './platform/backup/restore.js';
import { databaseSourceFor, openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrations.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from './platform/demo.js';
import { jobHandlersFor, recurringJobsFor } from './platform/job-handlers.js';
import { createWorker } from './platform/jobs.js';
import { loggerOptions } from './platform/logging.js';
import { platformServices } from './platform/services.js';
import { defineForm, email } from './platform/validation.js';

const USAGE_WIDTH = 20;
const usage = (config: Config) => [PLATFORM_USAGE, ...moduleCommandUsage(enabledModules(MODULES, config), USAGE_WIDTH)].join('\n');

const PLATFORM_USAGE = `Usage: hearth <command>

Commands:
  start [--demo]       migrate, seed the demo data when demo mode is on (--demo or HEARTH_DEMO=true) and the
                       database is empty, and serve
  migrate              apply every migration that has not run yet
  seed-demo --demo     create the demo organisations and one account per role (only into an empty database)
  worker               run background jobs (mail, digests, alerts); run as many as you like on PostgreSQL
  audit verify         check the audit log's hash chain; exits 1 naming the first entry that does not match
  invite-admin EMAIL   invite a first administrator; prints the link and emails it
  reseal               after changing HEARTH_SECRET, seal stored secrets with the new one (old ones in HEARTH_PREVIOUS_SECRETS)
  demo-code            print the current two-factor code for the demo staff accounts
  backup DIR           back up the database and uploaded files into a new folder, with a manifest to check against
  restore DIR          restore a backup into a new, empty database and data folder, then check it (docs/deploy.md)`;

async function withDatabase<T>(config: Config, work: (services: ReturnType<typeof platformServices>) => Promise<T>): Promise<T> {
  const database = await openDatabase(databaseSourceFor(config));
  try {
    return await work(platformServices(database.db, config));
  } finally {
    await database.close();
  }
}

/** The platform's demo accounts, then each switched-on module's demo data. */
function seedDemoData(services: ReturnType<typeof platformServices>, config: Config) {
  const { modules, contextOf } = loadModulesWithoutPages(MODULES, services, config);
  return seedDemo(services, config, modules, contextOf);
}

function printWelcome(url: string, config: Config) {
  const lines = [
    `Hearth is running at ${url}`,
    `Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
  ];
  if (config.demo) {
    lines.push(
      '',
      `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(28)} ${a.role}`),
      '',
      `Staff accounts also ask for a two-factor code. Add this key to an authenticator app: ${DEMO_TOTP_SECRET}`,
      'or print the current code with: npx hearth demo-code',
    );
  }
  console.log(lines.join('\n'));
}

/** How long a stopping process waits for requests and jobs under way: within the 10 s a platform usually allows. */
const SHUTDOWN_SECONDS = 8;

async function start(config: Config) {
  await withDatabase(config, async (services) => {
    await migrateToLatest(services.db, MODULES);
    if (config.demo && (await seedDemoData(services, config))) console.log('Created the demo data.');
  });
  const app = await buildApp(config);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    // Requests under way finish and the worker's claimed jobs end first; a platform that sent SIGTERM sends SIGKILL
    // soon after, so anything still hanging after this long is cut short here, where it can be logged.
    setTimeout(() => {
      app.log.error({ signal }, `still stopping after ${SHUTDOWN_SECONDS} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_SECONDS * 1000).unref();
    // The worker is told at once, so that the jobs it claimed but has not begun go back to the queue for other
    // processes now rather than after the requests under way; app.close() stops it too, and waits for the same stop.
    await Promise.all([app.worker.stop(), app.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  await startMetricsListener(app, config);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  printWelcome(`http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`, config);
}

async function worker(config: Config) {
  const database = await openDatabase(databaseSourceFor(config));
  const services = platformServices(database.db, config);
  const { default: pino } = await import('pino');
  const log = pino(loggerOptions({ logLevel: config.logLevel === 'silent' ? 'info' : config.logLevel }));
  const { modules, contextOf } = loadModulesWithoutPages(MODULES, services, config);
  const contexts = new Map(modules.map((m) => [m, contextOf(m)]));
  const runner = createWorker({
    db: database.db,
    log,
    handlers: jobHandlersFor(services, modules, contexts),
    leaseSeconds: config.jobLeaseSeconds,
  });
  await services.jobs.ensureRecurring(recurringJobsFor(modules));
  runner.start();
  log.info('worker started');
  const stop = async () => {
    setTimeout(() => {
      log.error(`still stopping after ${SHUTDOWN_SECONDS} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_SECONDS * 1000).unref();
    await runner.stop();
    services.mailer.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export async function main(argv: string[]): Promise<number> {
  const words = argv.filter((arg) => arg !== '--demo');
  const [command, sub] = words;
  if (command === 'demo-code') {
    console.log(currentTotpCode(DEMO_TOTP_SECRET));
    return 0;
  }
  // `--demo` (what `npm start` passes) is the one way besides HEARTH_DEMO=true to ask for demo mode.
  const config = loadConfig(argv.includes('--demo') ? { ...process.env, HEARTH_DEMO: 'true' } : process.env);
  const moduleCommand = moduleCommandFor(enabledModules(MODULES, config), words);
  if (moduleCommand) {
    const app = await buildApp(config, { startWorker: false });
    try {
      await app.ready();
      return await runModuleCommand(app, moduleCommand.module, moduleCommand.name, moduleCommand.args);
    } finally {
      await app.close();
    }
  }
  switch (command) {
    case 'start':
      await start(config);
      return 0;
    case 'migrate':
      await withDatabase(config, async ({ db }) => {
        const applied = await migrateToLatest(db, MODULES);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      });
      return 0;
    case 'seed-demo':
      if (!config.demo) {
        console.error('seed-demo creates accounts with a published password, so it runs only in demo mode: add --demo.');
        return 1;
      }
      return withDatabase(config, async (services) => {
        await migrateToLatest(services.db, MODULES);
        const seeded = await seedDemoData(services, config);
        console.log(seeded ? 'Created the demo data.' : 'The database already has accounts, so nothing was added.');
        return 0;
      });
    case 'worker':
      await worker(config);
      return 0;
    case 'reseal':
      return withDatabase(config, async ({ accounts }) => {
        const count = await accounts.resealSecrets();
        console.log(
          `Sealed ${count} two-factor ${count === 1 ? 'secret' : 'secrets'} with the current HEARTH_SECRET. You can now remove HEARTH_PREVIOUS_SECRETS.`,
        );
        return 0;
      });
    case 'invite-admin': {
      const form = defineForm({ email: email() }).parse({ email: sub });
      if (!form.ok) {
        console.error(`${form.errors[0]!.text}. Usage: hearth invite-admin name@example.org`);
        return 2;
      }
      return withDatabase(config, async ({ db, people }) => {
        await migrateToLatest(db, MODULES);
        const link = await people.inviteAdministrator(form.data.email);
        if (!link) {
          console.error(`There is already an account for ${form.data.email}. An administrator can change its roles at /admin/users.`);
          return 1;
        }
        console.log(`Invited ${form.data.email} as an administrator. The link works for 7 days:\n${link}`);
        return 0;
      });
    }
    case 'backup':
    case 'restore': {
      if (!sub) break;
      const result = command === 'backup' ? await backUp(config, sub) : await restore(config, sub);
      if (!result.ok) {
        console.error(result.problem);
        return 1;
      }
      console.log(`${command === 'backup' ? 'Backed up' : 'Restored and checked'}: ${summary(result.manifest)}.`);
      return 0;
    }
    case 'audit':
      if (sub !== 'verify') break;
      return withDatabase(config, async ({ audit }) => {
        const result = await audit.verify();
        if (result.firstBroken) {
          console.error(
            `Audit log is broken at entry ${result.firstBroken.id}: ${result.firstBroken.problem}. ${result.checked} entries before it are intact.`,
          );
          return 1;
        }
        console.log(`Audit log intact: ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} checked.`);
        return 0;
      });
  }
  console.error(usage(config));
  return 2;
}
