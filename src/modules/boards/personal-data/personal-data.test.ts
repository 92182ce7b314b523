import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { TestContext } from '../../../../tests/support/app.js';
import { boardsTestApp, newPseudonym, replyTo, signedIn, startThread, trustedMember } from '../test-support.js';

describe('boards: personal data hooks', () => {
  let context: TestContext;
  let app: FastifyInstance;
  // The hooks as the platform calls them, through the module contract, with the module's own context.
  const boards = () => app.modules.find((m) => m.name === 'boards')!;
  const hooks = {
    export: (userId: string) => boards().personalData!.export(app.moduleContext(boards()), userId),
    erase: (userId: string) => boards().personalData!.erase(app.moduleContext(boards()), userId),
  };
  before(async () => {
    context = await boardsTestApp({ BOARDS_POSTS_PER_MINUTE: '1000', BOARDS_POSTS_PER_HOUR: '1000' });
    app = context.app;
  });
  after(() => context.close());

  it('exports everything a member posted, their pseudonym, watches, join requests and reports', async () => {
    const member = await signedIn(app);
    const pseudonym = newPseudonym();
    const other = await trustedMember(app);
    const { threadId } = await startThread(member, 'parents', { title: 'My export thread', body: 'My first words', pseudonym });
    const theirs = await startThread(other, 'parents', { title: 'Someone else', body: 'Not mine' });
    await member.client.get(`/boards/parents/t/${theirs.threadId}`);
    await member.client.post(`/boards/parents/t/${theirs.threadId}/watch`, { mode: 'daily' });
    await replyTo(member, 'parents', theirs.threadId!, { body: 'My reply' });
    const report = `/boards/parents/t/${theirs.threadId}/posts/${theirs.postId}/report`;
    await member.client.get(report);
    await member.client.post(report, { reason: 'Test report' });
    await member.client.get('/boards/join/research-and-practice');
    await member.client.post('/boards/join/research-and-practice', { statement: 'Test statement' });

    const data = await hooks.export(member.user.id);
    assert.deepEqual((data['Your pseudonym'] as { pseudonym: string }).pseudonym, pseudonym);
    const posts = data['Your posts'] as { text: string; threadId: number }[];
    assert.deepEqual(
      posts.map((p) => p.text),
      ['My first words', 'My reply'],
    );
    assert.deepEqual(
      (data['Threads you started'] as { title: string }[]).map((t) => t.title),
      ['My export thread'],
    );
    assert.equal((data['What you watch'] as unknown[]).length, 1);
    assert.equal((data['Your requests to join boards'] as { statement: string }[])[0]?.statement, 'Test statement');
    assert.equal((data['Posts you reported'] as { reason: string }[])[0]?.reason, 'Test report');
    assert.ok(!JSON.stringify(data).includes('Not mine'), 'nothing of anyone else’s');
    assert.ok(threadId);

    // The download link gives the same export.
    const download = await member.client.get('/boards/my-posts.json');
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /attachment/);
    assert.deepEqual(JSON.parse(download.body), JSON.parse(JSON.stringify(data)));
    assert.equal((await app.inject('/boards/my-posts.json')).statusCode, 303, 'visitors are sent to sign in');
  });

  it('erases a member: public posts stay as "former member", threads keep working, everything else goes', async () => {
    const member = await trustedMember(app);
    const other = await trustedMember(app);
    const { threadId } = await startThread(member, 'parents', { title: 'Thread of someone leaving', body: 'Words that stay' });
    await replyTo(other, 'parents', threadId!, { body: 'A reply that must still make sense' });
    await member.client.get(`/boards/parents/t/${threadId}`);
    await member.client.post(`/boards/parents/t/${threadId}/watch`, { mode: 'instant' });
    await app.services.db
      .updateTable('board_profiles')
      .set({ posts_freely: false, approved_posts: 0 })
      .where('user_id', '=', member.user.id)
      .execute();
    const held = await replyTo(member, 'parents', threadId!, { body: 'Held words that were never public' });

    await hooks.erase(member.user.id);

    const page = await app.inject(`/boards/parents/t/${threadId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('former member'));
    assert.ok(!page.body.includes(member.pseudonym));
    assert.ok(page.body.includes('Words that stay') && page.body.includes('A reply that must still make sense'));
    const heldRow = await app.services.db
      .selectFrom('board_posts')
      .select(['body', 'author_id'])
      .where('id', '=', held.postId!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(heldRow, { body: '', author_id: null });
    const db = app.services.db;
    assert.equal((await db.selectFrom('board_posts').select('id').where('author_id', '=', member.user.id).execute()).length, 0);
    assert.equal((await db.selectFrom('board_profiles').select('user_id').where('user_id', '=', member.user.id).execute()).length, 0);
    assert.equal((await db.selectFrom('board_watches').select('id').where('user_id', '=', member.user.id).execute()).length, 0);
    const after = await hooks.export(member.user.id);
    assert.deepEqual(after['Your posts'], []);
    assert.equal(after['Your pseudonym'], null);
    // The account itself can now be deleted without breaking anything that pointed at it.
    await db.deleteFrom('user_roles').where('user_id', '=', member.user.id).execute();
    await db.deleteFrom('users').where('id', '=', member.user.id).execute();
    assert.equal((await app.inject(`/boards/parents/t/${threadId}`)).statusCode, 200);
  });
});
