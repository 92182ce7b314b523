import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signInDirectly, testApp, type TestContext, ANY_VIEWER } from '../../../tests/support/app.js';
import type { Services } from '../../platform/services.js';
import type { StaffQueue } from '../../platform/staff/queues.js';
import { seedDemoContent } from './demo/seed.js';
import { londonDay, startOfLondonDay } from '../../platform/time.js';
import { contentStaffQueues } from './staff-queues.js';
import { readFields } from './validation.js';
import { systemActor } from '../../platform/audit.js';

const DAY = 24 * 60 * 60_000;
let counter = 0;

describe('content: the editors’ queues on /staff', () => {
  let t: TestContext;
  let inReview: StaffQueue;
  let reviewDue: StaffQueue;
  before(async () => {
    t = await testApp();
    [inReview, reviewDue] = contentStaffQueues(t.app.services.db) as [StaffQueue, StaffQueue];
  });
  after(() => t.close());

  const writer = systemActor('editor (test)');
  const reviewer = systemActor('reviewer (test)');

  async function sheet(dates: { lastReviewed: string; reviewDue: string }) {
    counter += 1;
    const read = readFields({
      type: 'advice-sheet',
      title: `Queue test sheet ${counter}`,
      slug: `queue-test-sheet-${counter}-${process.pid}`,
      summary: 'A summary.',
      body: 'Some advice.',
      subject: 'kinship-care',
      sources: 'Children Act 1989 | https://www.legislation.gov.uk/ukpga/1989/41/contents',
      ...dates,
    });
    assert.ok(read.ok, JSON.stringify(read));
    return t.app.content.workflow.create(read.fields, writer);
  }

  async function published(dates: { lastReviewed: string; reviewDue: string }) {
    const id = await sheet(dates);
    await t.app.content.workflow.submit(id, writer);
    await t.app.content.workflow.approve(id, reviewer);
    assert.ok((await t.app.content.workflow.publish(id, writer)).ok);
    return id;
  }

  it('counts items sent for review from when they were sent, until a second editor approves them', async () => {
    assert.deepEqual(await inReview.measure(new Date(), ANY_VIEWER), { count: 0, oldest: null });
    const first = await sheet({ lastReviewed: '2026-01-01', reviewDue: '2027-01-01' });
    assert.equal((await inReview.measure(new Date(), ANY_VIEWER)).count, 0, 'a draft is not waiting for anyone');

    const sentAt = Date.now();
    await t.app.content.workflow.submit(first, writer);
    const second = await sheet({ lastReviewed: '2026-01-01', reviewDue: '2027-01-01' });
    await t.app.content.workflow.submit(second, writer);
    const waiting = await inReview.measure(new Date(), ANY_VIEWER);
    assert.equal(waiting.count, 2);
    assert.ok(waiting.oldest && Math.abs(waiting.oldest.getTime() - sentAt) < 60_000);

    assert.ok((await t.app.content.workflow.approve(first, reviewer)).ok);
    assert.equal((await inReview.measure(new Date(), ANY_VIEWER)).count, 1);
    await t.app.content.workflow.approve(second, reviewer);
  });

  it('counts published advice whose review date has come, by the day in England and Wales', async () => {
    const before = await reviewDue.measure(new Date(), ANY_VIEWER);
    await published({ lastReviewed: '2025-01-10', reviewDue: '2026-01-10' });
    await published({ lastReviewed: '2025-06-01', reviewDue: '2026-06-01' });
    await published({ lastReviewed: '2026-01-01', reviewDue: '2099-01-01' });
    await sheet({ lastReviewed: '2025-01-01', reviewDue: '2025-02-01' });

    // Just after midnight in London on 1 June 2026 (still 31 May in UTC): the second sheet has just fallen due.
    const midsummer = new Date('2026-05-31T23:30:00Z');
    assert.equal(londonDay(midsummer), '2026-06-01');
    const measured = await reviewDue.measure(midsummer, ANY_VIEWER);
    assert.equal(measured.count, before.count + 2, 'two published sheets are due; the draft and the far-off one are not');
    const theDayBefore = await reviewDue.measure(new Date('2026-05-31T22:30:00Z'), ANY_VIEWER);
    assert.equal(theDayBefore.count, before.count + 1);
    assert.equal(measured.oldest?.getTime(), startOfLondonDay('2026-01-10').getTime());
  });

  it('gives the demo an item waiting for the second editor and an advice sheet due for review', async () => {
    await t.app.services.db.deleteFrom('content_items').execute();
    await seedDemoContent(t.app.services as Services);
    const now = new Date();
    const waiting = await inReview.measure(now, ANY_VIEWER);
    assert.equal(waiting.count, 1);
    assert.ok(waiting.oldest && waiting.oldest.getTime() < now.getTime() - 4 * 60 * 60_000);
    const due = await reviewDue.measure(now, ANY_VIEWER);
    assert.equal(due.count, 1);
    assert.ok(due.oldest && due.oldest.getTime() < now.getTime() - 7 * DAY);
  });

  it('lists what waits for review on /admin/content?state=in-review, where the workspace links', async () => {
    const editor = await createUser(t.app, { roles: ['editor'] });
    const client = new FormClient(t.app);
    await signInDirectly(client, editor);
    const all = await client.get('/admin/content');
    const waiting = await client.get('/admin/content?state=in-review');
    assert.equal(waiting.statusCode, 200);
    assert.match(waiting.body, /What is a family group conference\?/);
    assert.doesNotMatch(waiting.body, /How to challenge a decision/);
    assert.match(all.body, /How to challenge a decision/);
    assert.equal((await client.get('/admin/content?state=%3Cb%3E')).statusCode, 200, 'an unknown state shows everything');
  });
});
