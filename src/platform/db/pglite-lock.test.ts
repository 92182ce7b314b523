import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migratedDataDirectory } from '../../../tests/support/database.js';
import { openDatabase, pgliteDirectory } from './database.js';
import { DatabaseInUseError, lockFileFor } from './pglite-lock.js';

describe('the embedded database belongs to one process at a time', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-lock-'));
  const dataDir = pgliteDirectory(root);
  const lockFile = lockFileFor(dataDir);
  const holder = () => fs.readFileSync(lockFile, 'utf8').split(' ')[0];
  const startTimeOf = (pid: number) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  };
  // One migrated database, reopened by every test: reopening takes a fraction of the time of making one.
  before(() => migratedDataDirectory(root));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('refuses a second open while the first is open, and frees the directory on close', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir });
    try {
      assert.equal(holder(), String(process.pid));
      await assert.rejects(openDatabase({ kind: 'pglite', dataDir }), DatabaseInUseError);
    } finally {
      await first.close();
    }
    assert.equal(fs.existsSync(lockFile), false);
  });

  it('refuses while the process named in the file is running, and names it', async () => {
    // Process 1 is always running; with its real start time, the file is its own.
    fs.writeFileSync(lockFile, `1 ${startTimeOf(1)}\n`);
    try {
      await assert.rejects(openDatabase({ kind: 'pglite', dataDir }), /in use by process 1\b.*delete .*pglite\.pid/s);
      assert.equal(holder(), '1', 'the file is left alone');
    } finally {
      fs.rmSync(lockFile);
    }
  });

  for (const [left, contents] of [
    ['by a process that is gone', `${2 ** 22 + 1} 123\n`],
    ['by a process whose number now belongs to a later one', `1 ${Number(startTimeOf(1)) + 1}\n`],
    // In a container Hearth is often process 1 on every start: a file naming this very process was left by its
    // previous life.
    ['naming this process, by its previous life', `${process.pid} 1\n`],
  ] as const) {
    it(`takes over a file left ${left}`, async () => {
      fs.writeFileSync(lockFile, contents);
      const database = await openDatabase({ kind: 'pglite', dataDir });
      try {
        assert.equal(holder(), String(process.pid));
      } finally {
        await database.close();
      }
    });
  }
});
