import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';
import { MODULES } from './modules/index.js';
import { trackRouteAccess, type RegisteredRoute } from './platform/access.js';
import { adminRoutes } from './platform/admin/index.js';
import { apiRoutes } from './platform/api/routes.js';
import { setUpApiAuthentication } from './platform/api/authentication.js';
import { accountRoutes } from './platform/auth/account-routes.js';
import { signInRoutes } from './platform/auth/sign-in-routes.js';
import { registrationRoutes } from './platform/auth/registration-routes.js';
import { changesOn } from './platform/db/changes.js';
import { databaseSourceFor, openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { personalDataRoutes } from './platform/personal-data/routes.js';
import { notFoundHandler, setUpErrorHandling } from './platform/errors.js';
import { healthRoutes } from './platform/health-routes.js';
import { helpRoutes } from './platform/help-routes.js';
import { setUpAccessCheck } from './platform/http/access-check.js';
import { setUpBodyParsing } from './platform/http/body-parsing.js';
import { setUpCompression } from './platform/http/compression.js';
import { setUpCsrf } from './platform/http/csrf.js';
import { setUpLoadShedding } from './platform/http/load-shedding.js';
import { setUpOpenApi } from './platform/http/openapi.js';
import { setUpPageCache } from './platform/http/page-cache.js';
import { setUpRateLimits } from './platform/http/rate-limits.js';
import { setUpRequestKind } from './platform/http/request-kind.js';
import { setUpMetrics } from './platform/http/metrics.js';
import { setUpRequestLogging } from './platform/http/request-logging.js';
import { setUpSecurityHeaders } from './platform/http/security-headers.js';
import { setUpStaticFiles, staticAssets } from './platform/http/static-files.js';
import { jobHandlersFor, recurringJobsFor } from './platform/job-handlers.js';
import {
  enabledModules,
  loadModules,
  moduleWithCommand,
  runModuleCommand,
  servedContracts,
  siteMapOf,
  type HearthModule,
} from './platform/modules.js';
import { createWorker, type Worker } from './platform/jobs.js';
import { platformServices, type Services } from './platform/services.js';
import { setUpSessions } from './platform/sessions.js';
import { staffNavigationSections } from './platform/staff/navigation.js';
import { staffRoutes } from './platform/staff/routes.js';
import { templateDescriptions } from './platform/page-descriptions.js';
import { createViewEnvironment, setUpViews } from './platform/views.js';
import { loggerOptions } from './platform/logging.js';
import { startTracing } from './platform/tracing.js';

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
  /** Where log lines go instead of standard output: tests read them. */
  logDestination?: DestinationStream;
}

