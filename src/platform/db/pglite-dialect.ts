import { createRequire } from 'node:module';
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { WriteWatch } from './write-watch.js';

/**
 * PGlite has a single connection. Kysely acquires a connection for each query and holds it for a whole transaction,
 * so a mutex here is what stops another request's query from running inside someone else's open transaction.
 */
class SingleConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return acquired;
  }
}

// node-postgres's own conversion of parameters to text (dates, arrays, objects as JSON), so that a query's parameters
// mean the same on both databases.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | Buffer | null };
const { serialize } = protocol;
const DESCRIBE_PORTAL = serialize.describe({ type: 'P' });
const EXECUTE = serialize.execute({});
const SYNC = serialize.sync();

/**
 * The extended protocol's whole exchange (parse, bind, describe, execute, sync) as one message. PGlite's own
 * `query()` sends each step as a call of its own, plus one to learn the parameters' types, and those five trips into
 * the WebAssembly cost more than most of Hearth's queries themselves: about 0.55 ms of CPU for `select 1`, against
 * about 0.2 ms in one trip. Parameters go as text and the server infers their types, as node-postgres does.
 */
function extendedQuery(compiled: CompiledQuery): Uint8Array {
  const parts = [
    serialize.parse({ text: compiled.sql }),
    serialize.bind({ values: compiled.parameters.map((value) => prepareValue(value)) }),
    DESCRIBE_PORTAL,
    EXECUTE,
    SYNC,
  ];
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    message.set(part, at);
    at += part.length;
  }
  return message;
}

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly client: PGlite,
    private readonly writes: WriteWatch | undefined,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    this.writes?.noteStatement(compiled.sql);
    const { messages } = await this.client.execProtocol(extendedQuery(compiled));
    const result = parse.parseResults(messages, this.client.parsers, { rowMode: 'object' })[0];
    if (!result) throw new Error('PGlite answered a query with no result.');
    const kind = compiled.query.kind;
    const changesRows = kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode' || kind === 'MergeQueryNode';
    return {
      rows: result.rows as R[],
      ...(changesRows ? { numAffectedRows: BigInt(result.affectedRows ?? 0) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on PGlite; page through results instead.');
  }
}

class PGliteDriver implements Driver {
  private readonly lock = new SingleConnectionLock();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  private readonly connection: PGliteConnection;

  constructor(
    private readonly client: PGlite,
    writes: WriteWatch | undefined,
  ) {
    this.connection = new PGliteConnection(client, writes);
  }

  async init(): Promise<void> {
    await this.client.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.lock.acquire();
    // One connection object is shared, so each acquisition gets its own wrapper to pair with its release.
    const handle: DatabaseConnection = {
      executeQuery: (q) => this.connection.executeQuery(q),
      streamQuery: () => this.connection.streamQuery(),
    };
    this.releases.set(handle, release);
    return handle;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.releases.get(connection)?.();
    this.releases.delete(connection);
  }

  async destroy(): Promise<void> {
    // The owner of the PGlite instance closes it, so that it can dump the data directory first when it wants to.
  }
}

/** `writes`, when given, is told of every statement before it runs, so that reads can be kept until a table changes. */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly client: PGlite,
    private readonly writes?: WriteWatch,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    return new PGliteDriver(this.client, this.writes);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
