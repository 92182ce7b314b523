import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, testApp, uniqueEmail, type TestContext } from '../../tests/support/app.js';
import { startSmtpSink } from '../../tests/support/smtp.js';
import { recurringJobsFor } from './job-handlers.js';
import { backoffSeconds, createJobQueue, createWorker, releaseExpiredLeases } from './jobs.js';

describe('the jobs table', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('runs each due job once, even with two workers draining at the same time', async () => {
    const queue = createJobQueue(t.app.services.db);
    const kind = `test.count.${Date.now()}`;
    for (let i = 0; i < 30; i += 1) await queue.enqueue(kind, { i });
    const seen: number[] = [];
    const handlers = { [kind]: async (payload: Record<string, unknown>) => void seen.push(Number(payload.i)) };
    const workers = ['a', 'b'].map((name) => createWorker({ db: t.app.services.db, log: t.app.log, handlers, name, batchSize: 4 }));
    await Promise.all(workers.map((w) => w.drain()));
    assert.deepEqual(
      [...seen].sort((x, y) => x - y),
      Array.from({ length: 30 }, (_, i) => i),
    );
    const left = await t.app.services.db
      .selectFrom('jobs')
      .select('status')
      .where('kind', '=', kind)
      .where('status', '!=', 'done')
      .execute();
    assert.deepEqual(left, []);
  });

  it('leaves a job that is not yet due', async () => {
    const queue = createJobQueue(t.app.services.db);
    const kind = `test.later.${Date.now()}`;
    await queue.enqueue(kind, {}, { runAt: new Date(Date.now() + 3_600_000) });
    let ran = false;
    await createWorker({ db: t.app.services.db, log: t.app.log, handlers: { [kind]: async () => void (ran = true) } }).drain();
    assert.equal(ran, false);
  });

  it('retries a failing job with growing delays, then gives up and keeps the error', async () => {
    const queue = createJobQueue(t.app.services.db);
    const kind = `test.fail.${Date.now()}`;
    const id = await queue.enqueue(kind, {}, { maxAttempts: 2 });
    const worker = createWorker({
      db: t.app.services.db,
      log: t.app.log,
      handlers: { [kind]: async () => Promise.reject(new Error('printer on fire')) },
    });
    await worker.drain();
    const first = await t.app.services.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(first.status, 'queued');
    assert.equal(first.attempts, 1);
    assert.equal(first.last_error, 'printer on fire');
    assert.ok(first.run_at.getTime() > Date.now() + 20_000, 'the retry waits');

    await t.app.services.db.updateTable('jobs').set({ run_at: new Date() }).where('id', '=', id).execute();
    await worker.drain();
    const last = await t.app.services.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(last.status, 'failed');
    assert.equal(last.attempts, 2);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map(backoffSeconds), [30, 120, 480, 1920, 7680, 21600, 21600]);
  });
});

