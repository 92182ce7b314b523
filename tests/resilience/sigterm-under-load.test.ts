import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MODULES } from '../../src/modules/index.js';
import { openDatabase, pgliteDirectory, type DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrations.js';
import { createJobQueue } from '../../src/platform/jobs.js';
import { createMailer } from '../../src/platform/mail.js';
import { migratedDataDirectory } from '../support/database.js';
import { freePort } from '../support/free-port.js';
import { eventually, exitWithin, runHearth, type HearthProcess } from './hearth-command.js';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js';
import { startSlowSmtp } from './slow-smtp.js';

/** A platform sends SIGKILL this long after SIGTERM (Kubernetes' default grace period is 30 s; many allow only 10 s). */
const KILLED_AFTER_MS = 10_000;
const MAILS = 15;

type Outcome = { status: number; body: string } | { error: string; afterResponseBegan: boolean };

/** One request on a connection of its own, as a visitor's browser or a load balancer makes them. */
function get(port: number, url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    let began = false;
    const request = http.get({ host: '127.0.0.1', port, path: url, agent: false }, (response) => {
      began = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, afterResponseBegan: true }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (!began) resolve({ error: error.code ?? error.message, afterResponseBegan: false });
    });
  });
}

/**
 * A form sent slowly, as from a poor connection: the server has the request (it has answered `100 Continue`) before
 * the body comes. `finish` sends the body; `answer` is what came back.
 */
async function slowPost(port: number) {
  const body = 'email=slow%40example.org&password=quiet+meadow+lantern';
  const request = http.request({
    host: '127.0.0.1',
    port,
    path: '/sign-in',
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length, expect: '100-continue' },
  });
  const answer = new Promise<Outcome>((resolve) => {
    let began = false;
    request.on('response', (response) => {
      began = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text }));
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, afterResponseBegan: true }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, afterResponseBegan: began }));
  });
  request.flushHeaders();
  await new Promise<void>((resolve, reject) => {
    request.once('continue', resolve);
    void answer.then((outcome) => reject(new Error(`answered before the body was sent: ${JSON.stringify(outcome)}`)));
  });
  return { answer, finish: () => request.end(body) };
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

/** Mail queued before Hearth starts, so that its worker has a batch of jobs to claim as soon as it polls. */
async function queueMail(database: DatabaseHandle, smtpUrl: string) {
  const mailer = createMailer(database.db, createJobQueue(database.db), { smtpUrl, from: 'Hearth <no-reply@hearth.example>' });
  for (let i = 0; i < MAILS; i += 1) {
    await mailer.send({ to: `reader-${i}@example.org`, subject: `Fictional notice ${i}`, text: 'Nothing to see: a test.' });
  }
}

async function mailJobs(database: DatabaseHandle) {
  return database.db.selectFrom('jobs').select(['status', 'locked_by', 'attempts']).where('kind', '=', 'mail.send').orderBy('id').execute();
}

interface Deployment {
  /** The environment of every process: where the database is. */
  env: Record<string, string>;
  /** `hearth worker` processes beside `hearth start`, or none when the worker runs inside it (PGlite). */
  separateWorker: boolean;
  open(): Promise<DatabaseHandle>;
}

/**
 * Requests under way when SIGTERM comes are answered in full, new connections are refused, the job under way finishes,
 * the jobs claimed but not begun go back to the queue at once, and every process exits by itself, with 0, before the
 * platform's SIGKILL.
 */
