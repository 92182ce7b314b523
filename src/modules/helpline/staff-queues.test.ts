import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, testApp, type TestContext, ANY_VIEWER } from '../../../tests/support/app.js';
import { describeOldest, type StaffQueue } from '../../platform/staff/queues.js';
import { seedHelplineDemo } from './demo.js';
import { helplineStaffQueues } from './staff-queues.js';
import { personActor } from '../../platform/audit.js';

const MINUTE = 60_000;
let phone = 500;

describe('advice line: the advisers’ queues on /staff', () => {
  let t: TestContext;
  let waiting: StaffQueue;
  let due: StaffQueue;
  before(async () => {
    t = await testApp({ HELPLINE_REQUESTS_PER_HOUR: '1000' });
    [waiting, due] = helplineStaffQueues(t.app.services.db) as [StaffQueue, StaffQueue];
  });
  after(() => t.close());

  async function ask(slot: Date) {
    const outcome = await t.app.helpline.requestCallback({
      name: 'Jo',
      phone: `07700900${phone++}`,
      email: '',
      slot,
      safeToLeaveMessage: true,
      forSomeoneElse: false,
      needs: '',
      reason: 'A meeting about my children (test).',
    });
    assert.ok(outcome.ok);
    return (
      await t.app.services.db
        .selectFrom('helpline_callbacks')
        .select('id')
        .where('reference', '=', outcome.reference)
        .executeTakeFirstOrThrow()
    ).id;
  }

  it('counts requests nobody has taken, and those whose time has come, taken or not', async () => {
    assert.deepEqual(await waiting.measure(new Date(), ANY_VIEWER), { count: 0, oldest: null });
    const slots = await t.app.helpline.freeSlots();
    const [early, late] = [slots[0]!.startsAt, slots[4]!.startsAt];
    const first = await ask(early);
    await ask(late);

    const now = await waiting.measure(new Date(), ANY_VIEWER);
    assert.equal(now.count, 2);
    assert.ok(now.oldest && Math.abs(now.oldest.getTime() - Date.now()) < MINUTE, 'waiting since they asked');
    assert.equal((await due.measure(new Date(), ANY_VIEWER)).count, 0, 'nothing is due before its slot');

    const afterEarly = new Date(early.getTime() + 90 * MINUTE);
    assert.deepEqual(await due.measure(afterEarly, ANY_VIEWER), { count: 1, oldest: early });
    assert.equal(describeOldest('due', early, afterEarly), 'oldest due 1 hour ago');

    const adviser = await createUser(t.app, { roles: ['adviser'] });
    const actor = personActor(adviser, '127.0.0.1');
    assert.ok((await t.app.helpline.claim(first, actor)).ok);
    assert.equal((await waiting.measure(new Date(), ANY_VIEWER)).count, 1, 'a taken request no longer waits for someone to take it');
    assert.equal((await due.measure(afterEarly, ANY_VIEWER)).count, 1, 'but its call is still due');

    const logged = await t.app.helpline.logCall(first, { outcome: 'advice-given', topics: [], notes: '', followUpAt: null }, actor);
    assert.deepEqual(logged, { ok: true, closed: true });
    assert.equal((await due.measure(new Date(late.getTime() + MINUTE), ANY_VIEWER)).count, 1, 'a closed request is out of both queues');
  });

  it('gives the demo adviser a request that is already due', async () => {
    await seedHelplineDemo(t.app.services);
    const now = new Date();
    const dueNow = await due.measure(now, ANY_VIEWER);
    assert.ok(dueNow.count >= 1);
    assert.ok(dueNow.oldest && dueNow.oldest.getTime() <= now.getTime() - 60 * MINUTE);
    const oldestWaiting = await waiting.measure(now, ANY_VIEWER);
    assert.ok(oldestWaiting.oldest && oldestWaiting.oldest.getTime() < now.getTime() - 24 * 60 * MINUTE, 'asked days ago');
  });
});
