import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Config } from '../../config.js';
import { testConfig } from '../../../tests/support/app.js';
import { migratedDataDirectory, postgresUrl, scratchPostgresDatabase } from '../../../tests/support/database.js';
import { systemActor } from '../audit.js';
import { databaseSourceFor, openDatabase } from '../db/database.js';
import { platformServices } from '../services.js';
import { backUp } from './backup.js';
import { MANIFEST, tableRows, type Manifest } from './manifest.js';
import { restore } from './restore.js';

const UPLOAD = path.join('uploads', '2026', 'fictional-leaflet.txt');

/** Writes records, audit entries and an uploaded file, as a running Hearth would. */
async function fill(config: Config): Promise<Record<string, number>> {
  const database = await openDatabase(databaseSourceFor(config));
  try {
    const services = platformServices(database.db, config);
    await services.people.inviteAdministrator('first.admin@example.org');
    for (let i = 0; i < 5; i += 1)
      await services.audit.record({ actor: systemActor('backup test'), action: 'test.filled', details: { i } });
    await fs.mkdir(path.dirname(path.join(config.dataDir, UPLOAD)), { recursive: true });
    await fs.writeFile(path.join(config.dataDir, UPLOAD), 'A leaflet for the plainly fictional Samplefield family centre.\n');
    return await tableRows(database.db);
  } finally {
    await database.close();
  }
}

async function rowsOf(config: Config) {
  const database = await openDatabase(databaseSourceFor(config));
  try {
    return await tableRows(database.db);
  } finally {
    await database.close();
  }
}

// Both kinds when the run has a PostgreSQL server (npm run test:db in CI), as each is backed up its own way.
const KINDS = postgresUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

for (const kind of KINDS) {
  describe(`backup and restore (${kind})`, () => {
    let root: string;
    let source: Config;
    let backupDir: string;
    let filled: Record<string, number>;
    const drops: (() => Promise<void>)[] = [];

    /** A new, empty instance to restore into: its own data folder and, on PostgreSQL, its own empty database. */
    async function freshInstance(name: string): Promise<Config> {
      const dataDir = path.join(root, name);
      if (kind === 'pglite') return testConfig({ HEARTH_DATA_DIR: dataDir });
      const empty = await scratchPostgresDatabase({ migrated: false });
      drops.push(empty.drop);
      return testConfig({ HEARTH_DATA_DIR: dataDir, DATABASE_URL: empty.url });
    }

    before(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'hearth-backup-'));
      const dataDir = path.join(root, 'source');
      if (kind === 'pglite') {
        await migratedDataDirectory(dataDir);
        source = testConfig({ HEARTH_DATA_DIR: dataDir });
      } else {
        const migrated = await scratchPostgresDatabase({ migrated: true });
        drops.push(migrated.drop);
        source = testConfig({ HEARTH_DATA_DIR: dataDir, DATABASE_URL: migrated.url });
      }
      filled = await fill(source);
      backupDir = path.join(root, 'backup');
      const backedUp = await backUp(source, backupDir);
      assert.ok(backedUp.ok, backedUp.ok ? '' : backedUp.problem);
    });

    after(async () => {
      for (const drop of drops) await drop();
      await fs.rm(root, { recursive: true, force: true });
    });

    it('restores every row, the audit chain and the uploaded files into a fresh instance', async () => {
      const target = await freshInstance('restored');
      const restored = await restore(target, backupDir);
      assert.ok(restored.ok, restored.ok ? '' : restored.problem);
      assert.deepEqual(await rowsOf(target), filled);
      assert.ok(filled.users! >= 1 && filled.audit_log! >= 6, 'the source held the records written');
      assert.equal(
        await fs.readFile(path.join(target.dataDir, UPLOAD), 'utf8'),
        'A leaflet for the plainly fictional Samplefield family centre.\n',
      );
      const database = await openDatabase(databaseSourceFor(target));
      try {
        assert.equal((await platformServices(database.db, target).audit.verify()).firstBroken, null);
      } finally {
        await database.close();
      }
    });

    it('never restores over a database that is in use, nor backs up into a folder that holds something', async () => {
      const refused = await restore(source, backupDir);
      assert.equal(refused.ok, false);
      assert.match(refused.ok ? '' : refused.problem, /already (has tables|holds a database|exists)/);
      const intoUsed = await backUp(source, backupDir);
      assert.equal(intoUsed.ok, false);
      assert.match(intoUsed.ok ? '' : intoUsed.problem, /is not empty/);
      assert.deepEqual(await rowsOf(source), filled);
    });

    it('refuses a data folder that already holds one of the files before writing anything', async () => {
      const target = await freshInstance('files-in-the-way');
      await fs.mkdir(path.dirname(path.join(target.dataDir, UPLOAD)), { recursive: true });
      await fs.writeFile(path.join(target.dataDir, UPLOAD), 'already here');
      const refused = await restore(target, backupDir);
      assert.equal(refused.ok, false);
      assert.match(refused.ok ? '' : refused.problem, /already exists: restore into an empty data folder/);
      // The database was left untouched: a second try into it, once the file is moved, succeeds.
      await fs.rm(path.join(target.dataDir, UPLOAD));
      const restored = await restore(target, backupDir);
      assert.ok(restored.ok, restored.ok ? '' : restored.problem);
    });

    it('names what differs when a backup was damaged or is of another kind', async () => {
      const damaged = path.join(root, 'damaged');
      await fs.cp(backupDir, damaged, { recursive: true });
      const manifest = JSON.parse(await fs.readFile(path.join(damaged, MANIFEST), 'utf8')) as Manifest;
      manifest.rows.users = manifest.rows.users! + 1;
      await fs.writeFile(path.join(damaged, MANIFEST), JSON.stringify(manifest));
      await fs.writeFile(path.join(damaged, 'files', UPLOAD), 'changed after the backup');
      const restored = await restore(await freshInstance('from-damaged'), damaged);
      assert.equal(restored.ok, false);
      const problem = restored.ok ? '' : restored.problem;
      assert.match(problem, /table users has \d+ rows; the backup had \d+/);
      assert.match(problem, /file uploads\/2026\/fictional-leaflet.txt differs from the backup/);

      const otherKind =
        kind === 'pglite' ? { ...source, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' } : { ...source, databaseUrl: undefined };
      const crossed = await restore(otherKind, backupDir);
      assert.equal(crossed.ok, false);
      assert.match(crossed.ok ? '' : crossed.problem, /restore it into the same kind of database/);
      const notABackup = await restore(source, root);
      assert.match(notABackup.ok ? '' : notABackup.problem, /is not a Hearth backup folder/);
    });
  });
}
