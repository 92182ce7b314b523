import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openDatabase, pgliteDirectory, type DatabaseHandle } from '../../src/platform/db/database.js';
import { MODULES } from '../../src/modules/index.js';
import { allMigrations, migrateToLatest } from '../../src/platform/db/migrations.js';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteDialect } from '../../src/platform/db/pglite-dialect.js';

/**
 * Each test file gets its own database, cloned from one migrated once per run: PGlite from a dumped data directory
 * (about half a second), PostgreSQL from a template database (instant). Files never share data, so they run in
 * parallel; tests inside a file create their own rows with factories and do not depend on one another.
 */
const CACHE = path.resolve(import.meta.dirname, '../../.cache');
// A new or changed migration gives a new template file, so a stale template is never reused.
const migrationKey = () =>
  createHash('sha256')
    .update(
      Object.entries(allMigrations(MODULES))
        .map(([name, m]) => name + m.up.toString())
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
const templateFile = () => path.join(CACHE, `pglite-template-${migrationKey()}.tar.gz`);

export function postgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

// A different prefix lets two suites share one PostgreSQL server without dropping each other's databases.
const PREFIX = process.env.TEST_DATABASE_PREFIX || 'hearth_test';
export const POSTGRES_TEMPLATE = `${PREFIX}_template`;

export async function preparePgliteTemplate(): Promise<void> {
  const file = templateFile();
  if (fs.existsSync(file)) return;
  fs.mkdirSync(CACHE, { recursive: true });
  const client = await PGlite.create({ extensions: { pg_trgm } });
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(client) });
  await migrateToLatest(db, MODULES);
  const dump = await client.dumpDataDir('gzip');
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(temporary, file);
  await db.destroy();
  await client.close();
}

export async function preparePostgresTemplate(baseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${PREFIX}\\_%`]);
    for (const { datname } of stale.rows) {
      await admin.query(`update pg_database set datistemplate = false where datname = $1`, [datname]);
      await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.query(`create database ${POSTGRES_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: databaseUrl(baseUrl, POSTGRES_TEMPLATE), max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, MODULES);
  await db.destroy();
}

/**
 * A PGlite data directory for a command-line test, already migrated: copied from the run's template in about half a
 * second instead of running every migration again in the test and once more in the command's own process.
 */
export async function migratedDataDirectory(hearthDataDir: string): Promise<void> {
  await preparePgliteTemplate();
  const handle = await openDatabase({
    kind: 'pglite',
    dataDir: pgliteDirectory(hearthDataDir),
    template: new Blob([fs.readFileSync(templateFile())]),
  });
  await handle.close();
}

/** A fresh, migrated database for one test file. Close it in `after`. `embedded`: PGlite even when the run uses PostgreSQL. */
export async function testDatabase(options: { embedded?: boolean } = {}): Promise<DatabaseHandle> {
  const base = options.embedded ? undefined : postgresUrl();
  if (base) {
    const scratch = await scratchPostgresDatabase({ migrated: true });
    const handle = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 5 });
    return {
      ...handle,
      async close() {
        await handle.close();
        await scratch.drop();
      },
    };
  }
  await preparePgliteTemplate();
  return openDatabase({ kind: 'pglite', template: new Blob([fs.readFileSync(templateFile())]) });
}

/** A database of its own on the run's PostgreSQL server (TEST_DATABASE_URL): migrated from the template, or empty. */
export async function scratchPostgresDatabase(options: { migrated: boolean }): Promise<{ url: string; drop(): Promise<void> }> {
  const base = postgresUrl();
  if (!base) throw new Error('TEST_DATABASE_URL is not set.');
  const name = `${PREFIX}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${options.migrated ? ` template ${POSTGRES_TEMPLATE}` : ''}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(base, name),
    async drop() {
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      // The pool's connections may still be closing. Killing them with FORCE would make them report an error after
      // the tests have finished, so wait for them to go, and force only as a last resort.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await cleanup.query(`drop database if exists ${name}${attempt >= 20 ? ' with (force)' : ''}`);
          break;
        } catch (error) {
          if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await cleanup.end();
    },
  };
}
