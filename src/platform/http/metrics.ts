import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../../config.js';
import type { DatabaseHandle } from '../db/database.js';

/**
 * Prometheus metrics: how long each route takes (and so how often it is asked for), the jobs waiting and how long the
 * oldest has waited, the mail not yet sent, the database pool, and the process's own (event-loop lag, memory, CPU).
 * Off unless METRICS_TOKEN or METRICS_PORT is set, so that nothing is measured that nobody reads.
 */
export function setUpMetrics(app: FastifyInstance, config: Config, database: DatabaseHandle): void {
  if (!config.metricsToken && config.metricsPort === undefined) return;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'hearth_http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    // The pattern, never the URL: one series per route, and no token or search words in a label.
    requests.observe(
      { method: request.method, route: request.routePattern || 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  measureQueues(registry, database);

  if (config.metricsToken) {
    const expected = Buffer.from(`Bearer ${config.metricsToken}`);
    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply.code(401).header('www-authenticate', 'Bearer').type('text/plain').send('A metrics token is needed.\n');
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  }
  if (config.metricsPort !== undefined) {
    const server = http.createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Only /metrics is served here.\n');
        return;
      }
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
      );
    });
    app.decorate('metricsServer', server);
    app.addHook('onClose', () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())));
  }
}

/**
 * Opens the private metrics listener (METRICS_PORT), if there is one. Called by `hearth start` once the app listens,
 * never by a command that only builds the app, so that a one-off command does not take the port.
 */
export function startMetricsListener(app: FastifyInstance, config: Config): Promise<void> {
  const server = app.metricsServer;
  if (!server || config.metricsPort === undefined) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.metricsHost, () => resolve());
  });
}

/** Gauges read from the database when scraped, not kept up to date on every change. */
function measureQueues(registry: Registry, database: DatabaseHandle) {
  const { db } = database;
  const waitingJobs = () =>
    sql<{ kind: string; waiting: number; oldest: number }>`
      select kind, count(*)::int as waiting, coalesce(extract(epoch from now() - min(run_at)), 0)::float8 as oldest
      from jobs where status = 'queued' and run_at <= now() group by kind`.execute(db);
  new Gauge({
    name: 'hearth_jobs_waiting',
    help: 'Jobs due to run and not yet claimed, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const rows = await waitingJobs();
      this.reset();
      for (const row of rows.rows) this.set({ kind: row.kind }, row.waiting);
    },
  });
  new Gauge({
    name: 'hearth_jobs_oldest_waiting_seconds',
    help: 'How long the job that has waited longest since it fell due has waited, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const rows = await waitingJobs();
      this.reset();
      for (const row of rows.rows) this.set({ kind: row.kind }, row.oldest);
    },
  });
  new Gauge({
    name: 'hearth_jobs',
    help: 'Jobs by state: running (claimed by a worker) or failed (out of attempts).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await sql<{ status: string; n: number }>`
        select status, count(*)::int as n from jobs where status in ('running', 'failed') group by status`.execute(db);
      this.reset();
      for (const state of ['running', 'failed']) this.set({ state }, rows.rows.find((r) => r.status === state)?.n ?? 0);
    },
  });
  new Gauge({
    name: 'hearth_mail_outbox',
    help: 'Emails not yet sent: queued for the SMTP server, or failed and waiting to be tried again.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await sql<{ status: string; n: number }>`
        select status, count(*)::int as n from mail_messages where status in ('queued', 'failed') group by status`.execute(db);
      this.reset();
      for (const state of ['queued', 'failed']) this.set({ state }, rows.rows.find((r) => r.status === state)?.n ?? 0);
    },
  });
  const pool = database.pool;
  if (pool) {
    new Gauge({
      name: 'hearth_db_pool_connections',
      help: 'PostgreSQL connections of this process: open, idle, and queries waiting for one.',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'open' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The private metrics listener (METRICS_PORT), once the app listens. */
    metricsServer?: http.Server;
  }
}
