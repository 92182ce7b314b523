import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { migratedDataDirectory } from '../tests/support/database.js';

describe('npx hearth migrate', () => {
  it('finds nothing left to apply on the test template, so the template is what the command builds', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-migrate-'));
    try {
      await migratedDataDirectory(dataDir);
      const result = spawnSync(process.execPath, ['bin/hearth.mjs', 'migrate'], {
        env: {
          ...process.env,
          HEARTH_DATA_DIR: dataDir,
          DATABASE_URL: '',
          NODE_ENV: 'development',
          LOG_LEVEL: 'silent',
          HEARTH_DEMO: 'false',
          HEARTH_SECRET: 'a-secret-for-the-migrate-command-test-0123456789',
        },
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /The database is up to date\./);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
