import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.js';
import { MODULES } from '../../src/modules/index.js';
import { createContentWorkflow } from '../../src/modules/content/publishing/service.js';
import { readFields } from '../../src/modules/content/validation.js';
import { systemActor } from '../../src/platform/audit.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrations.js';
import { SESSION_COOKIE } from '../../src/platform/sessions.js';
import { createUser, newSessionToken, testConfig } from '../support/app.js';
import { startSmtpSink } from '../support/smtp.js';
import { eventually, startRoundRobin, startWorker, type LoadBalancer, type WorkerProcess } from './cluster.js';
import { hearthEnvironment, HttpFormClient, startHearth, type HearthProcess } from './hearth-process.js';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js';

/** Every request the balancer passed on since `from`, as the instance each went to. */
const since = (balancer: LoadBalancer, from: number) => balancer.served.slice(from);

async function pageText(url: string) {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return response.text();
}

describe('two instances and two workers on one PostgreSQL, behind a round-robin load balancer', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-scale-out-'));
  let server: OwnPostgres;
  // The test's own view of the database, for what factories make directly: people, sessions, content and mail.
  let setup: FastifyInstance;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let instances: HearthProcess[] = [];
  let workers: WorkerProcess[] = [];
  let balancer: LoadBalancer;

  before(async () => {
    server = await startOwnPostgres();
    const database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 });
    await migrateToLatest(database.db, MODULES);
    await database.close();
    // Each message takes a moment to be accepted, so that a worker is still busy when the other looks for jobs.
    sink = await startSmtpSink({ delayMs: 100 });
    setup = await buildApp(testConfig({ DATABASE_URL: server.url, SMTP_URL: sink.url }), { startWorker: false });
    await setup.ready();
    const env = hearthEnvironment({ dataDir, databaseUrl: server.url, extra: { HEARTH_IN_PROCESS_WORKER: 'false' } });
    instances = await Promise.all([startHearth(env), startHearth(env)]);
    workers = await Promise.all(['worker-a', 'worker-b'].map((name) => startWorker({ ...env, SMTP_URL: `${sink.url}/?name=${name}` })));
    balancer = await startRoundRobin(instances.map((instance) => instance.url));
  });

  after(async () => {
    await balancer?.close();
    await Promise.all([...workers.map((w) => w.stop()), ...instances.map((i) => i.stop())]);
    await setup?.close();
    await sink?.close();
    server?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a session signed in on one instance on the other, and accepts a CSRF token one gave to the other', async () => {
    const member = await createUser(setup, { roles: ['member'] });
    const browser = new HttpFormClient(balancer.url);
    const from = balancer.served.length;
    assert.equal((await browser.get('/sign-in')).status, 200);
    const signedIn = await browser.post('/sign-in', { email: member.email, password: member.password });
    assert.equal(signedIn.status, 303, 'the token and its cookie from the first instance are accepted by the second');
    const pages = [await browser.get('/account'), await browser.get('/account')];
    const route = since(balancer, from);
    assert.notEqual(route[0], route[1], 'the form was read on one instance and sent to the other');
    assert.notEqual(route[2], route[3], 'the account page was read on both');
    for (const page of pages) {
      assert.equal(page.status, 200);
      assert.ok(page.body.includes(member.email), 'signed in on both instances');
    }
    const forged = await browser.post('/sign-in', { _csrf: 'not-a-token', email: member.email, password: member.password });
    assert.equal(forged.status, 403, 'a wrong token is still refused');
  });

  it('counts rate limits and the sign-in throttle across both instances, so the limit comes at the same count as on one', async () => {
    // Registration allows 20 forms in 15 minutes from one address. The limit counts before the CSRF check, so these
    // tokenless forms are each refused (403) until it is reached.
    const from = balancer.served.length;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const response = await fetch(`${balancer.url}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=nobody%40example.org',
      });
      statuses.push(response.status);
    }
    assert.deepEqual(new Set(since(balancer, from)), new Set([0, 1]), 'both instances counted');
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(403));
    assert.equal(statuses[20], 429, 'the 21st is refused, as on one instance (each alone has counted only 10 or 11)');

    // Ten wrong passwords lock an account, wherever they were sent.
    const member = await createUser(setup, { roles: ['member'] });
    const browser = new HttpFormClient(balancer.url);
    await browser.get('/sign-in');
    const attempts = balancer.served.length;
    for (let i = 0; i < 10; i += 1) {
      const wrong = await browser.post('/sign-in', { email: member.email, password: 'not the fictional password' });
      assert.equal(wrong.status, 400);
    }
    assert.deepEqual(new Set(since(balancer, attempts)), new Set([0, 1]));
    const locked = await browser.post('/sign-in', { email: member.email, password: member.password });
    assert.equal(locked.status, 429, 'locked after ten failures on two instances, even with the right password');
  });

  it('empties the page cache of both instances when an editor publishes on one, or a worker publishes on schedule', async () => {
    const { db, audit, jobs } = setup.services;
    // Changes made here tell nobody, so that only the announcements below can empty the instances' caches.
    const quietly = createContentWorkflow(db, audit, jobs, { secondApproval: false, onPublicChange: async () => {} });
    const actor = systemActor('scale-out test');
    const newsItem = async (title: string) => {
      const read = readFields({ type: 'news', subject: 'kinship-care', title, summary: 'A fictional item.', tags: '', body: 'Fictional.' });
      assert.ok(read.ok, JSON.stringify(read));
      return quietly.create(read.fields, actor);
    };
    const onBoth = () => Promise.all(instances.map((instance) => pageText(`${instance.url}/news`)));

    await onBoth(); // each instance keeps its rendering of /news
    const first = 'Fictional family day in Westmere';
    assert.ok((await quietly.publish(await newsItem(first), actor)).ok);
    for (const page of await onBoth()) assert.ok(!page.includes(first), 'served from the cache: nothing has announced the change');

    // An editor saves the front page's settings unchanged, through the balancer: that announces a change of public pages.
    const editor = await createUser(setup, { roles: ['editor'] });
    const cookie = `${SESSION_COOKIE}=${await newSessionToken(setup, editor)}`;
    const form = await fetch(`${balancer.url}/admin/content/home`, { headers: { cookie } });
    assert.equal(form.status, 200);
    const csrfCookie = form.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const html = await form.text();
    const fields = new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1]! });
    for (const [, tag] of html.matchAll(/<input([^>]*)>/g)) {
      const name = /name="(position-[^"]+|visible-[^"]+)"/.exec(tag!)?.[1];
      if (!name) continue;
      if (name.startsWith('visible-') && !/\bchecked\b/.test(tag!)) continue;
      fields.append(name, /value="([^"]*)"/.exec(tag!)![1]!);
    }
    const saved = await fetch(`${balancer.url}/admin/content/home`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: [cookie, ...csrfCookie].join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    assert.equal(saved.status, 303, await saved.text());
    let started = Date.now();
    await eventually('both instances show the item', async () => (await onBoth()).every((page) => page.includes(first)));
    console.log(`# both instances rendered afresh ${Date.now() - started} ms after the editor's save returned`);

    // A worker publishes at the scheduled time, and announces it: the web instances hear it from another process.
    const second = 'Fictional coffee morning in Eastleigh Vale';
    assert.ok((await quietly.publish(await newsItem(second), actor, new Date(Date.now() + 2_000))).ok);
    for (const page of await onBoth()) assert.ok(!page.includes(second), 'not yet published');
    started = Date.now();
    await eventually('both instances show the scheduled item', async () => (await onBoth()).every((page) => page.includes(second)));
    console.log(`# both instances showed the scheduled item ${Date.now() - started} ms after it was scheduled (due after 2,000 ms)`);

    // Each web process listens on a connection of its own, which PostgreSQL shows by name; the workers only announce.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where application_name = 'hearth-changes'`.execute(db);
    assert.equal(rows[0]!.n, instances.length + 1, 'one for each instance, and one for this test’s own app');
  });

  it('shows a board reply on both instances at once, as what each keeps of a thread goes with its version', async () => {
    const { db } = setup.services;
    const rules = { read: ['visitor'], reply: ['member'], start: ['member'] };
    await db
      .insertInto('boards')
      .values({
        slug: 'scale-out',
        title: 'Scale-out',
        description: 'A fictional board for the scale-out test.',
        rules: JSON.stringify(rules),
      })
      .execute();
    const member = await createUser(setup, { roles: ['member'] });
    await db
      .insertInto('board_profiles')
      .values({ user_id: member.id, pseudonym: 'Fictional Parent Ninety', posts_freely: true, approved_posts: 3 })
      .execute();
    const browser = new HttpFormClient(balancer.url);
    await browser.get('/sign-in');
    assert.equal((await browser.post('/sign-in', { email: member.email, password: member.password })).status, 303);
    await browser.get('/boards/scale-out/new');
    const started = await browser.post('/boards/scale-out/new', {
      submissionKey: randomUUID(),
      title: 'A fictional question about plans',
      body: 'Has anyone asked for a copy of the plan?',
    });
    assert.equal(started.status, 303, started.body);
    const thread = `/boards/scale-out/t/${/\/t\/(\d+)/.exec(started.location)![1]}`;
    const onBoth = () => Promise.all(instances.map((instance) => pageText(`${instance.url}${thread}`)));
    for (const page of await onBoth()) assert.ok(page.includes('Has anyone asked for a copy of the plan?'));
    await onBoth(); // a visitor's page of the thread is now kept on each instance

    await browser.get(thread);
    const replied = await browser.post(`${thread}/reply`, {
      submissionKey: randomUUID(),
      body: 'Yes, the fictional social worker sent one.',
    });
    assert.equal(replied.status, 303, replied.body);
    for (const page of await onBoth()) assert.ok(page.includes('the fictional social worker sent one'), 'both show the reply at once');
  });

  it('runs each job once across the two workers', async () => {
    const recipients = Array.from({ length: 40 }, (_, i) => `scale-out-${i}@example.org`);
    for (const to of recipients) await setup.services.mailer.send({ to, subject: 'A fictional message', text: 'Fictional.' });
    const ours = () => sink.received.filter((mail) => mail.to.some((to) => recipients.includes(to)));
    await eventually(
      'every message sent',
      async () => {
        const waiting = await setup.services.db
          .selectFrom('mail_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('to_address', 'in', recipients)
          .where('status', '!=', 'sent')
          .executeTakeFirstOrThrow();
        return Number(waiting.n) === 0;
      },
      60_000,
    );
    const received = ours();
    for (const to of recipients) assert.equal(received.filter((mail) => mail.to.includes(to)).length, 1, `${to} got one message`);
    assert.deepEqual(new Set(received.map((mail) => mail.client)), new Set(['worker-a', 'worker-b']), 'both workers took jobs');
    const runs = await setup.services.db.selectFrom('jobs').select(['status', 'attempts']).where('kind', '=', 'mail.send').execute();
    assert.equal(runs.length, recipients.length);
    assert.ok(
      runs.every((job) => job.status === 'done' && job.attempts === 1),
      'each job claimed once',
    );
  });
});
