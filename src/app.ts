import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { MODULES } from './modules/index.js';
import { trackRouteAccess, type RegisteredRoute } from './platform/access.js';
import { adminRoutes } from './platform/admin/routes.js';
import { apiRoutes } from './platform/api/routes.js';
import { setUpApiAuthentication } from './platform/api/authentication.js';
import { accountRoutes } from './platform/auth/account-routes.js';
import { signInRoutes } from './platform/auth/sign-in-routes.js';
import { registrationRoutes } from './platform/auth/registration-routes.js';
import { openDatabase, pgliteDirectory, type DatabaseHandle } from './platform/db/database.js';
import { personalDataRoutes } from './platform/personal-data/routes.js';
import { notFoundHandler, setUpErrorHandling } from './platform/errors.js';
import { healthRoutes } from './platform/health-routes.js';
import { helpRoutes } from './platform/help-routes.js';
import { setUpAccessCheck } from './platform/http/access-check.js';
import { setUpBodyParsing } from './platform/http/body-parsing.js';
import { setUpCsrf } from './platform/http/csrf.js';
import { setUpLoadShedding } from './platform/http/load-shedding.js';
import { setUpOpenApi } from './platform/http/openapi.js';
import { setUpPageCache } from './platform/http/page-cache.js';
import { setUpSecurityHeaders } from './platform/http/security-headers.js';
import { setUpStaticFiles } from './platform/http/static-files.js';
import { jobHandlersFor, recurringJobsFor } from './platform/job-handlers.js';
import { enabledModules, siteMapOf, type HearthModule } from './platform/modules.js';
import { createWorker, type Worker } from './platform/jobs.js';
import { platformServices, type Services } from './platform/services.js';
import { setUpSessions } from './platform/sessions.js';
import { createViewEnvironment, setUpViews } from './platform/views.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    services: Services;
    worker: Worker;
    /** Every route with its access rule, for the test that proves none is missing. */
    registeredRoutes(): RegisteredRoute[];
  }
}

export interface BuildOptions {
  /** An already open database (tests share one per file). Otherwise one is opened from the config and closed with the app. */
  database?: DatabaseHandle;
  /** Run the jobs worker in this process. Defaults to the config; tests drain jobs themselves instead. */
  startWorker?: boolean;
  /** Every module Hearth has; HEARTH_MODULES chooses among them. Tests may hand in their own. */
  modules?: readonly HearthModule[];
}

export function databaseSourceFor(config: Config) {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl } as const)
    : ({ kind: 'pglite', dataDir: pgliteDirectory(config.dataDir) } as const);
}

/** The whole of Hearth as a Fastify app, not yet listening. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const allModules = options.modules ?? MODULES;
  const modules = enabledModules(allModules, config);
  const database = options.database ?? (await openDatabase(databaseSourceFor(config)));
  const services = platformServices(database.db, config, { soleProcess: database.kind === 'pglite' });

  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    // Short and readable, because a person may read it out over the phone from the error page.
    genReqId: () => randomBytes(5).toString('hex').toUpperCase(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('config', config);
  app.decorate('services', services);
  app.decorate('modules', modules);
  app.decorate('allModules', allModules);
  // Contracts modules meet through (platform/modules.ts, content-feed.ts): null until a module that serves them sets them.
  app.decorate('contentFeed', null);
  app.decorate('homeComposer', null);
  app.decorate('siteMap', siteMapOf(app));
  app.decorate('registeredRoutes', trackRouteAccess(app));

  // Signs with the current secret and still accepts cookies signed with earlier ones, so that rotating it signs nobody out.
  await app.register(cookie, { secret: [config.secret, ...config.previousSecrets] });
  await setUpSecurityHeaders(app, config);
  // Before the session is loaded, so that an overloaded server sheds a request without touching the database.
  await setUpLoadShedding(app, database.db, config.maxEventLoopDelayMs);
  setUpSessions(app, services.sessions, database.db, config);
  setUpApiAuthentication(app, services.apiTokens);
  setUpPageCache(app, database.db);
  await setUpBodyParsing(app);
  setUpAccessCheck(app, database.db);
  await setUpCsrf(app, config);
  setUpViews(app, createViewEnvironment(modules.flatMap((m) => (m.viewsDir ? [m.viewsDir] : []))), {
    navigation: modules.flatMap((m) => m.navigation ?? []),
    demo: config.demo,
    staffIdleMinutes: config.staffIdleMinutes,
  });
  setUpErrorHandling(app);
  await setUpOpenApi(app, config.baseUrl);
  await app.register(rateLimit, { global: false });
  await setUpStaticFiles(app);

  await app.register(healthRoutes);
  await app.register(helpRoutes);
  await app.register(registrationRoutes);
  await app.register(signInRoutes);
  await app.register(accountRoutes);
  await app.register(personalDataRoutes);
  await app.register(adminRoutes);
  await app.register(apiRoutes);
  for (const module of modules) await app.register(module.plugin);

  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 60, timeWindow: '1 minute' }) }, notFoundHandler);

  const worker = createWorker({
    db: database.db,
    log: app.log,
    handlers: jobHandlersFor(services, modules),
  });
  app.decorate('worker', worker);
  if (options.startWorker ?? config.inProcessWorker) {
    app.addHook('onReady', async () => {
      await services.jobs.ensureRecurring(recurringJobsFor(modules));
      worker.start();
    });
  }

  app.addHook('onClose', async () => {
    await worker.stop();
    services.mailer.close();
    if (!options.database) await database.close();
  });
  return app;
}
