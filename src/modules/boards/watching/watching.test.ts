import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { TestContext } from '../../../../tests/support/app.js';
import { startSmtpSink } from '../../../../tests/support/smtp.js';
import { boardsTestApp, replyTo, startThread, trustedMember, type Person } from '../test-support.js';

/** The decoded text of a raw message: quoted-printable soft breaks joined, so links can be matched whole. */
const plain = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/\r?\n[ \t]+/g, ' ')
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
    const watched = await watcher.client.post(`/boards/parents/t/${threadId}/watch`, { mode: 'instant' });
    assert.equal(watched.statusCode, 303);
    assert.match((await watcher.client.get(String(watched.headers.location))).body, /We will email you when someone posts/);
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
    assert.equal(await app.boards.watching.notifyNewPosts(), 0);
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
    assert.ok(page.body.includes('Stop your daily round-up from the boards?'));
    const done = await digestReader.client.post(link, {});
    assert.ok(done.body.includes('You will not get these emails any more'));
    assert.equal(
      (await app.services.db.selectFrom('board_watches').select('id').where('user_id', '=', digestReader.user.id).execute()).length,
      0,
    );
  });

  it('emails an instant watcher once for several posts that went up together, naming how many', async () => {
    const { threadId } = await startThread(author, 'parents', { title: 'Busy thread', body: 'Start' });
    await app.worker.drain();
    const keen = await trustedMember(app);
    await keen.client.get(`/boards/parents/t/${threadId}`);
    await keen.client.post(`/boards/parents/t/${threadId}/watch`, { mode: 'instant' });
    await app.worker.drain();
    await replyTo(author, 'parents', threadId!, { body: 'First of three' });
    await replyTo(author, 'parents', threadId!, { body: 'Second of three' });
    await replyTo(keen, 'parents', threadId!, { body: 'My own reply is not news to me' });
    await app.worker.drain();
    await app.worker.drain();
    const mails = to(keen.user.email);
    assert.equal(mails.length, 1);
    assert.match(plain(mails[0]!.raw), /Subject: (2 new posts in|=\?UTF-8\?Q\?2_new_posts_in)/);
    assert.equal(to(author.user.email).length, 0, 'the author is not a watcher, and is never told of their own posts');
  });

  /** Sets someone's daily watches back a day and a bit, as if their last round-up went yesterday. */
  async function lastRoundUpYesterday(userId: string) {
    await app.services.db
      .updateTable('board_watches')
      .set({ last_sent_at: new Date(Date.now() - 25 * 3600_000) })
      .where('user_id', '=', userId)
      .where('mode', '=', 'daily')
      .execute();
  }

  async function runRoundUp() {
    await app.services.jobs.enqueue('boards.daily-digest', {});
    await app.worker.drain();
    await app.worker.drain();
  }

  it('sends one round-up a day per person, grouping every thread and board they watch, with a link to each thread', async () => {
    const reader = await trustedMember(app);
    const carersA = (await startThread(author, 'family-and-friends-carers', { title: 'Round-up carers A', body: 'One' })).threadId!;
    const carersC = (await startThread(author, 'family-and-friends-carers', { title: 'Round-up carers C', body: 'One' })).threadId!;
    const parentsB = (await startThread(author, 'parents', { title: 'Round-up parents B', body: 'One' })).threadId!;
    const quiet = (await startThread(author, 'parents', { title: 'Round-up quiet', body: 'One' })).threadId!;
    await reader.client.get('/boards/family-and-friends-carers');
    await reader.client.post('/boards/family-and-friends-carers/watch', { mode: 'daily' });
    // Watched twice, itself and through its board: listed once.
    await reader.client.get(`/boards/family-and-friends-carers/t/${carersC}`);
    await reader.client.post(`/boards/family-and-friends-carers/t/${carersC}/watch`, { mode: 'daily' });
    await reader.client.get(`/boards/parents/t/${parentsB}`);
    await reader.client.post(`/boards/parents/t/${parentsB}/watch`, { mode: 'daily' });
    // An instant watch is not part of the round-up, and survives unsubscribing from it.
    await reader.client.get(`/boards/parents/t/${quiet}`);
    await reader.client.post(`/boards/parents/t/${quiet}/watch`, { mode: 'instant' });
    await app.worker.drain();
    await lastRoundUpYesterday(reader.user.id);
    await replyTo(author, 'family-and-friends-carers', carersA, { body: 'Two' });
    await replyTo(author, 'family-and-friends-carers', carersA, { body: 'Three' });
    await replyTo(author, 'parents', parentsB, { body: 'Two' });
    await replyTo(reader, 'parents', parentsB, { body: 'My own reply' });
    const before = to(reader.user.email).length;
    await runRoundUp();

    const mails = to(reader.user.email).slice(before);
    assert.equal(mails.length, 1, 'one email for everything they watch');
    const raw = plain(mails[0]!.raw);
    assert.match(raw, /Subject: Your daily round-up from the boards/);
    assert.match(raw, /Family and friends carers/);
    assert.match(raw, /Parents/);
    assert.match(raw, /Round-up carers A.*: 3 new posts/);
    assert.match(raw, /Round-up parents B.*: 2 new posts/, 'their own reply is not counted');
    assert.equal(raw.match(/Round-up carers C/g)?.length, 1);
    assert.ok(!raw.includes('Round-up quiet'));
    assert.ok(!raw.includes('My own reply') && !raw.includes('Three'), 'no words of any post');
    for (const [board, id] of [
      ['family-and-friends-carers', carersA],
      ['family-and-friends-carers', carersC],
      ['parents', parentsB],
    ] as const) {
      assert.ok(raw.includes(`http://hearth.test/boards/${board}/t/${id}/unread`), `a link to thread ${id}`);
    }

    // Not due again until tomorrow, however much is posted.
    await replyTo(author, 'parents', parentsB, { body: 'Later' });
    await runRoundUp();
    assert.equal(to(reader.user.email).length - before, 1);

    // One click in the mail app stops the whole round-up, and nothing else.
    const header = /List-Unsubscribe:\s*<(http:\/\/hearth\.test\/api\/v1\/boards\/unsubscribe\/[^>]+)>/.exec(raw);
    assert.ok(header, 'List-Unsubscribe header');
    assert.match(raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const oneClick = await app.inject({
      method: 'POST',
      url: new URL(header[1]!).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.deepEqual(oneClick.json(), { unsubscribed: true });
    const left = await app.services.db
      .selectFrom('board_watches')
      .select(['mode', 'thread_id'])
      .where('user_id', '=', reader.user.id)
      .execute();
    assert.deepEqual(left, [{ mode: 'instant', thread_id: quiet }]);
    const tampered = header[1]!.replace(/daily-[0-9a-f]/, (m) => `${m.slice(0, -1)}${m.endsWith('0') ? '1' : '0'}`);
    assert.deepEqual((await app.inject({ method: 'POST', url: new URL(tampered).pathname })).json(), { unsubscribed: false });
  });

  it('leaves out of the round-up a restricted board the person can no longer read', async () => {
    const reader = await trustedMember(app);
    await app.services.db
      .insertInto('board_memberships')
      .values({ board_slug: 'research-and-practice', user_id: reader.user.id, status: 'approved', statement: 'test' })
      .execute();
    await reader.client.get('/boards/research-and-practice');
    assert.equal((await reader.client.post('/boards/research-and-practice/watch', { mode: 'daily' })).statusCode, 303);
    await reader.client.post('/boards/parents/watch', { mode: 'daily' });
    await lastRoundUpYesterday(reader.user.id);
    const insider = await trustedMember(app);
    await app.services.db
      .insertInto('board_memberships')
      .values({ board_slug: 'research-and-practice', user_id: insider.user.id, status: 'approved', statement: 'test' })
      .execute();
    await startThread(insider, 'research-and-practice', { title: 'Restricted round-up news', body: 'x' });
    await startThread(author, 'parents', { title: 'Open round-up news', body: 'x' });
    await app.services.db.updateTable('board_memberships').set({ status: 'refused' }).where('user_id', '=', reader.user.id).execute();
    await runRoundUp();
    const mails = to(reader.user.email);
    assert.equal(mails.length, 1);
    const raw = plain(mails[0]!.raw);
    assert.match(raw, /Open round-up news/);
    assert.ok(!raw.includes('Restricted round-up news'));
    assert.ok(!raw.includes('Research and practice'));

    // With only the restricted board left, no round-up at all.
    await reader.client.post('/boards/parents/watch', { mode: 'stop' });
    await lastRoundUpYesterday(reader.user.id);
    await startThread(insider, 'research-and-practice', { title: 'More restricted news', body: 'x' });
    await runRoundUp();
    assert.equal(to(reader.user.email).length, 1);
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
