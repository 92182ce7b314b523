import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pgliteDirectory } from '../../src/platform/db/database.js';
import { lockFileFor } from '../../src/platform/db/pglite-lock.js';
import { migratedDataDirectory } from '../support/database.js';
import { freePort } from '../support/free-port.js';
import { hearthEnvironment, runHearth, startHearth, type HearthProcess } from './hearth-process.js';

describe('two processes on one embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-lock-'));
  const env = hearthEnvironment({ dataDir });
  const lockFile = lockFileFor(pgliteDirectory(dataDir));
  let running: HearthProcess | undefined;
  after(async () => {
    await running?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second `hearth start` while one runs, and lets one in after it was killed with SIGKILL', async () => {
    await migratedDataDirectory(dataDir);
    running = await startHearth(env);
    assert.equal(fs.readFileSync(lockFile, 'utf8').split(' ')[0], String(running.pid));

    // On a port of its own, so that only the lock can stop it.
    const refusedStart = runHearth(['start'], { ...env, PORT: String(await freePort()) });
    assert.equal(refusedStart.status, 1);
    assert.match(refusedStart.stderr, new RegExp(`is in use by process ${running.pid}\\b`));
    assert.doesNotMatch(refusedStart.stderr, /\n\s+at /, 'a message, not a stack trace');
    assert.equal((await fetch(`${running.url}/readyz`)).status, 200, 'the first process is untouched');

    // Killed: no handler runs, so its file stays, naming a process that is gone.
    await running.kill();
    assert.ok(fs.existsSync(lockFile));
    const verify = runHearth(['audit', 'verify'], env);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    assert.equal(fs.existsSync(lockFile), false, 'released when the command closed the database');
  });
});
