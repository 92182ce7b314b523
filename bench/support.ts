import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { MODULES } from '../src/modules/index.js';
import { loadModulesWithoutPages } from '../src/platform/modules.js';
import { databaseSourceFor, openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrations.js';
import { seedDemo } from '../src/platform/demo.js';
import { platformServices } from '../src/platform/services.js';
import type { LoadMessage, LoadReport, LoadRequest } from './load-generator.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type DatabaseKind = 'pglite' | 'postgres';

/** What a scenario hands back; run.ts adds the date and the machine before writing it to bench/results. */
export interface ScenarioResult {
  /** What is measured, in a few words, for the README table. */
  measures: string;
  /** The figures in one line, for the README table. */
  summary: string;
  /** The DESIGN.md target, in words. */
  target: string;
  met: boolean;
  database: DatabaseKind;
  figures: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  run(): Promise<ScenarioResult>;
}

/** A scenario stops with this when Hearth answers wrongly: its figures would describe something other than Hearth working. */
export class BenchFailure extends Error {}

/** Keeps cookies across requests, as a browser would. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  get header() {
    return [...this.cookies].map(([key, value]) => `${key}=${value}`).join('; ');
  }
}

export interface BenchHearth {
  app: FastifyInstance;
  /** http://127.0.0.1:<port>, with no trailing slash. */
  origin: string;
  database: DatabaseKind;
  close(): Promise<void>;
}

function withDatabaseName(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A scratch database on the server that BENCH_DATABASE_URL names, dropped afterwards, so that a bench never runs on
 * (or leaves rows in) a database someone cares about. Needs the CREATEDB privilege.
 */
export async function scratchPostgres(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hearth_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(base, name),
    async drop() {
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/**
 * Hearth as `npm start` runs it (migrated, demo data seeded, the worker in-process), on a fresh database: PGlite in a
 * temporary HEARTH_DATA_DIR, or a scratch database on BENCH_DATABASE_URL's server. Listens on 127.0.0.1 only.
 */
export async function startHearth(env: Record<string, string> = {}): Promise<BenchHearth> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hearth-bench-'));
  const base = process.env.BENCH_DATABASE_URL || undefined;
  const postgres = base ? await scratchPostgres(base) : undefined;
  const config = loadConfig({
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    HEARTH_DATA_DIR: dataDir,
    HEARTH_SECRET: randomBytes(32).toString('hex'),
    HEARTH_DEMO: 'true',
    LOG_LEVEL: 'warn',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...env,
  });

  const cleanUp = async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  };

  let app: FastifyInstance | undefined;
  let port: number;
  try {
    const setUp = await openDatabase(databaseSourceFor(config));
    try {
      const services = platformServices(setUp.db, config);
      await migrateToLatest(services.db, MODULES);
      const { modules, contextOf } = loadModulesWithoutPages(MODULES, services, config);
      await seedDemo(services, config, modules, contextOf);
    } finally {
      await setUp.close();
    }
    app = await buildApp(config);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new BenchFailure('Hearth is not listening on a TCP port.');
    port = address.port;
  } catch (error) {
    await app?.close();
    await cleanUp();
    throw error;
  }

  const running = app;
  return {
    app: running,
    origin: `http://127.0.0.1:${port}`,
    database: postgres ? 'postgres' : 'pglite',
    async close() {
      await running.close();
      await cleanUp();
    },
  };
}

export interface MeasureOptions {
  url: string;
  connections?: number;
  durationSeconds?: number;
  warmUpSeconds?: number;
  /** Every response must have this status, or the run fails. */
  expectedStatus?: number;
  /** Sent with every request; not written to the results, since they may hold a session cookie. */
  headers?: Record<string, string>;
}

export type Measurement = LoadReport & { url: string; connections: number; durationSeconds: number; warmUpSeconds: number };

function askLoadGenerator(request: LoadRequest): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    // fork() passes on tsx's loader flags (process.execArgv), so the child can run TypeScript too.
    const child = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: LoadMessage | undefined;
    child.once('message', (message: LoadMessage) => (answer = message));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answer) return reject(new BenchFailure(`The load generator stopped (exit code ${code}) without a report.`));
      if (!answer.ok) return reject(new BenchFailure(`The load generator failed: ${answer.error}`));
      resolve(answer.report);
    });
    child.send(request);
  });
}

/**
 * Loads one URL with autocannon for a fixed time, after a warm-up whose figures are thrown away, and fails if any
 * request errors, times out or gets a status other than the expected one.
 */
export async function measure(options: MeasureOptions): Promise<Measurement> {
  const url = new URL(options.url);
  // A bench is a load test: it must never be pointed at anything but this machine.
  if (url.hostname !== '127.0.0.1') throw new BenchFailure(`The bench only sends traffic to 127.0.0.1, not to ${url.hostname}.`);
  const request: LoadRequest = {
    url: url.toString(),
    connections: options.connections ?? 10,
    durationSeconds: options.durationSeconds ?? 8,
    warmUpSeconds: options.warmUpSeconds ?? 2,
  };
  const report = await askLoadGenerator({ ...request, ...(options.headers ? { headers: options.headers } : {}) });
  const expected = String(options.expectedStatus ?? 200);
  const unexpected = Object.entries(report.statusCounts).filter(([code]) => code !== expected);
  if (report.errors > 0 || report.timeouts > 0 || unexpected.length > 0 || report.requests === 0) {
    throw new BenchFailure(
      `${url.pathname}: ${report.requests} responses, ${report.errors} errors, ${report.timeouts} timeouts, ` +
        `unexpected statuses ${JSON.stringify(Object.fromEntries(unexpected))} (expected only ${expected}).`,
    );
  }
  return { ...request, ...report, url: url.pathname };
}

/** 12345.6 → "12,346". */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-GB');
}
