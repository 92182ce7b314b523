import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import { databaseSourceFor, openDatabase, pgliteDirectory } from '../db/database.js';
import { platformServices } from '../services.js';
import { FILES, differences, filesUnder, readManifest, type Manifest } from './manifest.js';

const run = promisify(execFile);

export type RestoreResult = { ok: true; manifest: Manifest } | { ok: false; problem: string };

/**
 * Restores a backup into the database and data folder that `config` names, which must be new and empty, then checks
 * the result against the manifest: every table's rows, the audit chain and every file. A restore never overwrites:
 * pointing it at a live database by mistake must not destroy it.
 */
export async function restore(config: Config, dir: string): Promise<RestoreResult> {
  const manifest = await readManifest(dir);
  if (typeof manifest === 'string') return { ok: false, problem: manifest };
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database !== kind) {
    return {
      ok: false,
      problem: `This backup is of ${label(manifest.database)}, and this Hearth is set up for ${label(kind)}: restore it into the same kind of database.`,
    };
  }
  // Every refusal comes before anything is written, so that a refused restore leaves the target as it found it.
  for (const file of manifest.files) {
    const target = path.join(config.dataDir, file.path);
    if (await fs.stat(target).catch(() => null))
      return { ok: false, problem: `${target} already exists: restore into an empty data folder.` };
  }
  const loaded = config.databaseUrl
    ? await loadPostgres(config.databaseUrl, dir, manifest)
    : await loadPglite(config.dataDir, dir, manifest);
  if (loaded) return { ok: false, problem: loaded };
  for (const file of manifest.files) {
    const target = path.join(config.dataDir, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(path.join(dir, FILES, file.path), target);
  }
  const problems = await check(config, manifest);
  return problems.length > 0
    ? { ok: false, problem: `The restored copy does not match the backup: ${problems.join('; ')}.` }
    : { ok: true, manifest };
}

/** Checks a database and data folder against a backup's manifest without changing them. */
export async function check(config: Config, manifest: Manifest): Promise<string[]> {
  const database = await openDatabase(databaseSourceFor(config));
  try {
    const { audit } = platformServices(database.db, config);
    return await differences(database.db, config.dataDir, manifest, () => audit.verify());
  } finally {
    await database.close();
  }
}

function label(kind: Manifest['database']) {
  return kind === 'pglite' ? 'the embedded database (PGlite)' : 'PostgreSQL';
}

async function loadPostgres(url: string, dir: string, manifest: Manifest): Promise<string | null> {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    const tables = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(database.db);
    if (tables.rows[0]!.n > 0) {
      return 'The database in DATABASE_URL already has tables: create a new, empty database (for example `createdb hearth_restored`), point DATABASE_URL at it, and restore again.';
    }
  } finally {
    await database.close();
  }
  try {
    // One transaction: a restore that fails half way leaves the database as empty as it was.
    await run('pg_restore', [
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${url}`,
      path.join(dir, manifest.databaseFile),
    ]);
    return null;
  } catch (error) {
    return `pg_restore failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`;
  }
}

async function loadPglite(dataDir: string, dir: string, manifest: Manifest): Promise<string | null> {
  const target = pgliteDirectory(dataDir);
  if ((await filesUnder(target)).length > 0) {
    return `${target} already holds a database: set HEARTH_DATA_DIR to a new folder, and restore again.`;
  }
  const snapshot = new Blob([await fs.readFile(path.join(dir, manifest.databaseFile))]);
  await fs.mkdir(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir: target, loadDataDir: snapshot, extensions: { pg_trgm } });
  await client.close();
  return null;
}