async function sigtermUnderLoad(deployment: Deployment, note: (message: string) => void) {
  const smtp = await startSlowSmtp();
  const processes: HearthProcess[] = [];
  try {
    const seeding = await deployment.open();
    await queueMail(seeding, smtp.url);
    await seeding.close();

    const port = await freePort();
    const env = { ...deployment.env, PORT: String(port), SMTP_URL: smtp.url };
    const web = runHearth(['start'], { ...env, HEARTH_IN_PROCESS_WORKER: String(!deployment.separateWorker) });
    processes.push(web);
    await web.waitForOutput(/Hearth is running at/);
    if (deployment.separateWorker) {
      const worker = runHearth(['worker'], env);
      processes.push(worker);
      await worker.waitForOutput(/worker started/);
    }
    // A worker has claimed a batch and is in the middle of its first mail, waiting for the slow mail server.
    await eventually('a worker connects to the mail server', async () => smtp.connections() > 0);

    // Load: a steady stream of page and API requests, each on a new connection, and three slow forms under way.
    let loading = true;
    const outcomes: Outcome[] = [];
    const urls = ['/healthz', '/', '/api/v1/flows', '/sign-in'];
    const load = Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = 0; loading; i += 1) outcomes.push(await get(port, urls[(lane + i) % urls.length]!));
      }),
    );
    while (outcomes.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const slow = await Promise.all([slowPost(port), slowPost(port), slowPost(port)]);

    for (const hearth of processes) hearth.child.kill('SIGTERM');
    const killedAt = Date.now();
    await eventually('new connections are refused', () => refusesConnections(port), KILLED_AFTER_MS);
    for (const form of slow) form.finish();
    smtp.release();

    const codes = [];
    for (const hearth of processes) codes.push(await exitWithin(hearth, KILLED_AFTER_MS - (Date.now() - killedAt)));
    loading = false;
    await load;
    assert.deepEqual(
      codes,
      processes.map(() => 0),
      'every process stops by itself',
    );
    const tally = new Map<string, number>();
    for (const o of outcomes) {
      const key = 'status' in o ? String(o.status) : o.error;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    note(`stopped ${Date.now() - killedAt} ms after SIGTERM; requests: ${JSON.stringify(Object.fromEntries(tally))}`);

    for (const answer of await Promise.all(slow.map((form) => form.answer))) {
      assert.ok('status' in answer, `a form under way is answered: ${JSON.stringify(answer)}`);
      assert.ok(answer.status < 500 && answer.body.length > 0, `in full: ${answer.status}`);
    }
    const cutShort = outcomes.filter((o) => 'error' in o && o.afterResponseBegan);
    assert.deepEqual(cutShort, [], 'no answer is cut off part-way');
    const answered = outcomes.filter((o) => 'status' in o);
    assert.ok(answered.length >= 20);
    for (const o of answered) assert.ok(o.status < 500 || o.status === 503, `${o.status}`);

    // The mail under way was sent; nothing begun after SIGTERM; the rest of the batch is back in the queue, unclaimed.
    assert.equal(smtp.received.length, 1);
    const check = await deployment.open();
    try {
      const jobs = await mailJobs(check);
      assert.equal(jobs.length, MAILS);
      assert.deepEqual(
        jobs.map((j) => [j.status, j.locked_by, j.attempts]),
        [['done', null, 1], ...Array.from({ length: MAILS - 1 }, () => ['queued', null, 0])],
      );
    } finally {
      await check.close();
    }
  } finally {
    for (const hearth of processes) if (hearth.child.exitCode === null) hearth.child.kill('SIGKILL');
    await smtp.close();
  }
}

describe('SIGTERM under load, on PGlite (hearth start with its worker inside)', () => {
  let dataDir: string;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-sigterm-'));
    await migratedDataDirectory(dataDir);
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('answers the requests under way, refuses new ones, hands back claimed jobs and exits before SIGKILL', (t) =>
    sigtermUnderLoad(
      {
        env: { HEARTH_DATA_DIR: dataDir, DATABASE_URL: '' },
        separateWorker: false,
        open: () => openDatabase({ kind: 'pglite', dataDir: pgliteDirectory(dataDir) }),
      },
      (message) => t.diagnostic(message),
    ));
});

describe('SIGTERM under load, on PostgreSQL (hearth start and hearth worker)', () => {
  let server: OwnPostgres;
  before(async () => {
    server = await startOwnPostgres();
    const database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 });
    await migrateToLatest(database.db, MODULES);
    await database.close();
  });
  after(() => server?.destroy());

  it('answers the requests under way, refuses new ones, hands back claimed jobs and exits before SIGKILL', (t) =>
    sigtermUnderLoad(
      {
        env: { DATABASE_URL: server.url },
        separateWorker: true,
        open: () => openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 }),
      },
      (message) => t.diagnostic(message),
    ));
});
