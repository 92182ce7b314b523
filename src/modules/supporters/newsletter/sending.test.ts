import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ContentFeed, PublishedItem } from '../../../platform/content-feed.js';
import { createUser, FormClient, signInDirectly, testApp, uniqueEmail, type TestContext } from '../../../../tests/support/app.js';
import { startSmtpSink } from '../../../../tests/support/smtp.js';
import { headersOf } from '../test-support/mail.js';
import { personActor } from '../../../platform/audit.js';

const ITEMS: PublishedItem[] = [
  {
    id: 'a1',
    type: 'advice-sheet',
    title: 'Family group conferences',
    summary: 'What they are and how to ask for one.',
    path: '/advice/fgc',
    publishedAt: new Date('2026-11-01'),
  },
  {
    id: 'b2',
    type: 'news',
    title: 'Kinship Care Week <announced>',
    summary: 'Join our virtual lobby.',
    path: '/news/kcw',
    publishedAt: new Date('2026-11-10'),
  },
];

/** A small content feed standing in for the content module: an interface, not a database. */
const fakeFeed: ContentFeed = {
  async recent({ limit }) {
    return ITEMS.slice(0, limit);
  },
  async byIds(ids) {
    return ids.flatMap((id) => ITEMS.filter((item) => item.id === id));
  },
};

async function subscribe(t: TestContext, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, () => uniqueEmail('reader'));
  await t.app.services.db
    .insertInto('newsletter_subscribers')
    .values(emails.map((email) => ({ email, status: 'subscribed' as const, consent_method: 'test', consent_wording_version: 'test' })))
    .execute();
  return emails;
}

