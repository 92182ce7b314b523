import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle, Db } from './database.js';

/**
 * What one process tells every other process on the same database that it changed, so that whatever they keep in
 * memory is dropped at once rather than on a timer. On PostgreSQL it travels by LISTEN/NOTIFY; on PGlite, which only one
 * process can open, it goes straight to whatever in this process listens.
 */
export type ChangeTopic = 'public-pages';

/** The one channel Hearth's processes tell each other on. The payload is `<topic> <sender>`. */
export const CHANGES_CHANNEL = 'hearth_changes';

/** How soon a lost listening connection is tried again, and how often a quiet one is checked for being still alive. */
const RECONNECT_MS = 1_000;
const CHECK_EVERY_MS = 30_000;

/**
 * Tells every process listening on this database that `topic` changed. Inside a transaction it is sent when that
 * commits, and never if it rolls back; outside one, at once. For a process that listens for nothing (`hearth worker`).
 */
export async function announceChange(db: Db, topic: ChangeTopic, sender = ''): Promise<void> {
  await sql`select pg_notify(${CHANGES_CHANNEL}, ${`${topic} ${sender}`})`.execute(db);
}

export interface Changes {
  /** Tells every listener here at once, and every other process on the database as soon as PostgreSQL delivers it. */
  announce(topic: ChangeTopic): Promise<void>;
  /**
   * Calls `listener` whenever `topic` changes, in any process. After the listening connection was lost and made again,
   * every listener is called, as anything said meanwhile was missed.
   */
  subscribe(topic: ChangeTopic, listener: () => void): () => void;
  /** Starts listening (PostgreSQL: one connection of its own); each `start` needs its `stop`. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface Logger {
  warn(details: object, message: string): void;
}

// One per database handle, shared by everything in this process that uses the handle: two apps on one embedded
// database (as in tests) hear each other, as two processes on one PostgreSQL do.
const byDatabase = new WeakMap<DatabaseHandle, Changes>();

/** `listenUrl`: where to listen, when the pool's address (DATABASE_URL) goes through a pooler that would lose a LISTEN. */
export function changesOn(database: DatabaseHandle, log: Logger, listenUrl?: string): Changes {
  let changes = byDatabase.get(database);
  if (!changes) {
    changes = createChanges(database, log, listenUrl ?? database.url);
    byDatabase.set(database, changes);
  }
  return changes;
}

function createChanges(database: DatabaseHandle, log: Logger, listenUrl: string | undefined): Changes {
  const sender = randomUUID();
  const listeners = new Map<ChangeTopic, Set<() => void>>();
  const listening = database.kind === 'postgres' && listenUrl ? listenOn(listenUrl, log, hear, hearEverything) : null;
  let users = 0;

  function hear(topic: string) {
    for (const listener of listeners.get(topic as ChangeTopic) ?? []) listener();
  }
  function hearEverything() {
    for (const set of listeners.values()) for (const listener of set) listener();
  }

  return {
    async announce(topic) {
      hear(topic);
      if (listening) await announceChange(database.db, topic, sender);
    },
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    async start() {
      users += 1;
      if (users === 1) await listening?.start((from) => from === sender);
    },
    async stop() {
      users -= 1;
      if (users === 0) await listening?.stop();
    },
  };
}

/**
 * A connection of its own, outside the pool, that only listens: a pooled connection goes back to the pool and its
 * LISTEN with it. It must reach PostgreSQL directly: a pooler in transaction mode (PgBouncer's usual setting) does not
 * keep a LISTEN, so nothing would ever be heard (DATABASE_LISTEN_URL then names the server itself).
 */
function listenOn(url: string, log: Logger, hear: (topic: string) => void, hearEverything: () => void) {
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let check: NodeJS.Timeout | undefined;
  let stopped = true;
  let retrying = false;
  let isOwn: (sender: string) => boolean = () => false;

  async function connect() {
    const next = new pg.Client({
      connectionString: url,
      application_name: 'hearth-changes',
      connectionTimeoutMillis: 3_000,
      query_timeout: 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    next.on('notification', ({ channel, payload }) => {
      if (channel !== CHANGES_CHANNEL || !payload) return;
      const [topic = '', from = ''] = payload.split(' ');
      if (!isOwn(from)) hear(topic);
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANGES_CHANNEL}`);
    } catch (error) {
      void next.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void (await next.end().catch(() => undefined));
    client = next;
    retrying = false;
    // Whatever was said before this connection listened is lost: drop everything kept, as if all had changed.
    hearEverything();
  }

  function lost(which: pg.Client) {
    if (client !== which) return;
    client = undefined;
    void which.end().catch(() => undefined);
    log.warn({}, 'lost the connection that hears other instances’ changes; connecting again');
    reconnectSoon();
  }

  function reconnectSoon() {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: unknown) => {
        // Once per outage, not once a second: the loss itself was logged, and /readyz tells whether the database is back.
        if (!retrying) log.warn({ err: error }, 'could not listen for other instances’ changes; trying again every second');
        retrying = true;
        reconnectSoon();
      });
    }, RECONNECT_MS);
    retry.unref();
  }

  return {
    async start(own: (sender: string) => boolean) {
      isOwn = own;
      stopped = false;
      // A connection that died without a word (a dropped network path) would otherwise go unnoticed for hours.
      check = setInterval(() => {
        const current = client;
        current?.query('select 1').catch(() => lost(current));
      }, CHECK_EVERY_MS);
      check.unref();
      try {
        await connect();
      } catch (error) {
        // Serving goes on; what is kept is dropped once the connection is made.
        log.warn({ err: error }, 'could not listen for other instances’ changes; trying again every second');
        retrying = true;
        reconnectSoon();
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(check);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
