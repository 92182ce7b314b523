import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase, pgliteDirectory } from '../../src/platform/db/database.js';
import { migratedDataDirectory } from '../support/database.js';
import { freePort } from '../support/free-port.js';
import { nothingAcknowledged, problemsIn, writers } from './crash-writes.js';
import { mountSmallFilesystem, removeSmallFilesystem, writeUntilTheDiskIsFull } from './small-filesystem.js';
import { hearthEnvironment, HttpFormClient, runHearth, seededRandom, startHearth, type HearthProcess } from './hearth-process.js';

/**
 * The embedded database on a full disk: HEARTH_DATA_DIR is a small tmpfs of the test's own (`mount -t tmpfs -o
 * size=…`, so it needs root), filled to the last byte by a file while Hearth runs. Writes are refused with a clear
 * 503, reads go on, and once the file is deleted writes work again with no restart; nothing is lost or corrupted.
 */
// The migrated database takes about 45 MB; the rest is room for the filler.
const FILESYSTEM_SIZE = '96m';

describe('the disk under the embedded database fills up', () => {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-disk-full-'));
  let hearth: HearthProcess | undefined;
  after(async () => {
    await hearth?.kill();
    removeSmallFilesystem(mountPoint);
  });

  it('refuses writes with a clear 503, keeps serving reads, takes writes again once space is freed, and loses nothing', async (t) => {
    mountSmallFilesystem(mountPoint, FILESYSTEM_SIZE);
    const dataDir = path.join(mountPoint, 'data');
    await migratedDataDirectory(dataDir);
    const env = hearthEnvironment({
      dataDir,
      extra: {
        LOG_LEVEL: 'error',
        SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
        HELPLINE_REQUESTS_PER_HOUR: '10000',
        HELPLINE_SLOT_CAPACITY: '100',
      },
    });
    hearth = await startHearth(env);
    const visitor = new HttpFormClient(hearth.url);
    const acked = nothingAcknowledged();
    const write = writers({ visitor }, acked, seededRandom(1), { reasonLength: 990 });
    await write.requestCallback();

    const filler = path.join(mountPoint, 'filler');
    t.diagnostic(`the disk filled up at write ${await writeUntilTheDiskIsFull(filler, write.requestCallback, hearth)} after the filler`);

    assert.equal((await visitor.get('/advice-line')).status, 200, 'a page read from the database is still served');
    assert.equal((await visitor.get('/readyz')).status, 200);

    fs.rmSync(filler);
    const countBefore = acked.callbacks.length;
    await write.requestCallback();
    assert.equal(acked.callbacks.length, countBefore + 1, 'saved again once space was freed, without a restart');

    assert.equal(await hearth.stop(), 0, hearth.output());
    const verify = runHearth(['audit', 'verify'], env);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    const check = await openDatabase({ kind: 'pglite', dataDir: pgliteDirectory(dataDir) });
    try {
      assert.deepEqual(await problemsIn(check.db, acked), []);
      const integrity = await check.db
        .selectFrom('helpline_callbacks')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(integrity.count), acked.callbacks.length, 'exactly the acknowledged requests, none of the refused one');
    } finally {
      await check.close();
    }
  });
});
