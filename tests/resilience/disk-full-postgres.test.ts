import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { MODULES } from '../../src/modules/index.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrations.js';
import { freePort } from '../support/free-port.js';
import { nothingAcknowledged, problemsIn, RefusedWrite, writers } from './crash-writes.js';
import { hearthEnvironment, HttpFormClient, runHearth, seededRandom, startHearth, type HearthProcess } from './hearth-process.js';
import { eventually } from './hearth-command.js';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js';
import { fillUp, mountSmallFilesystem, removeSmallFilesystem, writeUntilTheDiskIsFull } from './small-filesystem.js';

/**
 * PostgreSQL on a full disk: a server of the test's own whose data directory is on a small tmpfs, filled to the last
 * byte while a real `hearth start` runs against it. PostgreSQL refuses the statement that needs a new block (SQLSTATE
 * 53100, "could not extend file") and stays up, its WAL going on in the segment it already has: so Hearth answers the
 * write with the clear 503, reads and /readyz stay 200, and once the filler is deleted writes work again with no
 * restart of either. Every acknowledged write survives a restart of the server.
 *
 * When the write-ahead log is what needs room, PostgreSQL cannot refuse one statement: it stops (PANIC), its crash
 * recovery cannot write either, and the server shuts down. Hearth then answers as for any outage, 503 with Retry-After
 * and /readyz 503, and comes back by itself once space is freed and PostgreSQL is started again, with nothing lost.
 */
// A migrated database with its first 16 MB WAL segment takes about 43 MB; the rest is for the filler.
const FILESYSTEM_SIZE = '64m';

/** A PostgreSQL server whose data directory is on a small tmpfs at `mountPoint`, migrated, with `hearth start` on it. */
async function hearthOnSmallDisk(mountPoint: string, hearthDataDir: string, started: { server?: OwnPostgres; hearth?: HearthProcess }) {
  mountSmallFilesystem(mountPoint, FILESYSTEM_SIZE);
  const server = (started.server = await startOwnPostgres({ dataDirectory: path.join(mountPoint, 'pgdata') }));
  const migrating = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 });
  try {
    await migrateToLatest(migrating.db, MODULES);
  } finally {
    await migrating.close();
  }
  const env = hearthEnvironment({
    dataDir: hearthDataDir,
    databaseUrl: server.url,
    extra: {
      LOG_LEVEL: 'error',
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      HELPLINE_REQUESTS_PER_HOUR: '10000',
      HELPLINE_SLOT_CAPACITY: '100',
    },
  });
  const hearth = (started.hearth = await startHearth(env));
  const visitor = new HttpFormClient(hearth.url);
  const acked = nothingAcknowledged();
  const write = writers({ visitor }, acked, seededRandom(1), { reasonLength: 990 });
  await write.requestCallback();
  return { server, hearth, env, visitor, acked, write };
}

/**
 * Stops Hearth, verifies the audit chain, restarts the server (so what was acknowledged is seen to be on its disk, not
 * only in its memory), and checks every acknowledged request is there, whole, and nothing else was saved.
 */
async function stopAndCheck(
  server: OwnPostgres,
  hearth: HearthProcess,
  env: Record<string, string>,
  acked: ReturnType<typeof nothingAcknowledged>,
) {
  assert.equal(await hearth.stop(), 0, hearth.output());
  const verify = runHearth(['audit', 'verify'], env);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  server.stop();
  server.start();
  const check = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 });
  try {
    assert.deepEqual(await problemsIn(check.db, acked), []);
    const saved = await check.db
      .selectFrom('helpline_callbacks')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(saved.count), acked.callbacks.length, 'exactly the acknowledged requests, none of the refused one');
  } finally {
    await check.close();
  }
}

