import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { mailTo, type TestContext } from '../../../../tests/support/app.js';
import { boardsTestApp, newPseudonym, replyTo, signedIn, startThread, trustedMember, type Person } from '../test-support.js';

describe('boards: moderation', () => {
  let context: TestContext;
  let app: FastifyInstance;
  let moderator: Person;
  let trusted: Person & { pseudonym: string };
  before(async () => {
    context = await boardsTestApp({ BOARDS_POSTS_PER_MINUTE: '1000', BOARDS_POSTS_PER_HOUR: '1000' });
    app = context.app;
    moderator = await signedIn(app, ['moderator']);
    trusted = await trustedMember(app);
  });
  after(() => context.close());

  const audited = (action: string, subjectId: string) =>
    app.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', subjectId).execute();

  it('keeps /moderation to moderators', async () => {
    const member = await signedIn(app);
    assert.equal((await member.client.get('/moderation')).statusCode, 403);
    assert.equal((await member.client.post('/moderation/posts/1/approve', {})).statusCode, 403);
    assert.equal((await app.inject('/moderation')).statusCode, 303);
    assert.equal((await moderator.client.get('/moderation')).statusCode, 200);
  });

  it('approves a new member’s held post, and after three approvals they post freely', async () => {
    const member = await signedIn(app);
    const { threadId, postId } = await startThread(member, 'parents', {
      title: 'Please approve',
      body: 'First',
      pseudonym: newPseudonym(),
    });
    const queue = await moderator.client.get('/moderation');
    assert.ok(queue.body.includes('Please approve'));
    assert.equal((await moderator.client.post(`/moderation/posts/${postId}/approve`, {})).statusCode, 303);
    assert.equal((await app.inject(`/boards/parents/t/${threadId}`)).statusCode, 200, 'the thread is up');
    assert.equal((await audited('boards.post.approved', String(postId))).length, 1);
    assert.equal((await moderator.client.post(`/moderation/posts/${postId}/approve`, {})).statusCode, 409, 'approving twice says so');
    for (const body of ['Second', 'Third']) {
      const { postId: id } = await replyTo(member, 'parents', threadId!, { body });
      await moderator.client.get('/moderation');
      await moderator.client.post(`/moderation/posts/${id}/approve`, {});
    }
    const fourth = await replyTo(member, 'parents', threadId!, { body: 'Fourth goes straight up' });
    const row = await app.services.db.selectFrom('board_posts').select('status').where('id', '=', fourth.postId!).executeTakeFirstOrThrow();
    assert.equal(row.status, 'visible');
  });

  it('lets a moderator raise a member to post freely at once', async () => {
    const member = await signedIn(app);
    await startThread(member, 'parents', { title: 'New here', body: 'Hi', pseudonym: newPseudonym() });
    await moderator.client.get('/moderation');
    assert.equal((await moderator.client.post(`/moderation/members/${member.user.id}/posts-freely`, {})).statusCode, 303);
    const { threadId } = await startThread(trusted, 'parents', { title: 'Open', body: 'x' });
    const reply = await replyTo(member, 'parents', threadId!, { body: 'Straight up' });
    const row = await app.services.db.selectFrom('board_posts').select('status').where('id', '=', reply.postId!).executeTakeFirstOrThrow();
    assert.equal(row.status, 'visible');
    assert.equal((await audited('boards.member.posts-freely', member.user.id)).length, 1);
  });

  it('rejects with a reason that is emailed to the author and audited', async () => {
    const member = await signedIn(app);
    const { postId } = await startThread(member, 'parents', { title: 'To reject', body: 'Not suitable', pseudonym: newPseudonym() });
    await moderator.client.get(`/moderation/posts/${postId}/reject`);
    const empty = await moderator.client.post(`/moderation/posts/${postId}/reject`, { reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('Tell the author why'));
    const done = await moderator.client.post(`/moderation/posts/${postId}/reject`, {
      reason: 'It names a social worker. Please post again without the name.',
    });
    assert.equal(done.statusCode, 303);
    const [mail] = await mailTo(app, member.user.email);
    assert.ok(mail && mail.text_body.includes('It names a social worker'));
    const [entry] = await audited('boards.post.rejected', String(postId));
    assert.equal(entry?.reason, 'It names a social worker. Please post again without the name.');
    assert.equal(entry?.actor_id, moderator.user.id);
  });

  it('removes part of a post, keeping the original for moderators only', async () => {
    const { threadId, postId } = await startThread(trusted, 'parents', { title: 'Redact me', body: 'Keep this. Remove this bit.' });
    await moderator.client.get(`/moderation/posts/${postId}/redact`);
    const same = await moderator.client.post(`/moderation/posts/${postId}/redact`, { body: 'Keep this. Remove this bit.', reason: 'x' });
    assert.equal(same.statusCode, 400);
    const done = await moderator.client.post(`/moderation/posts/${postId}/redact`, { body: 'Keep this.', reason: 'Named a school' });
    assert.equal(done.statusCode, 303);
    const publicPage = await app.inject(`/boards/parents/t/${threadId}`);
    assert.ok(publicPage.body.includes('A moderator removed part of this post'));
    assert.ok(!publicPage.body.includes('Remove this bit'));
    assert.ok(!(await trusted.client.get(`/boards/parents/t/${threadId}`)).body.includes('Remove this bit'), 'not even the author sees it');
    assert.ok((await moderator.client.get(`/boards/parents/t/${threadId}`)).body.includes('Remove this bit'));
    assert.equal((await audited('boards.post.redacted', String(postId))).length, 1);
  });

  it('locks and moves threads', async () => {
    const { threadId } = await startThread(trusted, 'parents', { title: 'Lock me', body: 'x' });
    await moderator.client.get(`/boards/parents/t/${threadId}`);
    await moderator.client.post(`/moderation/threads/${threadId}/lock`, { locked: 'yes' });
    const refused = await replyTo(trusted, 'parents', threadId!, { body: 'Can I still reply?' });
    assert.equal(refused.response.statusCode, 403);
    assert.ok((await app.inject(`/boards/parents/t/${threadId}`)).body.includes('A moderator has locked this thread'));
    await moderator.client.get(`/boards/parents/t/${threadId}`);
    const moved = await moderator.client.post(`/moderation/threads/${threadId}/move`, { board: 'family-group-conferences' });
    assert.equal(moved.headers.location, `/boards/family-group-conferences/t/${threadId}`);
    const old = await app.inject(`/boards/parents/t/${threadId}`);
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, `/boards/family-group-conferences/t/${threadId}`);
    assert.equal((await audited('boards.thread.locked', String(threadId))).length, 1);
    const [move] = await audited('boards.thread.moved', String(threadId));
    assert.deepEqual(move?.details, { from: 'parents', to: 'family-group-conferences' });
  });

  it('suspends a member for a time', async () => {
    const member = await trustedMember(app);
    await moderator.client.get(`/moderation/members/${member.user.id}/suspend`);
    const bad = await moderator.client.post(`/moderation/members/${member.user.id}/suspend`, { days: '0', reason: '' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('The number of days must be a whole number from 1 to 365'));
    assert.ok(bad.body.includes('Tell the member why their posting is paused'));
    const empty = await moderator.client.post(`/moderation/members/${member.user.id}/suspend`, { days: '', reason: 'x' });
    assert.ok(empty.body.includes('Enter a number of days from 1 to 365'));
    const ok = await moderator.client.post(`/moderation/members/${member.user.id}/suspend`, { days: '7', reason: 'Unkind replies' });
    assert.equal(ok.statusCode, 303);
    const attempt = await startThread(member, 'parents', { title: 'Back again', body: 'x' });
    assert.equal(attempt.response.statusCode, 403);
    assert.ok(attempt.response.body.includes('paused your posting'));
    assert.equal((await audited('boards.member.suspended', member.user.id))[0]?.reason, 'Unkind replies');
  });

  it('takes reports from anyone signed in, and closes them', async () => {
    const reporter = await signedIn(app);
    const { threadId, postId } = await startThread(trusted, 'parents', { title: 'Reported', body: 'Something unkind' });
    const url = `/boards/parents/t/${threadId}/posts/${postId}/report`;
    await reporter.client.get(url);
    const empty = await reporter.client.post(url, { reason: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.equal((await reporter.client.post(url, { reason: 'It is unkind' })).statusCode, 303);
    const report = await app.services.db.selectFrom('board_reports').selectAll().where('post_id', '=', postId!).executeTakeFirstOrThrow();
    const queue = await moderator.client.get('/moderation');
    assert.ok(queue.body.includes('It is unkind'));
    assert.equal((await moderator.client.post(`/moderation/reports/${report.id}`, { outcome: 'no-action' })).statusCode, 303);
    assert.equal((await moderator.client.post(`/moderation/reports/${report.id}`, { outcome: 'no-action' })).statusCode, 409);
    assert.equal((await audited('boards.report.resolved', report.id)).length, 1);
    assert.ok(!(await moderator.client.get('/moderation')).body.includes('It is unkind'));
  });

  it('decides join requests, and an approved member can then read the restricted board', async () => {
    const professional = await signedIn(app);
    await professional.client.get('/boards/join/research-and-practice');
    await professional.client.post('/boards/join/research-and-practice', { statement: 'Health visitor (test)' });
    const request = await app.services.db
      .selectFrom('board_memberships')
      .selectAll()
      .where('user_id', '=', professional.user.id)
      .executeTakeFirstOrThrow();
    await moderator.client.get('/moderation');
    assert.equal(
      (await moderator.client.post(`/moderation/join-requests/${request.id}`, { decision: 'approve', reason: '' })).statusCode,
      303,
    );
    assert.equal((await professional.client.get('/boards/research-and-practice')).statusCode, 200);
    assert.equal((await audited('boards.join.approved', request.id)).length, 1);
    assert.ok((await mailTo(app, professional.user.email))[0]?.subject.includes('Research and practice'));
  });
});