/** The whole of Hearth as a Fastify app, not yet listening. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  // First: without its stylesheet no page is usable, so a missing build stops the start before anything is opened.
  const assets = staticAssets();
  const allModules = options.modules ?? MODULES;
  const modules = enabledModules(allModules, config);
  const database = options.database ?? (await openDatabase(databaseSourceFor(config)));
  // Off, and its packages unloaded, unless an OTLP endpoint is set (platform/tracing.ts).
  const tracing = await startTracing(config);
  const db = tracing ? tracing.traceQueries(database.db) : database.db;
  const services = platformServices(db, config, { writes: database.writes });

  const app = Fastify({
    logger: loggerOptions(config, options.logDestination),
    // Short and readable, because a person may read it out over the phone from the error page.
    genReqId: () => randomBytes(5).toString('hex').toUpperCase(),
    // One line per request instead, without tokens, search words or addresses: see http/request-logging.ts.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('config', config);
  app.decorate('services', services);
  app.decorate('modules', modules);
  app.decorate('allModules', allModules);
  app.decorate('registeredRoutes', trackRouteAccess(app));
  // Before any route is registered, as it joins each route as the route is added.
  setUpCompression(app);
  // First, so that every later hook knows the route it is serving.
  setUpRequestKind(app);
  tracing?.traceRequests(app);
  setUpRequestLogging(app);
  setUpMetrics(app, config, database);
  app.decorate('siteMap', siteMapOf(allModules, modules, app.registeredRoutes));
  // Other instances' changes are heard on a connection of its own, opened once the app is ready: to DATABASE_LISTEN_URL
  // when the database is the configured one, else to the database handed in.
  const changes = changesOn(database, app.log, options.database ? undefined : config.databaseListenUrl);
  const heard: (() => void)[] = [];
  app.addHook('onReady', () => changes.start());
  app.addHook('onClose', async () => {
    for (const unsubscribe of heard) unsubscribe();
    await changes.stop();
  });
  // Each module's settings and services, built once for this process and handed to all its hooks.
  const contexts = loadModules(allModules, services, config, {
    invalidatePublicPages: () => app.pageCache.invalidate(),
    onPublicPagesChanged: (listener) => void heard.push(changes.subscribe('public-pages', listener)),
    siteMap: app.siteMap,
    contentFeed: () => app.contentFeed,
    practiceRecords: () => app.practiceRecords,
    assessmentFacts: () => app.assessmentFacts,
    planFacts: () => app.planFacts,
  });
  app.decorate('moduleContext', (module: HearthModule) => contexts.get(module)!);
  app.decorate('runModuleCommand', (name: string, args: readonly string[] = []) => {
    const module = moduleWithCommand(modules, name);
    return module ? runModuleCommand(app, module, name, args) : undefined;
  });
  // The contracts modules meet through (platform/modules.ts, content-feed.ts), served by whichever module is on.
  const served = servedContracts(modules, app.moduleContext);
  app.decorate('contentFeed', served.contentFeed);
  app.decorate('homeComposer', served.homeComposer);
  app.decorate('practiceRecords', served.practiceRecords);
  app.decorate('assessmentFacts', served.assessmentFacts);
  app.decorate('planFacts', served.planFacts);

  // Signs with the current secret and still accepts cookies signed with earlier ones, so that rotating it signs nobody out.
  await app.register(cookie, { secret: [config.secret, ...config.previousSecrets] });
  setUpSecurityHeaders(app, config);
  // Before the session is loaded, so that an overloaded server sheds a request without touching the database.
  await setUpLoadShedding(app, db, config);
  setUpSessions(app, services.sessions, db, config);
  setUpApiAuthentication(app, services.apiTokens);
  setUpPageCache(app, changes);
  await setUpBodyParsing(app);
  setUpAccessCheck(app, db);
  await setUpCsrf(app, config);
  setUpViews(
    app,
    createViewEnvironment(
      modules.flatMap((m) => (m.viewsDir ? [m.viewsDir] : [])),
      assets.url,
    ),
    {
      navigation: modules.flatMap((m) => m.navigation ?? []),
      staffNavigation: staffNavigationSections(modules.flatMap((m) => m.staffNavigation ?? [])),
      defaultDescription: templateDescriptions(
        modules.flatMap((m) => (m.viewsDir && m.description ? [{ viewsDir: m.viewsDir, description: m.description }] : [])),
      ),
      demo: config.demo,
      staffIdleMinutes: config.staffIdleMinutes,
    },
  );
  setUpErrorHandling(app);
  await setUpOpenApi(app, config.baseUrl);
  await setUpRateLimits(app, database);
  setUpStaticFiles(app, assets);

  await app.register(healthRoutes);
  await app.register(helpRoutes);
  await app.register(registrationRoutes);
  await app.register(signInRoutes);
  await app.register(accountRoutes);
  await app.register(personalDataRoutes);
  await app.register(adminRoutes);
  await app.register(staffRoutes);
  await app.register(apiRoutes);
  // Not encapsulated, as before: a module's decorations (such as `app.boards`) are the app's, for its routes and tests.
  for (const module of modules) {
    await app.register(fastifyPlugin(async (scope) => module.plugin(scope, contexts.get(module)!), { name: module.name }));
  }

  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 60, timeWindow: '1 minute' }) }, notFoundHandler);

  const worker = createWorker({
    db,
    log: app.log,
    handlers: jobHandlersFor(services, modules, contexts),
    leaseSeconds: config.jobLeaseSeconds,
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
    await tracing?.shutdown();
  });
  return app;
}