describe('the disk under PostgreSQL fills up', () => {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pg-disk-full-'));
  const hearthDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pg-disk-full-app-'));
  const started: { server?: OwnPostgres; hearth?: HearthProcess } = {};
  after(async () => {
    await started.hearth?.kill();
    started.server?.destroy();
    removeSmallFilesystem(mountPoint);
    fs.rmSync(hearthDataDir, { recursive: true, force: true });
  });

  it('refuses writes with a clear 503 while PostgreSQL stays up, keeps serving reads, takes writes again once space is freed, and loses nothing', async (t) => {
    const { server, hearth, env, visitor, acked, write } = await hearthOnSmallDisk(mountPoint, hearthDataDir, started);

    const filler = path.join(mountPoint, 'filler');
    const writes = await writeUntilTheDiskIsFull(filler, write.requestCallback, hearth, () => `${hearth.output()}\n${server.log()}`);
    t.diagnostic(`the disk filled up at write ${writes} after the filler`);
    assert.match(server.log(), /could not extend file .*No space left on device/);
    assert.doesNotMatch(server.log(), /PANIC/, 'PostgreSQL stayed up');

    assert.equal((await visitor.get('/advice-line')).status, 200, 'a page read from the database is still served');
    assert.equal((await visitor.get('/readyz')).status, 200);

    fs.rmSync(filler);
    const countBefore = acked.callbacks.length;
    await write.requestCallback();
    assert.equal(acked.callbacks.length, countBefore + 1, 'saved again once space was freed, with no restart');

    await stopAndCheck(server, hearth, env, acked);
  });
});

describe('the disk under PostgreSQL fills up when its write-ahead log needs a new segment', () => {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pg-wal-full-'));
  const hearthDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pg-wal-full-app-'));
  const started: { server?: OwnPostgres; hearth?: HearthProcess } = {};
  after(async () => {
    await started.hearth?.kill();
    started.server?.destroy();
    removeSmallFilesystem(mountPoint);
    fs.rmSync(hearthDataDir, { recursive: true, force: true });
  });

  it('PostgreSQL stops; Hearth answers 503 with Retry-After, and comes back by itself once space is freed and PostgreSQL started, with nothing lost', async () => {
    const { server, hearth, env, visitor, acked, write } = await hearthOnSmallDisk(mountPoint, hearthDataDir, started);
    fillUp(path.join(mountPoint, 'filler'));
    // The next WAL record must go into a new segment, which cannot be created: as when a busy server's log outgrows
    // the segments it has, without writing 16 MB of callbacks first.
    const admin = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 1 });
    try {
      await sql`select pg_switch_wal()`.execute(admin.db);
    } finally {
      await admin.close();
    }

    const refused = await write.requestCallback().then(
      () => assert.fail(`a write was saved with no room for the write-ahead log:\n${server.log()}`),
      (error: unknown) => {
        if (!(error instanceof RefusedWrite)) throw error;
        return error.response;
      },
    );
    assert.equal(refused.status, 503, `${refused.body.slice(0, 500)}\n${hearth.output()}`);
    assert.equal(refused.retryAfter, '10');
    assert.match(server.log(), /PANIC: {2}could not write to file "pg_wal\/xlogtemp\.\d+": No space left on device/);
    // Crash recovery needs to write too, so the server shuts down rather than coming back on its own.
    await eventually('PostgreSQL has shut down', async () => /database system is shut down/.test(server.log()), 30_000);
    const ready = await visitor.get('/readyz');
    assert.equal(ready.status, 503);
    const page = await visitor.get('/advice-line');
    assert.equal(page.status, 503);
    assert.equal(page.retryAfter, '10');
    assert.match(page.body, /Sorry, the service is unavailable/);

    fs.rmSync(path.join(mountPoint, 'filler'));
    server.start();
    await eventually('Hearth is ready again', async () => (await visitor.get('/readyz')).status === 200, 30_000);
    const countBefore = acked.callbacks.length;
    await write.requestCallback();
    assert.equal(acked.callbacks.length, countBefore + 1, 'saved again, with no restart of Hearth');

    await stopAndCheck(server, hearth, env, acked);
  });
});
