import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, type TestContext, ANY_VIEWER } from '../../../tests/support/app.js';
import type { StaffQueue } from '../../platform/staff/queues.js';
import { boardsStaffQueues } from './staff-queues.js';
import { boardsTestApp, newPseudonym } from './test-support.js';
import { personActor } from '../../platform/audit.js';

const HOUR = 60 * 60_000;

describe('boards: the moderators’ queues on /staff', () => {
  let t: TestContext;
  let queues: Record<string, StaffQueue>;
  before(async () => {
    t = await boardsTestApp();
    queues = Object.fromEntries(boardsStaffQueues(t.app.services.db).map((q) => [q.key, q]));
  });
  after(() => t.close());

  const measure = (key: string, now = new Date()) => queues[key]!.measure(now, ANY_VIEWER);
  const moderator = async () => personActor(await createUser(t.app, { roles: ['moderator'] }), null);

  async function newMemberPost() {
    const user = await createUser(t.app);
    const outcome = await t.app.boards.posting.startThread({ id: user.id, roles: ['member'], email: user.email }, 'parents', {
      title: 'A first thread (test)',
      body: 'Waiting for a moderator, as every new member’s first post does.',
      pseudonym: newPseudonym(),
      postAnyway: false,
      submissionKey: null,
    });
    assert.equal(outcome.kind, 'posted');
    return { user, postId: (outcome as { postId: number }).postId };
  }

  it('gives the demo something in each queue', async () => {
    for (const key of ['boards.held-posts', 'boards.open-reports', 'boards.join-requests']) {
      const { count, oldest } = await measure(key);
      assert.ok(count >= 1, key);
      assert.ok(oldest && oldest.getTime() < Date.now() - HOUR, `${key}: the demo's item has waited a while`);
    }
  });

  it('counts held posts and their oldest, and lets an approved post out of the count', async () => {
    const before = await measure('boards.held-posts');
    const { postId } = await newMemberPost();
    const held = await measure('boards.held-posts');
    assert.equal(held.count, before.count + 1);
    assert.equal(held.oldest?.getTime(), before.oldest?.getTime(), 'the oldest is still the older post');

    await t.app.boards.moderation.approve(await moderator(), postId);
    assert.equal((await measure('boards.held-posts')).count, before.count);
  });

  it('counts open reports until a moderator resolves them', async () => {
    const before = await measure('boards.open-reports');
    const reporter = await createUser(t.app);
    const post = await t.app.services.db.selectFrom('board_posts').select('id').where('status', '=', 'visible').executeTakeFirstOrThrow();
    await t.app.boards.community.report(reporter.id, post.id, 'Please check this (test).');
    assert.equal((await measure('boards.open-reports')).count, before.count + 1);

    const report = await t.app.services.db
      .selectFrom('board_reports')
      .select('id')
      .where('reporter_id', '=', reporter.id)
      .executeTakeFirstOrThrow();
    await t.app.boards.moderation.resolveReport(await moderator(), report.id, 'no-action', '');
    assert.equal((await measure('boards.open-reports')).count, before.count);
  });

  it('counts join requests until they are decided, and words how long the oldest has waited', async () => {
    const { db } = t.app.services;
    await db.deleteFrom('board_memberships').where('status', '=', 'pending').execute();
    assert.deepEqual(await measure('boards.join-requests'), { count: 0, oldest: null });

    const asker = await createUser(t.app);
    await t.app.boards.community.requestToJoin(asker.id, 'research-and-practice', 'A family support worker (test).');
    const waiting = await measure('boards.join-requests');
    assert.equal(waiting.count, 1);
    assert.ok(waiting.oldest && Math.abs(waiting.oldest.getTime() - Date.now()) < 60_000);

    const request = await db.selectFrom('board_memberships').select('id').where('user_id', '=', asker.id).executeTakeFirstOrThrow();
    await t.app.boards.moderation.decideJoin(await moderator(), request.id, false, 'Not a professional (test).');
    assert.equal((await measure('boards.join-requests')).count, 0);
  });
});
