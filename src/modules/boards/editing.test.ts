import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { TestContext } from '../../../tests/support/app.js';
import { pseudonymProblem } from './pseudonyms.js';
import { boardsTestApp, newPseudonym, replyTo, signedIn, startThread, trustedMember, type Person } from './test-support.js';

const editUrl = (threadId: number, postId: number) => `/boards/parents/t/${threadId}/posts/${postId}/edit`;

async function edit(person: Person, threadId: number, postId: number, fields: Record<string, string>) {
  await person.client.get(editUrl(threadId, postId));
  return person.client.post(editUrl(threadId, postId), fields);
}

function rowOf(app: FastifyInstance) {
  return (id: number) => app.services.db.selectFrom('board_posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('boards: every edit passes the checks a new post passes', () => {
  let context: TestContext;
  let app: FastifyInstance;
  before(async () => {
    context = await boardsTestApp({ BOARDS_POSTS_PER_MINUTE: '1000', BOARDS_POSTS_PER_HOUR: '1000' });
    app = context.app;
  });
  after(() => context.close());
  const postRow = (id: number) => rowOf(app)(id);

  it('holds an edit by a member whose posts still wait for approval, even of a post a moderator approved', async () => {
    const member = await signedIn(app);
    const { threadId, postId } = await startThread(member, 'parents', {
      title: 'A first thread',
      body: 'Words a moderator will read',
      pseudonym: newPseudonym(),
    });
    const moderator = await signedIn(app, ['moderator']);
    await moderator.client.get('/moderation');
    assert.equal((await moderator.client.post(`/moderation/posts/${postId}/approve`)).statusCode, 303);
    assert.equal((await postRow(postId!)).status, 'visible');

    const edited = await edit(member, threadId!, postId!, { body: 'Words nobody has read' });
    assert.equal(edited.statusCode, 303);
    const landing = await member.client.get(String(edited.headers.location));
    assert.match(landing.body, /Your post is changed and waiting for a moderator/, 'the page they land on says so');
    const after = await postRow(postId!);
    assert.equal(after.status, 'held');
    assert.deepEqual(after.hold_reasons, ['new-member']);
    const visitor = await app.inject(`/boards/parents/t/${threadId}`);
    assert.ok(!visitor.body.includes('Words nobody has read'), 'the unread edit is not published');
  });

  it('asks about identifying details, and holds an edit with them or with words of danger', async () => {
    const trusted = await trustedMember(app);
    const { threadId, postId } = await startThread(trusted, 'parents', { title: 'Edits and checks', body: 'An ordinary post' });
    const asked = await edit(trusted, threadId!, postId!, { body: 'Ring me on 07700 900123' });
    assert.equal(asked.statusCode, 400);
    assert.match(asked.body, /07700 900123/);
    assert.equal((await postRow(postId!)).body, 'An ordinary post', 'nothing is changed until they choose');
    const anyway = await edit(trusted, threadId!, postId!, { body: 'Ring me on 07700 900123', postAnyway: 'yes' });
    assert.equal(anyway.statusCode, 303);
    assert.deepEqual((await postRow(postId!)).hold_reasons, ['identifying-details']);

    const other = await startThread(trusted, 'parents', { title: 'Another thread', body: 'A quiet post' });
    const danger = await edit(trusted, other.threadId!, other.postId!, { body: 'Some days I want to die' });
    assert.equal(danger.statusCode, 200);
    assert.match(danger.body, /116 123/);
    const held = await postRow(other.postId!);
    assert.equal(held.status, 'held');
    assert.ok(held.hold_reasons.includes('danger'));
    assert.equal(held.urgent, true);
  });

  it('refuses an edit from a member a moderator has paused', async () => {
    const trusted = await trustedMember(app);
    const { threadId, postId } = await startThread(trusted, 'parents', { title: 'Before a pause', body: 'Fine words' });
    await app.services.db
      .updateTable('board_profiles')
      .set({ suspended_until: new Date(Date.now() + 3_600_000) })
      .where('user_id', '=', trusted.user.id)
      .execute();
    assert.equal((await edit(trusted, threadId!, postId!, { body: 'Other words' })).statusCode, 403);
    assert.equal((await postRow(postId!)).body, 'Fine words');
  });
});

describe('boards: edits and the rate limits', () => {
  let context: TestContext;
  let app: FastifyInstance;
  before(async () => {
    context = await boardsTestApp({ BOARDS_POSTS_PER_MINUTE: '3', BOARDS_POSTS_PER_HOUR: '100' });
    app = context.app;
  });
  after(() => context.close());
  const postRow = (id: number) => rowOf(app)(id);

  it('counts edits against the rate limits, so editing cannot flood the boards', async () => {
    const trusted = await trustedMember(app);
    const { threadId, postId } = await startThread(trusted, 'parents', { title: 'Many edits', body: 'Version 1' });
    assert.equal((await edit(trusted, threadId!, postId!, { body: 'Version 2' })).statusCode, 303);
    assert.equal((await edit(trusted, threadId!, postId!, { body: 'Version 3' })).statusCode, 303);
    const fourth = await edit(trusted, threadId!, postId!, { body: 'Version 4' });
    assert.equal(fourth.statusCode, 429, 'a post and two edits use up a minute of three');
    assert.ok(Number(fourth.headers['retry-after']) > 0);
    assert.match(fourth.body, /Version 4/, 'what they wrote is kept');
    assert.equal((await postRow(postId!)).body, 'Version 3');
    const reply = await replyTo(trusted, 'parents', threadId!, { body: 'And a reply' });
    assert.equal(reply.response.statusCode, 429, 'edits count against new posts too');
  });
});

describe('pseudonyms', () => {
  it('may not imitate Hearth or its staff, however they are written', () => {
    for (const name of [
      'Hearth Adviser',
      'HearthAdviser',
      'hearth-moderator',
      'The Advisor',
      'Official Hearth',
      'Site Admin',
      'Staff',
      'Mod Team',
      'Hеarth Adviser',
      'Adv1ser Jo',
      'M0derator',
      'Advice Line',
      'Former member',
    ]) {
      assert.match(pseudonymProblem(name, 'someone@example.org') ?? '', /kept for Hearth’s own use/, name);
    }
    for (const name of ['Staffordshire Mum', 'Moderately Tired Dad', 'Kinship Gran', 'Dad of Three']) {
      assert.equal(pseudonymProblem(name, 'someone@example.org'), null, name);
    }
  });
});
