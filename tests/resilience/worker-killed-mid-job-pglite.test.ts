import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, pgliteDirectory, type Db } from '../../src/platform/db/database.js';
import { createJobQueue } from '../../src/platform/jobs.js';
import { createMailer } from '../../src/platform/mail.js';
import { migratedDataDirectory } from '../support/database.js';
import { eventually } from './hearth-command.js';
import { hearthEnvironment, startHearth, type HearthProcess } from './hearth-process.js';
import { startSlowSmtp } from './slow-smtp.js';

/**
 * On PGlite the worker runs inside `hearth start` (one process per embedded database), so a worker killed part-way
 * through a job is the whole of Hearth killed: SIGKILL while a mail job waits on a slow mail server, then a new
 * `hearth start` on the same folder. The job's lease runs out, the new process runs it again, and the email arrives
 * once, with the Message-ID made from the message's id.
 */
// Short, so that the test waits seconds for the lease rather than the five minutes of production.
const LEASE_SECONDS = 2;
const MAIL_FROM = 'Hearth <no-reply@hearth.example>';

describe('hearth start killed part-way through a mail job (PGlite, the worker inside the web process)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pglite-worker-killed-'));
  const processes: HearthProcess[] = [];
  after(async () => {
    for (const hearth of processes) await hearth.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the job again after its lease once Hearth is started again, and the email arrives once', async () => {
    const smtp = await startSlowSmtp();
    try {
      await migratedDataDirectory(dataDir);
      // Only one process may open the folder: the test opens it while Hearth is not running.
      const withDatabase = async <T>(work: (db: Db) => Promise<T>) => {
        const handle = await openDatabase({ kind: 'pglite', dataDir: pgliteDirectory(dataDir) });
        try {
          return await work(handle.db);
        } finally {
          await handle.close();
        }
      };
      const messageId = await withDatabase((db) =>
        createMailer(db, createJobQueue(db), { smtpUrl: smtp.url, from: MAIL_FROM }).send({
          to: 'kept-waiting@example.org',
          subject: 'A fictional reminder',
          text: 'Sent once.',
        }),
      );
      const job = (db: Db) =>
        db
          .selectFrom('jobs')
          .selectAll()
          .where('kind', '=', 'mail.send')
          .where(sql<boolean>`payload->>'messageId' = ${messageId}`)
          .executeTakeFirstOrThrow();
      const env = hearthEnvironment({
        dataDir,
        extra: { SMTP_URL: smtp.url, MAIL_FROM, JOB_LEASE_SECONDS: String(LEASE_SECONDS) },
      });

      // Hearth takes the job and waits on the slow mail server; it is killed there, as by the out-of-memory killer: no
      // chance to hand the job back.
      const first = await startHearth(env);
      processes.push(first);
      await eventually('the worker inside hearth start is in the middle of the job', async () => smtp.connections() > 0, 30_000);
      await first.kill();
      const orphaned = await withDatabase(job);
      assert.equal(orphaned.status, 'running', 'the claim was written before the mail server was reached');
      assert.equal(orphaned.locked_by, `${os.hostname()}:${first.pid}`);
      assert.equal(smtp.received.length, 0);

      // The mail server answers again; the next start takes the job once its lease has run out, and sends it.
      smtp.release();
      const second = await startHearth(env);
      processes.push(second);
      await eventually('the email arrives', async () => smtp.received.length > 0, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${second.output()}`);
      });
      await second.waitForOutput(/jobs whose worker stopped before finishing went back in the queue/);
      assert.equal(await second.stop(), 0, second.output());

      // With Hearth stopped, nothing more can be sent: what arrived is all that ever will.
      const done = await withDatabase(job);
      assert.equal(done.status, 'done', JSON.stringify(done));
      assert.equal(done.attempts, 2, 'it ran twice: once cut short, once to the end');
      const message = await withDatabase((db) =>
        db.selectFrom('mail_messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow(),
      );
      assert.equal(message.status, 'sent');
      assert.equal(smtp.received.length, 1, 'one email, not two');
      assert.deepEqual(smtp.received[0]!.to, ['kept-waiting@example.org']);
      assert.equal(smtp.received[0]!.messageId, `<${messageId}@hearth.example>`);
    } finally {
      await smtp.close();
    }
  });
});
