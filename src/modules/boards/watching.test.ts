import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { TestContext } from '../../../tests/support/app.js';
import { startSmtpSink } from '../../../tests/support/smtp.js';
import { boardsTestApp, replyTo, startThread, trustedMember, type Person } from './test-support.js';

/** The decoded text of a raw message: quoted-printable soft breaks joined, so links can be matched whole. */
const plain = (raw: string) =>
  raw
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\r?\n/g, '')
    .replace(/=3D/g, '=');

describe('boards: watching, over a real SMTP server', () => {
  let context: TestContext;
  let app: FastifyInstance;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let author: Person;
  let watcher: Person;
  before(async () => {
    smtp = await startSmtpSink();
    context = await boardsTestApp({ SMTP_URL: smtp.url, BOARDS_POSTS_PER_MINUTE: '1000', BOARDS_POSTS_PER_HOUR: '1000' });
    app = context.app;
    author = await trustedMember(app);
    watcher = await trustedMember(app);
  });
  after(async () => {
    await context.close();
    await smtp.close();
  });

  const to = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  it('emails an instant watcher once per post, without the words of the post, with one-click unsubscribe', async () => {
    const { threadId } = await startThread(author, 'parents', { title: 'Watched thread', body: 'Start' });
    await watcher.client.get(`/boards/parents/t/${threadId}`);
    assert.equal((await watcher.client.post(`/boards/parents/t/${threadId}/watch`, { mode: 'instant' })).statusCode, 303);
    await app.worker.drain();
    const before = to(watcher.user.email).length;
    await replyTo(author, 'parents', threadId!, { body: 'A private detail nobody should read in an email' });
    await app.worker.drain();
    await app.worker.drain();
    const mails = to(watcher.user.email).slice(before);
    assert.equal(mails.length, 1);
    const raw = plain(mails[0]!.raw);
    assert.match(raw, /^Subject: (New post in|=\?UTF-8\?Q\?New_post_in)/im);
    assert.ok(!raw.includes('A private detail'), 'the email never carries what was written');
    const header = /List-Unsubscribe:\s*<(http:\/\/hearth\.test\/api\/v1\/boards\/unsubscribe\/[^>]+)>/.exec(raw);
    assert.ok(header, 'List-Unsubscribe header');
    assert.match(raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    assert.ok(raw.includes(`http://hearth.test/boards/parents/t/${threadId}/unread`));

    // The author is not told about their own post, and running the job again sends nothing more.
    assert.equal(to(author.user.email).length, 0);
    const postId = (
      await app.services.db
        .selectFrom('board_posts')
        .select('id')
        .where('thread_id', '=', threadId!)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    await app.boards.watching.notifyPost({ postId });
    await app.worker.drain();
    assert.equal(to(watcher.user.email).length - before, 1);

    // One click, as a mail app does it: a POST with no cookie and no CSRF token.
    const url = new URL(header[1]!);
    const oneClick = await app.inject({
      method: 'POST',
      url: url.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.statusCode, 200);
    assert.deepEqual(oneClick.json(), { unsubscribed: true });
    await replyTo(author, 'parents', threadId!, { body: 'Another reply' });
    await app.worker.drain();
    await app.worker.drain();
    assert.equal(to(watcher.user.email).length - before, 1, 'no more emails after unsubscribing');
  });

  it('refuses a forged unsubscribe token', async () => {
    const forged = await app.inject({ method: 'POST', url: '/api/v1/boards/unsubscribe/00000000-0000-0000-0000-000000000000.forged' });
    assert.deepEqual(forged.json(), { unsubscribed: false });
    const page = await app.inject('/boards/unsubscribe/nonsense');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('This link has already been used, or it is not complete'));
  });

  it('sends a daily round-up of a watched board, and the unsubscribe page in it works', async () => {
    const digestReader = await trustedMember(app);
    await digestReader.client.get('/boards/family-and-friends-carers');
    await digestReader.client.post('/boards/family-and-friends-carers/watch', { mode: 'daily' });
    const { threadId } = await startThread(author, 'family-and-friends-carers', { title: 'Digest thread', body: 'One' });
    await replyTo(author, 'family-and-friends-carers', threadId!, { body: 'Two' });
    await app.services.db
      .updateTable('board_watches')
      .set({ last_sent_at: new Date(Date.now() - 25 * 3600_000) })
      .where('user_id', '=', digestReader.user.id)
      .execute();
    await app.services.jobs.enqueue('boards.daily-digest', {});
    await app.worker.drain();
    await app.worker.drain();
    const mails = to(digestReader.user.email);
    assert.equal(mails.length, 1);
    const raw = plain(mails[0]!.raw);
    assert.match(raw, /Subject: Your daily round-up from the boards/);
    assert.match(raw, /Digest thread.*: 2 new posts/);
    assert.match(raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    // Nothing new since: the next run sends nothing.
    await app.services.jobs.enqueue('boards.daily-digest', {});
    await app.worker.drain();
    assert.equal(to(digestReader.user.email).length, 1);

    const link = /http:\/\/hearth\.test(\/boards\/unsubscribe\/\S+)/.exec(raw)![1]!;
    const page = await digestReader.client.get(link);
    assert.ok(page.body.includes('Stop emails about the Family and friends carers board?'));
    const done = await digestReader.client.post(link, {});
    assert.ok(done.body.includes('You will not get these emails any more'));
    assert.equal(
      (await app.services.db.selectFrom('board_watches').select('id').where('user_id', '=', digestReader.user.id).execute()).length,
      0,
    );
  });

  it('does not email a watcher who can no longer read the board', async () => {
    const member = await trustedMember(app);
    await app.services.db
      .insertInto('board_memberships')
      .values({ board_slug: 'research-and-practice', user_id: member.user.id, status: 'approved', statement: 'test' })
      .execute();
    await member.client.get('/boards/research-and-practice');
    await member.client.post('/boards/research-and-practice/watch', { mode: 'instant' });
    await app.services.db.updateTable('board_memberships').set({ status: 'refused' }).where('user_id', '=', member.user.id).execute();
    const insider = await trustedMember(app);
    await app.services.db
      .insertInto('board_memberships')
      .values({ board_slug: 'research-and-practice', user_id: insider.user.id, status: 'approved', statement: 'test' })
      .execute();
    await startThread(insider, 'research-and-practice', { title: 'Restricted news', body: 'x' });
    await app.worker.drain();
    await app.worker.drain();
    assert.equal(to(member.user.email).length, 0);
  });
});
