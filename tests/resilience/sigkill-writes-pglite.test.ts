import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pgliteDirectory } from '../../src/platform/db/database.js';
import { migratedDataDirectory } from '../support/database.js';
import { crashRounds, environment } from './crash-rounds.js';

describe('SIGKILL in the middle of writes, on PGlite', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-crash-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged write, writes nothing by halves, and the audit chain verifies', async (t) => {
    await migratedDataDirectory(dataDir);
    await crashRounds(t, 'pglite', await environment(dataDir), { kind: 'pglite', dataDir: pgliteDirectory(dataDir) });
  });
});
