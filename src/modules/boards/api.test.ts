import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createUser, type TestContext } from '../../../tests/support/app.js';
import type { Role } from '../../platform/roles.js';
import { boardsTestApp } from './test-support.js';
import { personActor } from '../../platform/audit.js';

describe('boards: API', () => {
  let context: TestContext;
  let app: FastifyInstance;
  before(async () => {
    context = await boardsTestApp({ BOARDS_POSTS_PER_MINUTE: '1000', BOARDS_POSTS_PER_HOUR: '1000' });
    app = context.app;
  });
  after(() => context.close());

  async function tokenFor(roles: Role[] = ['member']) {
    const user = await createUser(app, { roles });
    const token = await app.services.apiTokens.create(
      { id: user.id, email: user.email, roles, organisationId: null, teamId: null },
      'test',
      personActor(user, '127.0.0.1'),
    );
    return { user, headers: { authorization: `Bearer ${token}` } };
  }

  const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: payload ? { ...headers, 'content-type': 'application/json' } : headers,
      ...(payload ? { payload: JSON.stringify(payload) } : {}),
    });

  it('lists boards, threads and posts for anyone, and publishes them in the OpenAPI document', async () => {
    const boards = (await call('GET', '/api/v1/boards')).json() as { slug: string; mayReply: boolean }[];
    assert.deepEqual(
      boards.map((b) => b.slug),
      ['parents', 'family-and-friends-carers', 'family-group-conferences', 'parents-and-carers-alliance'],
    );
    assert.ok(
      boards.every((b) => !b.mayReply),
      'visitors may not reply',
    );
    const board = (await call('GET', '/api/v1/boards/parents')).json() as { threads: { id: number }[] };
    assert.ok(board.threads.length > 0);
    const thread = await call('GET', `/api/v1/boards/parents/threads/${board.threads[0]!.id}`);
    assert.equal(thread.statusCode, 200);
    assert.ok((thread.json() as { posts: unknown[] }).posts.length > 0);
    const document = (await call('GET', '/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/boards',
      '/api/v1/boards/{slug}',
      '/api/v1/boards/{slug}/threads',
      '/api/v1/boards/{slug}/threads/{id}/posts',
      '/api/v1/boards/moderation/queue',
      '/api/v1/boards/moderation/posts/{id}/approve',
    ]) {
      assert.ok(document.paths[path], path);
    }
  });

  it('posts with a member’s token, with the same checks as the pages', async () => {
    const { headers } = await tokenFor();
    assert.equal((await call('POST', '/api/v1/boards/parents/threads', {}, { title: 'x', body: 'y' })).statusCode, 401);
    const noPseudonym = await call('POST', '/api/v1/boards/parents/threads', headers, { title: 'From the API', body: 'Hello' });
    assert.equal(noPseudonym.statusCode, 400);
    assert.equal((noPseudonym.json() as { errors: { field: string }[] }).errors[0]!.field, 'pseudonym');
    const submissionKey = crypto.randomUUID();
    const created = await call('POST', '/api/v1/boards/parents/threads', headers, {
      title: 'From the API',
      body: 'Hello',
      pseudonym: 'Api Parent Test',
      submissionKey,
    });
    assert.equal(created.statusCode, 201);
    const posted = created.json() as { threadId: number; postId: number; status: string; holdReasons: string[] };
    assert.equal(posted.status, 'held');
    assert.deepEqual(posted.holdReasons, ['new-member']);
    const again = await call('POST', '/api/v1/boards/parents/threads', headers, { title: 'From the API', body: 'Hello', submissionKey });
    assert.equal(again.statusCode, 200);
    assert.equal((again.json() as { postId: number }).postId, posted.postId, 'the same key never posts twice');

    const identifying = await call('POST', '/api/v1/boards/parents/threads', headers, { title: 'Call me', body: 'on 07700 900123' });
    assert.equal(identifying.statusCode, 422);
    assert.match(identifying.headers['content-type'] as string, /application\/problem\+json/);
    assert.match((identifying.json() as { detail: string }).detail, /phone number/);
    const danger = await call('POST', '/api/v1/boards/parents/threads', headers, { title: 'Bad night', body: 'I want to end it all' });
    assert.equal(danger.statusCode, 201);
    const help = (danger.json() as { urgentHelp: { how: string }[] }).urgentHelp;
    assert.ok(help.some((h) => h.how.includes('999')) && help.some((h) => h.how.includes('116 123')));
  });

  it('hides the restricted board from the API, and refuses hostile input with problem bodies', async () => {
    const { headers } = await tokenFor();
    const restricted = await app.services.db
      .selectFrom('board_threads')
      .select('id')
      .where('board_slug', '=', 'research-and-practice')
      .executeTakeFirstOrThrow();
    assert.equal((await call('POST', '/api/v1/boards/research-and-practice/threads', headers, { title: 'x', body: 'y' })).statusCode, 404);
    assert.equal(
      (await call('POST', `/api/v1/boards/research-and-practice/threads/${restricted.id}/posts`, headers, { body: 'y' })).statusCode,
      404,
    );
    assert.equal((await call('GET', `/api/v1/boards/parents/threads/${restricted.id}`, headers)).statusCode, 404);
    const huge = await call('POST', '/api/v1/boards/parents/threads', headers, { title: 'x', body: 'a'.repeat(100_000) });
    assert.equal(huge.statusCode, 400);
    const wrongType = await call('POST', '/api/v1/boards/parents/threads', headers, { title: ['x'], body: { $ne: 1 } });
    assert.equal(wrongType.statusCode, 400);
    assert.equal((await call('GET', '/api/v1/boards/parents/threads/1%27%20or%201=1', headers)).statusCode, 404);
  });

  it('lets moderators see the queue and approve or reject; nobody else', async () => {
    const member = await tokenFor();
    const moderator = await tokenFor(['moderator']);
    const created = await call('POST', '/api/v1/boards/parents/threads', member.headers, {
      title: 'Approve via API',
      body: 'Please',
      pseudonym: 'Api Queue Test',
    });
    const { postId } = created.json() as { postId: number };
    assert.equal((await call('GET', '/api/v1/boards/moderation/queue', member.headers)).statusCode, 403);
    assert.equal((await call('POST', `/api/v1/boards/moderation/posts/${postId}/approve`, member.headers)).statusCode, 403);
    const queue = (await call('GET', '/api/v1/boards/moderation/queue', moderator.headers)).json() as { held: { postId: number }[] };
    assert.ok(queue.held.some((h) => h.postId === postId));
    assert.equal((await call('POST', `/api/v1/boards/moderation/posts/${postId}/approve`, moderator.headers)).statusCode, 200);
    assert.equal((await call('POST', `/api/v1/boards/moderation/posts/${postId}/approve`, moderator.headers)).statusCode, 409);
    const noReason = await call('POST', `/api/v1/boards/moderation/posts/${postId}/reject`, moderator.headers, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(
      (await call('POST', `/api/v1/boards/moderation/posts/${postId}/reject`, moderator.headers, { reason: 'Testing' })).statusCode,
      200,
    );
    const audit = await app.services.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(postId)).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['boards.post.approved', 'boards.post.rejected']);
  });

  it('gives moderators every action of the moderation pages, each audited, and members a way to report a post', async () => {
    const member = await tokenFor();
    const reporter = await tokenFor();
    const moderator = await tokenFor(['moderator']);
    const created = await call('POST', '/api/v1/boards/parents/threads', member.headers, {
      title: 'Moderated through the API',
      body: 'Our review is on Tuesday and I have been told things I cannot repeat here.',
      pseudonym: 'Api Moderated Test',
    });
    const { postId, threadId } = created.json() as { postId: number; threadId: number };
    const reportUrl = `/api/v1/boards/parents/threads/${threadId}/posts/${postId}/report`;
    assert.equal(
      (await call('POST', reportUrl, reporter.headers, { reason: 'Unkind' })).statusCode,
      404,
      'a held post is not theirs to see',
    );
    assert.equal((await call('POST', `/api/v1/boards/moderation/posts/${postId}/approve`, moderator.headers)).statusCode, 200);

    assert.equal((await call('POST', reportUrl, {}, { reason: 'Unkind' })).statusCode, 401);
    const noReason = await call('POST', reportUrl, reporter.headers, { reason: '   ' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual((noReason.json() as { errors: unknown[] }).errors, [
      { field: 'reason', text: 'Tell us what is wrong with this post' },
    ]);
    assert.equal(
      (await call('POST', reportUrl.replace('/parents/', '/family-and-friends-carers/'), reporter.headers, { reason: 'x' })).statusCode,
      404,
    );
    assert.equal((await call('POST', reportUrl, reporter.headers, { reason: 'It names a <b>school</b>' })).statusCode, 201);

    const queue = (await call('GET', '/api/v1/boards/moderation/queue', moderator.headers)).json() as {
      reports: { id: string; postId: number }[];
    };
    const report = queue.reports.find((r) => r.postId === postId);
    assert.ok(report, 'the report reaches the queue');
    const reportDecision = `/api/v1/boards/moderation/reports/${report.id}`;
    assert.equal((await call('POST', reportDecision, member.headers, { outcome: 'no-action' })).statusCode, 403);
    assert.equal((await call('POST', reportDecision, moderator.headers, { outcome: 'ignore-it' })).statusCode, 400);
    assert.equal((await call('POST', reportDecision, moderator.headers, { outcome: 'no-action' })).statusCode, 200);
    assert.equal((await call('POST', reportDecision, moderator.headers, { outcome: 'no-action' })).statusCode, 409);
    assert.equal(
      (await call('POST', `/api/v1/boards/moderation/reports/${crypto.randomUUID()}`, moderator.headers, { outcome: 'no-action' }))
        .statusCode,
      404,
    );

    const redactUrl = `/api/v1/boards/moderation/posts/${postId}/redact`;
    const unchanged = await call('POST', redactUrl, moderator.headers, {
      body: 'Our review is on Tuesday and I have been told things I cannot repeat here.',
      reason: 'x',
    });
    assert.equal(unchanged.statusCode, 400);
    assert.equal((unchanged.json() as { errors: { field: string }[] }).errors[0]!.field, 'body');
    assert.equal(
      (await call('POST', redactUrl, moderator.headers, { body: 'Our review is soon.', reason: 'Names a day' })).statusCode,
      200,
    );

    const threadUrl = `/api/v1/boards/moderation/threads/${threadId}`;
    assert.equal((await call('POST', `${threadUrl}/lock`, moderator.headers)).statusCode, 200);
    assert.equal(
      (
        await call('POST', `/api/v1/boards/parents/threads/${threadId}/posts`, reporter.headers, {
          body: 'Hello',
          pseudonym: 'Api Reporter Test',
        })
      ).statusCode,
      409,
    );
    assert.equal((await call('POST', `${threadUrl}/unlock`, moderator.headers)).statusCode, 200);
    assert.equal((await call('POST', '/api/v1/boards/moderation/threads/2000000000/lock', moderator.headers)).statusCode, 404);
    assert.equal((await call('POST', `${threadUrl}/move`, moderator.headers, { board: 'nowhere' })).statusCode, 400);
    assert.equal((await call('POST', `${threadUrl}/move`, moderator.headers, { board: 'family-and-friends-carers' })).statusCode, 200);
    assert.equal((await call('GET', `/api/v1/boards/family-and-friends-carers/threads/${threadId}`, reporter.headers)).statusCode, 200);

    const suspendUrl = `/api/v1/boards/moderation/members/${member.user.id}/suspend`;
    const badDays = await call('POST', suspendUrl, moderator.headers, { days: 0, reason: 'Unkind replies' });
    assert.equal(badDays.statusCode, 400);
    assert.deepEqual((badDays.json() as { errors: unknown[] }).errors, [
      { field: 'days', text: 'The number of days must be a whole number from 1 to 365' },
    ]);
    assert.equal(
      (await call('POST', `/api/v1/boards/moderation/members/${crypto.randomUUID()}/suspend`, moderator.headers, { days: 3, reason: 'x' }))
        .statusCode,
      404,
    );
    assert.equal(
      (await call('POST', `/api/v1/boards/moderation/members/${member.user.id}/posts-freely`, moderator.headers)).statusCode,
      200,
    );
    assert.equal((await call('POST', suspendUrl, moderator.headers, { days: 3, reason: 'Unkind replies' })).statusCode, 200);
    const paused = await call('POST', `/api/v1/boards/family-and-friends-carers/threads/${threadId}/posts`, member.headers, {
      body: 'Back again',
    });
    assert.equal(paused.statusCode, 403);

    await app.boards.community.requestToJoin(reporter.user.id, 'research-and-practice', 'I am a fictional family support worker.');
    const join = await app.services.db
      .selectFrom('board_memberships')
      .select('id')
      .where('user_id', '=', reporter.user.id)
      .executeTakeFirstOrThrow();
    const joinUrl = `/api/v1/boards/moderation/join-requests/${join.id}`;
    assert.equal((await call('POST', joinUrl, moderator.headers, { decision: 'maybe' })).statusCode, 400);
    assert.equal((await call('POST', joinUrl, moderator.headers, { decision: 'approve' })).statusCode, 200);
    assert.equal((await call('POST', joinUrl, moderator.headers, { decision: 'refuse' })).statusCode, 409);
    assert.equal((await call('GET', '/api/v1/boards/research-and-practice', reporter.headers)).statusCode, 200, 'let in at once');

    const actions = await app.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', 'in', [String(postId), String(threadId), member.user.id, report.id, join.id])
      .execute();
    assert.deepEqual(actions.map((a) => a.action).sort(), [
      'boards.join.approved',
      'boards.member.posts-freely',
      'boards.member.suspended',
      'boards.post.approved',
      'boards.post.redacted',
      'boards.report.resolved',
      'boards.thread.locked',
      'boards.thread.moved',
      'boards.thread.unlocked',
    ]);
    const document = (await call('GET', '/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/boards/{slug}/threads/{id}/posts/{postId}/report',
      '/api/v1/boards/moderation/posts/{id}/redact',
      '/api/v1/boards/moderation/threads/{id}/lock',
      '/api/v1/boards/moderation/threads/{id}/unlock',
      '/api/v1/boards/moderation/threads/{id}/move',
      '/api/v1/boards/moderation/members/{userId}/suspend',
      '/api/v1/boards/moderation/members/{userId}/posts-freely',
      '/api/v1/boards/moderation/reports/{id}',
      '/api/v1/boards/moderation/join-requests/{id}',
    ]) {
      assert.ok(document.paths[path], path);
    }
  });
});
