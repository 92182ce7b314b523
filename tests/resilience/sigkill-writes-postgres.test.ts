import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { MODULES } from '../../src/modules/index.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrations.js';
import { crashRounds, environment } from './crash-rounds.js';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js';

// A PostgreSQL server of the test's own: the shared one on 5432 is never touched.
describe('SIGKILL in the middle of writes, on PostgreSQL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-crash-'));
  let server: OwnPostgres | undefined;
  after(() => {
    server?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, writes nothing by halves, and the audit chain verifies', async (t) => {
    server = await startOwnPostgres();
    const setUp = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 1 });
    await migrateToLatest(setUp.db, MODULES);
    await setUp.close();
    await crashRounds(t, 'postgres', await environment(dataDir, server.url), { kind: 'postgres', url: server.url, poolSize: 2 });
  });
});