describe('mail through SMTP', () => {
  it('delivers the confirmation email through a real SMTP server by a job', async () => {
    const smtp = await startSmtpSink();
    const t = await testApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Hearth <no-reply@hearth.test>' });
    try {
      const email = uniqueEmail('smtp');
      await new FormClient(t.app).submit('/register', { email, password: 'quiet meadow lantern' });
      assert.equal(smtp.received.length, 0, 'nothing is sent inside the request');
      await t.app.worker.drain();
      assert.equal(smtp.received.length, 1);
      const [mail] = smtp.received;
      assert.deepEqual(mail!.to, [email]);
      assert.match(mail!.raw, /Subject: Confirm your email address for Hearth/);
      assert.match(mail!.raw.replace(/=\r?\n/g, ''), /http:\/\/hearth\.test\/register\/confirm\?token=/);
      const stored = await t.app.services.db
        .selectFrom('mail_messages')
        .select(['status', 'sent_at'])
        .where('to_address', '=', email)
        .executeTakeFirstOrThrow();
      assert.equal(stored.status, 'sent');
      assert.ok(stored.sent_at);
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('keeps a message and retries it later when the server refuses it', async () => {
    const smtp = await startSmtpSink({ refuse: true });
    const t = await testApp({ SMTP_URL: smtp.url });
    try {
      const id = await t.app.services.mailer.send({ to: 'refused@example.org', subject: 'Test', text: 'Hello' });
      await t.app.worker.drain();
      const message = await t.app.services.db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(message.status, 'failed');
      assert.match(message.last_error ?? '', /Mailbox unavailable/);
      const job = await t.app.services.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'mail.send')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(job.status, 'queued', 'it will be tried again');
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('keeps messages in the outbox when there is no SMTP server', async () => {
    const t = await testApp();
    try {
      const id = await t.app.services.mailer.send({ to: 'kept@example.org', subject: 'Kept', text: 'Hello' });
      const message = await t.app.services.db.selectFrom('mail_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(message.status, 'kept');
      const jobs = await t.app.services.db.selectFrom('jobs').select('id').where('kind', '=', 'mail.send').execute();
      assert.equal(jobs.length, 0);
    } finally {
      await t.close();
    }
  });
});

describe('recurring jobs', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('keeps exactly one run queued, and queues the next after each run, even when it fails', async () => {
    const queue = createJobQueue(t.app.services.db);
    const kind = `test.recurring.${Date.now()}`;
    await Promise.all([queue.ensureRecurring([{ kind, everySeconds: 3600 }]), queue.ensureRecurring([{ kind, everySeconds: 3600 }])]);
    const queued = () => t.app.services.db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('status', '=', 'queued').execute();
    assert.equal((await queued()).length, 1, 'two workers starting at once schedule it once');

    let runs = 0;
    const worker = createWorker({
      db: t.app.services.db,
      log: t.app.log,
      handlers: {
        [kind]: async () => {
          runs += 1;
          if (runs === 2) throw new Error('disk full');
        },
      },
    });
    await worker.drain();
    const next = await queued();
    assert.equal(runs, 1);
    assert.equal(next.length, 1);
    assert.ok(next[0]!.run_at.getTime() > Date.now() + 3_500_000, 'the next run is an hour away');

    await t.app.services.db.updateTable('jobs').set({ run_at: new Date() }).where('id', '=', next[0]!.id).execute();
    await worker.drain();
    assert.equal(runs, 2);
    const failed = await t.app.services.db.selectFrom('jobs').selectAll().where('id', '=', next[0]!.id).executeTakeFirstOrThrow();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.last_error, 'disk full');
    assert.equal((await queued()).length, 1, 'a failure does not stop the timetable');
  });

  it('schedules the platform’s housekeeping', async () => {
    await t.app.services.jobs.ensureRecurring(recurringJobsFor([]));
    const kinds = await t.app.services.db
      .selectFrom('jobs')
      .select('kind')
      .where('recurring_seconds', 'is not', null)
      .where('status', '=', 'queued')
      .execute();
    assert.ok(kinds.some((k) => k.kind === 'sessions.clean'));
    assert.ok(kinds.some((k) => k.kind === 'sign-in-attempts.clean'));
  });
});

describe('jobs whose worker died', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('go back in the queue once their lease has run out, and only then; out of attempts, they fail', async () => {
    const queue = t.app.services.jobs;
    const db = t.app.services.db;
    const stuck = await queue.enqueue('test.stuck', {});
    const busy = await queue.enqueue('test.busy', {});
    const spent = await queue.enqueue('test.spent', {}, { maxAttempts: 2 });
    const lapsed = new Date(Date.now() - 20 * 60_000);
    await db
      .updateTable('jobs')
      .set({ status: 'running', locked_by: 'gone', locked_at: lapsed, attempts: 1 })
      .where('id', '=', stuck)
      .execute();
    await db.updateTable('jobs').set({ status: 'running', locked_by: 'alive', locked_at: new Date() }).where('id', '=', busy).execute();
    await db
      .updateTable('jobs')
      .set({ status: 'running', locked_by: 'gone', locked_at: lapsed, attempts: 2 })
      .where('id', '=', spent)
      .execute();
    // A recurring job whose next run another worker queued meanwhile (at its start), and one whose next run is not queued.
    const kind = `test.recurring-stuck.${Date.now()}`;
    const lone = `test.recurring-lone.${Date.now()}`;
    await queue.ensureRecurring([{ kind, everySeconds: 3600 }]);
    await db.updateTable('jobs').set({ status: 'running', locked_by: 'gone', locked_at: lapsed }).where('kind', '=', kind).execute();
    await queue.ensureRecurring([
      { kind, everySeconds: 3600 },
      { kind: lone, everySeconds: 3600 },
    ]);
    await db.updateTable('jobs').set({ status: 'running', locked_by: 'gone', locked_at: lapsed }).where('kind', '=', lone).execute();
    assert.equal(await releaseExpiredLeases(db, 15 * 60), 4);
    const recurring = await db
      .selectFrom('jobs')
      .select(['kind', 'status'])
      .where('kind', 'in', [kind, lone])
      .orderBy('kind')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      recurring.map((r) => [r.kind, r.status]),
      [
        [lone, 'failed'],
        [lone, 'queued'],
        [kind, 'failed'],
        [kind, 'queued'],
      ],
      'a recurring run cut short fails, and exactly one next run is queued',
    );
    const rows = await db
      .selectFrom('jobs')
      .select(['id', 'status', 'locked_by'])
      .where('id', 'in', [stuck, busy, spent])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.status, r.locked_by]),
      [
        ['queued', null],
        ['running', 'alive'],
        ['failed', null],
      ],
    );
  });

  it('a worker renews the lease of the jobs it holds while one of them runs long', async () => {
    const db = t.app.services.db;
    const kind = `test.long.${Date.now()}`;
    const id = await t.app.services.jobs.enqueue(kind, {});
    let meanwhile: { status: string; locked_by: string | null } | undefined;
    const worker = createWorker({
      db,
      log: t.app.log,
      name: 'renewing',
      leaseSeconds: 2,
      handlers: {
        // Runs for three leases; a second worker looking for lapsed leases meanwhile must find none.
        [kind]: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5000));
          await releaseExpiredLeases(db, 2);
          meanwhile = await db.selectFrom('jobs').select(['status', 'locked_by']).where('id', '=', id).executeTakeFirst();
        },
      },
    });
    await worker.drain();
    assert.deepEqual(meanwhile, { status: 'running', locked_by: 'renewing' });
    const job = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
    assert.equal(job.attempts, 1);
  });

  it('a stopping worker begins no further job, hands back those it claimed, and the one it could not finish', async () => {
    const db = t.app.services.db;
    const kind = `test.stopping.${Date.now()}`;
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push(await t.app.services.jobs.enqueue(kind, { i }));
    let begun = 0;
    let release: () => void = () => {};
    const worker = createWorker({
      db,
      log: t.app.log,
      name: 'stopping',
      pollMs: 10,
      handlers: {
        [kind]: () => {
          begun += 1;
          return new Promise<void>((resolve) => (release = resolve));
        },
      },
    });
    worker.start();
    while (begun === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop(200);
    assert.equal(begun, 1);
    const rows = await db.selectFrom('jobs').selectAll().where('id', 'in', ids).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.status, r.locked_by, r.attempts]),
      [
        ['queued', null, 1],
        ['queued', null, 0],
        ['queued', null, 0],
        ['queued', null, 0],
      ],
      'the job cut short keeps its attempt; the others get theirs back',
    );
    // The job cut short finishing late does not mark as done a job that is no longer this worker's.
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await db.selectFrom('jobs').select('status').where('id', '=', ids[0]!).executeTakeFirstOrThrow()).status, 'queued');
  });
});
