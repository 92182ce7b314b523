import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { lockPgliteDirectory } from './pglite-lock.js';
import type { Config } from '../../config.js';
import type { Database } from './schema.js';
import { WriteWatch } from './write-watch.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** On PGlite, which only this process can open, what has been written; on PostgreSQL, others write too: null. */
  writes: WriteWatch | null;
  close(): Promise<void>;
  /** PostgreSQL's connection pool, for the metrics: connections open, idle, and queries waiting for one. */
  pool?: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
  /** PostgreSQL's address, for the one connection of each process that listens for other processes' changes. */
  url?: string;
}

// Both drivers must hand back the same JavaScript types, or code that passes on PGlite fails on PostgreSQL.
const INT8 = 20;
pg.types.setTypeParser(INT8, (value) => Number(value));
const pgliteParsers = { [INT8]: (value: string) => Number(value) };

export type DatabaseSource = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string; template?: Blob };

export async function openDatabase(source: DatabaseSource): Promise<DatabaseHandle> {
  if (source.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: source.url,
      max: source.poolSize ?? 10,
      // With the server down, a request waits this long for a connection and is then answered 503, never left hanging.
      connectionTimeoutMillis: 3000,
      keepAlive: true,
    });
    // An idle connection that the server drops (a restart, a failover) must not bring the whole process down: the pool
    // discards it and opens another when next needed.
    pool.on('error', (error) => console.warn(`A PostgreSQL connection was lost and will be replaced: ${error.message}`));
    // The pool listens only to idle connections. One lent out when the server goes away would otherwise raise an
    // 'error' event nobody hears, which ends the process; its next query fails instead (a 503) and the pool drops it.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', writes: null, close: () => db.destroy(), pool, url: source.url };
  }
  if (source.dataDir) await fs.mkdir(path.dirname(source.dataDir), { recursive: true });
  const lock = source.dataDir ? lockPgliteDirectory(source.dataDir) : null;
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(source.dataDir ? { dataDir: source.dataDir } : {}),
      ...(source.template ? { loadDataDir: source.template } : {}),
      parsers: pgliteParsers,
      extensions: { pg_trgm },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const writes = new WriteWatch();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client, writes) });
  return {
    db,
    kind: 'pglite',
    writes,
    async close() {
      await db.destroy();
      await client.close();
      lock?.release();
    },
  };
}

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite inside HEARTH_DATA_DIR. */
export function databaseSourceFor(config: Pick<Config, 'databaseUrl' | 'dataDir'>) {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl } as const)
    : ({ kind: 'pglite', dataDir: pgliteDirectory(config.dataDir) } as const);
}

/** Where Hearth keeps its embedded database inside HEARTH_DATA_DIR. */
export function pgliteDirectory(dataDir: string) {
  return path.join(dataDir, 'pglite');
}
