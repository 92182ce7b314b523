import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.js';
import { MODULES } from '../../src/modules/index.js';
import { personActor } from '../../src/platform/audit.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrations.js';
import { createJobQueue } from '../../src/platform/jobs.js';
import { createMailer } from '../../src/platform/mail.js';
import { eventually, exitWithin, runHearth, type HearthProcess } from './hearth-command.js';
import { testConfig } from '../support/app.js';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js';
import { startSlowSmtp } from './slow-smtp.js';

// Short, so that the test waits seconds for the lease rather than the five minutes of production.
const LEASE_SECONDS = 2;

describe('a worker killed part-way through a job (PostgreSQL, two hearth worker processes)', () => {
  let server: OwnPostgres;
  let database: DatabaseHandle;
  before(async () => {
    server = await startOwnPostgres();
    database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 });
    await migrateToLatest(database.db, MODULES);
  });
  after(async () => {
    await database?.close();
    server?.destroy();
  });

  it('runs the job again on another worker once its lease has run out, and the email arrives once', async () => {
    const smtp = await startSlowSmtp();
    const workers: HearthProcess[] = [];
    try {
      const mailer = createMailer(database.db, createJobQueue(database.db), {
        smtpUrl: smtp.url,
        from: 'Hearth <no-reply@hearth.example>',
      });
      const messageId = await mailer.send({ to: 'kept-waiting@example.org', subject: 'A fictional reminder', text: 'Sent once.' });
      const job = () =>
        database.db
          .selectFrom('jobs')
          .selectAll()
          .where('kind', '=', 'mail.send')
          .where(sql<boolean>`payload->>'messageId' = ${messageId}`)
          .executeTakeFirstOrThrow();
      const env = { DATABASE_URL: server.url, SMTP_URL: smtp.url, JOB_LEASE_SECONDS: String(LEASE_SECONDS) };

      // The first worker takes the job and waits on the slow mail server; it is killed there, as by the kernel's OOM
      // killer or a lost machine: no chance to hand the job back.
      const first = runHearth(['worker'], env);
      workers.push(first);
      await first.waitForOutput(/worker started/);
      await eventually('the first worker is in the middle of the job', async () => smtp.connections() > 0);
      first.child.kill('SIGKILL');
      assert.equal(await first.exited, null);
      const orphaned = await job();
      assert.equal(orphaned.status, 'running');
      assert.equal(orphaned.locked_by, `${os.hostname()}:${first.child.pid}`);
      assert.equal(smtp.received.length, 0);

      // The mail server answers again; a second worker takes the job once the lease has run out, and sends it.
      smtp.release();
      const second = runHearth(['worker'], env);
      workers.push(second);
      await second.waitForOutput(/worker started/);
      const done = await eventually(
        'the job is done',
        async () => {
          const row = await job();
          return row.status === 'done' && row;
        },
        30_000,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await job())}\n${second.output()}`);
      });
      assert.equal(done.attempts, 2, 'it ran twice: once cut short, once to the end');
      second.child.kill('SIGTERM');
      assert.equal(await exitWithin(second, 10_000), 0);

      // With both workers gone, nothing more can be sent: what arrived is all that ever will.
      assert.equal(smtp.received.length, 1);
      assert.deepEqual(smtp.received[0]!.to, ['kept-waiting@example.org']);
      assert.equal(smtp.received[0]!.messageId, `<${messageId}@hearth.example>`);
      const message = await database.db.selectFrom('mail_messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
      assert.equal(message.status, 'sent');
    } finally {
      for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await smtp.close();
    }
  });

  it('a newsletter batch cut short is finished by another worker, each subscriber getting one copy', async () => {
    // The mail server takes the first three copies, then keeps the worker waiting on the fourth.
    const smtp = await startSlowSmtp({ holdAfter: 3 });
    const workers: HearthProcess[] = [];
    try {
      const readers = Array.from({ length: 8 }, (_, i) => `fictional-reader-${i}@example.org`);
      await database.db
        .insertInto('newsletter_subscribers')
        .values(readers.map((email) => ({ email, status: 'subscribed' as const, consent_method: 'test', consent_wording_version: 'test' })))
        .execute();
      const app = await buildApp(testConfig({ DATABASE_URL: server.url, SMTP_URL: smtp.url }), { startWorker: false });
      let issueId: string;
      try {
        await app.ready();
        const editor = personActor({ id: '00000000-0000-4000-8000-000000000000', email: 'editor@example.org' }, '::1');
        issueId = await app.supporters.issues.create({ subject: 'Fictional autumn news', intro: 'Hello.', itemIds: [] }, editor);
        assert.deepEqual(await app.supporters.issues.startSending(issueId, editor), { ok: true });
      } finally {
        await app.close();
      }
      const env = { DATABASE_URL: server.url, SMTP_URL: smtp.url, JOB_LEASE_SECONDS: String(LEASE_SECONDS) };
      const sentRows = async () =>
        (await database.db.selectFrom('newsletter_deliveries').select('status').where('issue_id', '=', issueId).execute()).filter(
          (row) => row.status === 'sent',
        ).length;

      // Killed once the first three copies are taken and recorded, while it waits on the fourth.
      const first = runHearth(['worker'], env);
      workers.push(first);
      await eventually('three copies are sent and recorded', async () => (await sentRows()) === 3);
      first.child.kill('SIGKILL');
      await first.exited;
      assert.equal(smtp.received.length, 3);

      smtp.release();
      const second = runHearth(['worker'], env);
      workers.push(second);
      await eventually('the issue is sent', async () => {
        const issue = await database.db
          .selectFrom('newsletter_issues')
          .select('status')
          .where('id', '=', issueId)
          .executeTakeFirstOrThrow();
        return issue.status === 'sent';
      });
      second.child.kill('SIGTERM');
      assert.equal(await exitWithin(second, 10_000), 0);

      assert.equal(await sentRows(), readers.length);
      assert.deepEqual(smtp.received.flatMap((mail) => mail.to).sort(), [...readers].sort(), 'each subscriber once');
      const ids = smtp.received.map((mail) => mail.messageId);
      assert.equal(new Set(ids).size, readers.length, 'each copy has its own Message-ID');
      for (const id of ids) assert.match(id ?? '', new RegExp(`^<newsletter-${issueId}-[0-9a-f-]+@hearth\\.example>$`));
    } finally {
      for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await smtp.close();
    }
  });
});
