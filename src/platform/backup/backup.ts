import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.js';
import { pgliteDirectory, type Db } from '../db/database.js';
import { PGliteDialect } from '../db/pglite-dialect.js';
import type { Database } from '../db/schema.js';
import { FILES, MANIFEST, auditHead, describeFile, emptyFolder, filesUnder, tableRows, type Manifest } from './manifest.js';

const run = promisify(execFile);

export type BackupResult = { ok: true; manifest: Manifest } | { ok: false; problem: string };

/**
 * Backs up the database and the data folder's files (uploads) into `dir`, with a manifest to check a restore against.
 * PostgreSQL is dumped live by pg_dump from an exported snapshot, so that the counts in the manifest describe exactly
 * the rows in the dump. The embedded database belongs to one process, so it is backed up while Hearth is stopped.
 */
export async function backUp(config: Config, dir: string): Promise<BackupResult> {
  const notEmpty = await emptyFolder(dir);
  if (notEmpty) return { ok: false, problem: notEmpty };
  await fs.mkdir(dir, { recursive: true });
  const database = config.databaseUrl ? await dumpPostgres(config.databaseUrl, dir) : await dumpPglite(config.dataDir, dir);
  if (!database.ok) return database;
  const files = await copyFiles(
    config.dataDir,
    path.join(dir, FILES),
    config.databaseUrl ? undefined : path.basename(pgliteDirectory(config.dataDir)),
  );
  const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), ...database.described, files };
  await fs.writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ok: true, manifest };
}

type Described = Pick<Manifest, 'database' | 'databaseFile' | 'rows' | 'audit'>;

async function describe(db: Db, kind: Manifest['database'], databaseFile: string): Promise<Described> {
  return { database: kind, databaseFile, rows: await tableRows(db), audit: await auditHead(db) };
}

async function dumpPostgres(url: string, dir: string): Promise<{ ok: true; described: Described } | { ok: false; problem: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Every count must run on this one connection, inside the transaction that holds the snapshot.
  const oneConnection = { connect: async () => Object.assign(client, { release: () => undefined }), end: async () => undefined };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: oneConnection as unknown as pg.Pool }) });
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const described = await describe(db, 'postgres', 'database.dump');
    // The snapshot lives while this transaction is open: pg_dump sees exactly what was counted.
    await run('pg_dump', [
      '--format=custom',
      `--snapshot=${snapshot}`,
      '--no-owner',
      `--file=${path.join(dir, described.databaseFile)}`,
      `--dbname=${url}`,
    ]);
    await client.query('commit');
    return { ok: true, described };
  } catch (error) {
    return { ok: false, problem: `pg_dump failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}` };
  } finally {
    await client.end();
  }
}

async function dumpPglite(dataDir: string, dir: string): Promise<{ ok: true; described: Described } | { ok: false; problem: string }> {
  const pgliteDir = pgliteDirectory(dataDir);
  const present = await fs.stat(path.join(pgliteDir, 'PG_VERSION')).catch(() => null);
  if (!present) return { ok: false, problem: `There is no embedded database in ${pgliteDir} to back up.` };
  const client = await PGlite.create({ dataDir: pgliteDir, extensions: { pg_trgm } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  try {
    const described = await describe(db, 'pglite', 'database.tar.gz');
    const dump = await client.dumpDataDir('gzip');
    await fs.writeFile(path.join(dir, described.databaseFile), Buffer.from(await dump.arrayBuffer()));
    return { ok: true, described };
  } finally {
    await db.destroy();
    await client.close();
  }
}

async function copyFiles(from: string, to: string, skip: string | undefined): Promise<Manifest['files']> {
  const described: Manifest['files'] = [];
  for (const file of await filesUnder(from, skip)) {
    await fs.mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await fs.copyFile(path.join(from, file), path.join(to, file));
    described.push(await describeFile(to, file));
  }
  return described;
}