describe('composing and sending newsletter issues', () => {
  let t: TestContext;
  let editor: FormClient;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  before(async () => {
    smtp = await startSmtpSink();
    t = await testApp({ SMTP_URL: smtp.url, NEWSLETTER_BATCH_SIZE: '4', NEWSLETTER_RATE_PER_MINUTE: '240' });
    editor = new FormClient(t.app);
    await signInDirectly(editor, await createUser(t.app, { roles: ['editor'] }));
  });
  after(async () => {
    t.app.contentFeed = null;
    await t.close();
    await smtp.close();
  });

  it('without the content module, the editor still writes an issue from an introduction alone', async () => {
    t.app.contentFeed = null;
    const form = await editor.get('/admin/newsletter/new');
    assert.match(form.body, /content module is switched off/);
    const empty = await editor.post('/admin/newsletter/new', { subject: '', intro: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter a subject/);
    assert.match(empty.body, /Write an introduction/);
    const saved = await editor.post('/admin/newsletter/new', { subject: 'Plain words', intro: 'Just **words**.' });
    assert.equal(saved.statusCode, 303);
    const page = await editor.get(saved.headers.location as string);
    assert.match(page.body, /Just <strong>words<\/strong>\./);
  });

  it('with a content feed, the editor picks items, and the issue keeps them as they were', async () => {
    t.app.contentFeed = fakeFeed;
    const form = await editor.get('/admin/newsletter/new');
    assert.match(form.body, /Family group conferences/);
    assert.match(form.body, /Kinship Care Week &lt;announced&gt;/);
    const saved = await editor.post('/admin/newsletter/new', { subject: 'With items', intro: 'Hello.', items: ['b2', 'a1', 'missing'] });
    const id = (saved.headers.location as string).split('/').pop()!;
    const issue = (await t.app.supporters.issues.get(id))!;
    assert.deepEqual(
      issue.items.map((i) => i.path),
      ['/news/kcw', '/advice/fgc'],
    );
    const preview = await editor.get(`/admin/newsletter/${id}`);
    assert.match(preview.body, /href="\/news\/kcw"/);
    // Editing shows what was picked as ticked.
    const edit = await editor.get(`/admin/newsletter/${id}/edit`);
    assert.match(edit.body, /value="a1" checked/);
  });

  it('sends a test to the editor only, then sends to the list in batches spaced to the set rate', async () => {
    t.app.contentFeed = fakeFeed;
    const readers = await subscribe(t, 10);
    const saved = await editor.submit('/admin/newsletter/new', { subject: 'Batch news', intro: 'Hello all.', items: ['a1'] });
    const id = (saved.headers.location as string).split('/').pop()!;

    await editor.get(`/admin/newsletter/${id}`);
    await editor.post(`/admin/newsletter/${id}/test`);
    await t.app.worker.drain();
    const tests = smtp.received.filter((m) => headersOf(m).subject === '[Test] Batch news');
    assert.equal(tests.length, 1);
    assert.ok(!readers.some((r) => tests[0]!.to.includes(r)));

    await editor.get(`/admin/newsletter/${id}`);
    const unconfirmed = await editor.post(`/admin/newsletter/${id}/send`, {});
    assert.equal(unconfirmed.statusCode, 303);
    assert.equal((await t.app.supporters.issues.get(id))!.status, 'draft', 'nothing is sent without the box ticked');
    await editor.get(`/admin/newsletter/${id}`);
    await editor.post(`/admin/newsletter/${id}/send`, { confirm: 'yes' });

    const jobs = await t.app.services.db
      .selectFrom('jobs')
      .select(['payload', 'run_at'])
      .where('kind', '=', 'newsletter.send-batch')
      .orderBy('run_at')
      .execute();
    const mine = jobs.filter((j) => j.payload.issueId === id);
    const subscribed = Number((await t.app.supporters.subscriptions.counts()).subscribed);
    assert.equal(mine.length, Math.ceil(subscribed / 4));
    // 4 per batch at 240 a minute: one batch a second.
    const gaps = mine.slice(1).map((job, i) => job.run_at.getTime() - mine[i]!.run_at.getTime());
    assert.ok(
      gaps.every((gap) => Math.abs(gap - 1000) < 50),
      `gaps ${gaps.join(', ')}`,
    );

    // Someone who unsubscribes after sending began is skipped.
    await t.app.services.db
      .updateTable('newsletter_subscribers')
      .set({ status: 'unsubscribed' })
      .where('email', '=', readers[0]!)
      .execute();
    // Run every batch now rather than waiting for their times.
    await t.app.services.db.updateTable('jobs').set({ run_at: new Date() }).where('kind', '=', 'newsletter.send-batch').execute();
    await t.app.worker.drain();
    const issue = (await t.app.supporters.issues.get(id))!;
    assert.equal(issue.status, 'sent');
    const progress = await t.app.supporters.issues.progress(id);
    assert.equal(progress.sent + progress.skipped, subscribed);
    assert.equal(progress.skipped, 1);
    const delivered = smtp.received.filter((m) => headersOf(m).subject === 'Batch news');
    assert.equal(delivered.length, subscribed - 1);
    assert.ok(!delivered.some((m) => m.to.includes(readers[0]!)));
    // A job run twice sends nothing twice.
    await t.app.supporters.issues.sendBatch({ issueId: id, batch: 0 });
    assert.equal(smtp.received.filter((m) => headersOf(m).subject === 'Batch news').length, subscribed - 1);

    // Once sent, the issue cannot be changed or sent again, and its web version is public.
    await editor.get(`/admin/newsletter/${id}`);
    await editor.post(`/admin/newsletter/${id}/send`, { confirm: 'yes' });
    assert.deepEqual(await t.app.supporters.issues.startSending(id, personActor({ id: 'x', email: 'x@example.org' }, '::1')), {
      ok: false,
      reason: 'not-draft',
    });
    const web = await t.app.inject({ method: 'GET', url: `/newsletter/issues/${issue.slug}` });
    assert.equal(web.statusCode, 200);
    assert.match(web.body, /Family group conferences/);
    const list = await t.app.inject({ method: 'GET', url: '/newsletter/issues' });
    assert.match(list.body, /Batch news/);
  });

  it('leaves unsent rows queued and fails the job when the mail server is away, so the retry sends them', async () => {
    const readers = await subscribe(t, 2);
    await t.app.services.db
      .updateTable('newsletter_subscribers')
      .set({ status: 'unsubscribed' })
      .where('email', 'not in', readers)
      .execute();
    const id = await t.app.supporters.issues.create(
      { subject: 'Retry news', intro: 'Hi.', itemIds: [] },
      personActor({ id: '00000000-0000-4000-8000-000000000000', email: 'e@example.org' }, '::1'),
    );
    await t.app.supporters.issues.startSending(
      id,
      personActor({ id: '00000000-0000-4000-8000-000000000000', email: 'e@example.org' }, '::1'),
    );
    // Close Hearth's open connections first, or the sink waits for them to time out.
    t.app.services.mailer.close();
    await smtp.close();
    await assert.rejects(t.app.supporters.issues.sendBatch({ issueId: id, batch: 0 }));
    assert.equal((await t.app.supporters.issues.progress(id)).queued, 2);
    assert.equal((await t.app.supporters.issues.get(id))!.status, 'sending');
  });
});
