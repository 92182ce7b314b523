import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createUser, testApp, type TestContext } from '../support/app.js';
import { AUDIT_REFUSED, whileAuditRefuses } from '../support/audit.js';
import { personActor, type SignedInActor } from '../../src/platform/audit.js';
import { seedBoardsDemo } from '../../src/modules/boards/demo.js';
import { newPseudonym } from '../../src/modules/boards/test-support.js';
import { BUILT_IN_FLOWS } from '../../src/modules/advice-flows/flows/index.js';

/**
 * One representative change in each module, made while the audit log refuses every entry: each fails and leaves
 * nothing behind, because every service writes its audit entry in the transaction of the change it describes.
 */
describe('the modules: no change without its audit entry', () => {
  let t: TestContext;
  let staff: SignedInActor;
  before(async () => {
    t = await testApp();
    await seedBoardsDemo(t.app.services);
    staff = personActor(await createUser(t.app, { roles: ['admin', 'moderator', 'editor'] }), '192.0.2.9');
  });
  after(() => t.close());

  const db = () => t.app.services.db;
  const refused = <T>(fn: () => Promise<T>) => assert.rejects(whileAuditRefuses(db(), fn), AUDIT_REFUSED);

  it('boards: a held post stays held when its approval cannot be audited', async () => {
    const author = await createUser(t.app);
    const posted = await t.app.boards.posting.startThread({ id: author.id, roles: ['member'], email: author.email }, 'parents', {
      title: 'A first thread (all or nothing)',
      body: 'Waiting for a moderator, as every new member’s first post does.',
      pseudonym: newPseudonym(),
      postAnyway: false,
      submissionKey: null,
    });
    assert.equal(posted.kind, 'posted');
    const postId = (posted as { postId: number }).postId;
    await refused(() => t.app.boards.moderation.approve(staff, postId));
    const post = await db().selectFrom('board_posts').select('status').where('id', '=', postId).executeTakeFirstOrThrow();
    assert.equal(post.status, 'held');
    assert.deepEqual(await t.app.boards.moderation.approve(staff, postId), { ok: true });
  });

  it('content: the home page keeps its order when the change cannot be audited', async () => {
    const before = await db().selectFrom('content_home_sections').selectAll().orderBy('key').execute();
    await refused(() => t.app.content.home.save(staff, [{ key: 'content:advice', position: 999, visible: false }]));
    assert.deepEqual(await db().selectFrom('content_home_sections').selectAll().orderBy('key').execute(), before);
  });

  it('advice line: no closure is added that cannot be audited', async () => {
    const date = '2031-06-17';
    await refused(() => t.app.helpline.closures.add({ date, reason: 'Staff training (test)' }, staff));
    assert.equal(await db().selectFrom('helpline_closures').select('date').where('date', '=', date).executeTakeFirst(), undefined);
  });

  it('supporters: no event is published that cannot be audited', async () => {
    const title = `Coffee morning ${randomUUID()}`;
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    const event = { title, summary: 'Fictional.', description: 'Fictional.', startsAt, endsAt, location: 'Online' };
    await refused(() => t.app.supporters.events.create({ ...event, online: true, capacity: 10 }, staff));
    assert.equal(await db().selectFrom('events').select('id').where('title', '=', title).executeTakeFirst(), undefined);
  });

  it('guided advice: no draft is saved that cannot be audited', async () => {
    const flow = BUILT_IN_FLOWS[0]!;
    const draftOf = async () =>
      (await db().selectFrom('advice_flows').select('draft').where('slug', '=', flow.slug).executeTakeFirst())?.draft ?? null;
    const before = await draftOf();
    await refused(() => t.app.adviceFlows.saveDraft(flow, staff));
    assert.deepEqual(await draftOf(), before);
  });
});
