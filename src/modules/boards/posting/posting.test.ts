import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { FormClient, type TestContext } from '../../../../tests/support/app.js';
import { NOTIFY_JOB } from '../watching/service.js';
import { boardsTestApp, newPseudonym, replyTo, signedIn, startThread, trustedMember, type Person } from '../test-support.js';

describe('boards: posting', () => {
  let context: TestContext;
  let app: FastifyInstance;
  let trusted: Person & { pseudonym: string };
  before(async () => {
    context = await boardsTestApp({ BOARDS_POSTS_PER_MINUTE: '1000', BOARDS_POSTS_PER_HOUR: '1000' });
    app = context.app;
    trusted = await trustedMember(app);
  });
  after(() => context.close());

  it('asks for a pseudonym at the first post, refuses one that gives away the email, and keeps what was typed', async () => {
    const member = await signedIn(app);
    const local = member.user.email.split('@')[0]!;
    const { response } = await startThread(member, 'parents', { title: 'My first thread', body: 'Hello everyone', pseudonym: local });
    assert.equal(response.statusCode, 400);
    assert.ok(response.body.includes('Pseudonym must be different from your email address'));
    assert.ok(response.body.includes('My first thread') && response.body.includes('Hello everyone'), 'what they typed is kept');
    const taken = await startThread(member, 'parents', {
      title: 'My first thread',
      body: 'Hello everyone',
      pseudonym: trusted.pseudonym.toUpperCase(),
    });
    assert.equal(taken.response.statusCode, 400);
    assert.ok(taken.response.body.includes('Someone is already using that pseudonym'));
    const ok = await startThread(member, 'parents', { title: 'My first thread', body: 'Hello everyone', pseudonym: newPseudonym() });
    assert.equal(ok.response.statusCode, 303);
  });

  it('holds a new member’s first three posts, shows them only to the author and moderators', async () => {
    const member = await signedIn(app);
    const other = await signedIn(app);
    const { threadId, postId } = await startThread(member, 'parents', {
      title: 'Held thread',
      body: 'Waiting for a moderator',
      pseudonym: newPseudonym(),
    });
    assert.ok(threadId && postId);
    const post = await app.services.db.selectFrom('board_posts').selectAll().where('id', '=', postId).executeTakeFirstOrThrow();
    assert.equal(post.status, 'held');
    assert.deepEqual(post.hold_reasons, ['new-member']);
    const own = await member.client.get(`/boards/parents/t/${threadId}`);
    assert.equal(own.statusCode, 200);
    assert.ok(own.body.includes('Waiting for a moderator'));
    assert.equal((await other.client.get(`/boards/parents/t/${threadId}`)).statusCode, 404);
    assert.equal((await app.inject(`/boards/parents/t/${threadId}`)).statusCode, 404);
    assert.ok(!(await app.inject('/boards/parents')).body.includes('Held thread'));
    const moderator = await signedIn(app, ['moderator']);
    assert.equal((await moderator.client.get(`/boards/parents/t/${threadId}`)).statusCode, 200);

    // A held reply in a visible thread: the author sees it, nobody else does, and nobody else can touch it.
    const thread = await startThread(trusted, 'parents', { title: 'Open thread', body: 'Anyone around?' });
    const held = await replyTo(member, 'parents', thread.threadId!, { body: 'My secret held reply' });
    assert.equal(held.response.statusCode, 303);
    assert.ok((await member.client.get(`/boards/parents/t/${thread.threadId}`)).body.includes('My secret held reply'));
    for (const viewer of [other.client, trusted.client]) {
      assert.ok(!(await viewer.get(`/boards/parents/t/${thread.threadId}`)).body.includes('My secret held reply'));
      for (const action of ['edit', 'delete', 'report']) {
        assert.equal((await viewer.get(`/boards/parents/t/${thread.threadId}/posts/${held.postId}/${action}`)).statusCode, 404, action);
      }
      const tryEdit = await viewer.post(`/boards/parents/t/${thread.threadId}/posts/${held.postId}/edit`, {
        body: 'changed by someone else',
      });
      assert.equal(tryEdit.statusCode, 404);
      const tryDelete = await viewer.post(`/boards/parents/t/${thread.threadId}/posts/${held.postId}/delete`, {});
      assert.equal(tryDelete.statusCode, 404);
    }
    const after = await app.services.db
      .selectFrom('board_posts')
      .select(['body', 'status'])
      .where('id', '=', held.postId!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, { body: 'My secret held reply', status: 'held' });
  });

  it('never posts twice for a double submit, even at the same moment', async () => {
    const { threadId } = await startThread(trusted, 'parents', { title: 'Double submit', body: 'First post' });
    await trusted.client.get(`/boards/parents/t/${threadId}`);
    const submissionKey = crypto.randomUUID();
    const send = () => trusted.client.post(`/boards/parents/t/${threadId}/reply`, { submissionKey, body: 'Only once please' });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    for (const r of [a, b, c]) assert.equal(r.statusCode, 303);
    const rows = await app.services.db
      .selectFrom('board_posts')
      .select('id')
      .where('thread_id', '=', threadId!)
      .where('body', '=', 'Only once please')
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(a.headers.location, c.headers.location, 'the repeat lands on the same post');
  });

  it('renders hostile bodies inert', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '"><svg onload=alert(1)>',
      'Zalgo t̸̢̛e̵x̷t and bidi \u202Eevil\u202C and emoji 👨‍👩‍👧 and NUL-free',
      "'; drop table board_posts; --",
    ];
    const { threadId } = await startThread(trusted, 'parents', { title: '<b>Title</b> & "quotes"', body: hostile.join('\n\n') });
    const page = await app.inject(`/boards/parents/t/${threadId}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('<script>alert'));
    assert.ok(!/<img[^>]*onerror/i.test(page.body));
    assert.ok(!/href="javascript:/i.test(page.body));
    assert.ok(!page.body.includes('<svg'));
    assert.ok(page.body.includes('&lt;b&gt;Title&lt;/b&gt; &amp; &quot;quotes&quot;'));
    assert.ok(page.body.includes('👨‍👩‍👧'));
    assert.ok((await app.services.db.selectFrom('board_posts').select('id').limit(1).execute()).length > 0, 'the table is still there');
  });

  it('refuses a post that is too long, or empty, with the error next to the field', async () => {
    const { threadId } = await startThread(trusted, 'parents', { title: 'Long posts', body: 'Start' });
    const long = await replyTo(trusted, 'parents', threadId!, { body: 'a'.repeat(20_001) });
    assert.equal(long.response.statusCode, 400);
    assert.ok(long.response.body.includes('Your post must be 20,000 characters or fewer'));
    assert.ok(long.response.body.includes('href="#body"'));
    const empty = await replyTo(trusted, 'parents', threadId!, { body: '   ' });
    assert.equal(empty.response.statusCode, 400);
    assert.ok(empty.response.body.includes('Enter your reply'));
    const noTitle = await startThread(trusted, 'parents', { title: '', body: 'x' });
    assert.ok(noTitle.response.body.includes('Enter a title for your thread'));
  });

  it('does not let new members post links, and renders a trusted member’s links with rel="nofollow"', async () => {
    const member = await signedIn(app);
    const { response } = await startThread(member, 'parents', {
      title: 'A link',
      body: 'See www.example.com for more',
      pseudonym: newPseudonym(),
    });
    assert.equal(response.statusCode, 400);
    assert.ok(response.body.includes('Remove the link from your post'));
    const ok = await startThread(trusted, 'parents', { title: 'A useful link', body: 'See [the guide](https://www.example.com/guide)' });
    const page = await app.inject(`/boards/parents/t/${ok.threadId}`);
    assert.ok(page.body.includes('href="https://www.example.com/guide"'));
    assert.ok(page.body.includes('rel="nofollow noopener noreferrer"'));
  });

  it('warns about identifying details, names them, and holds the post if posted anyway', async () => {
    const { threadId } = await startThread(trusted, 'parents', { title: 'Identifying', body: 'Start' });
    const body = 'My son goes to Northmoor Primary School, ring me on 07700 900123';
    const first = await replyTo(trusted, 'parents', threadId!, { body });
    assert.equal(first.response.statusCode, 400);
    assert.ok(first.response.body.includes('govuk-warning-text'));
    assert.ok(first.response.body.includes('a phone number: “07700 900123”'));
    assert.ok(first.response.body.includes('a school or street name: “Northmoor Primary School”'));
    assert.ok(first.response.body.includes('Post anyway'));
    assert.equal(await countPosts(threadId!), 1, 'nothing posted yet');
    const anyway = await trusted.client.post(`/boards/parents/t/${threadId}/reply`, {
      submissionKey: crypto.randomUUID(),
      body,
      postAnyway: 'yes',
    });
    assert.equal(anyway.statusCode, 303);
    const held = await app.services.db
      .selectFrom('board_posts')
      .selectAll()
      .where('thread_id', '=', threadId!)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(held.status, 'held');
    assert.deepEqual(held.hold_reasons, ['identifying-details']);
    assert.ok(!(await app.inject(`/boards/parents/t/${threadId}`)).body.includes('07700 900123'));
  });

  async function countPosts(threadId: number) {
    return (await app.services.db.selectFrom('board_posts').select('id').where('thread_id', '=', threadId).execute()).length;
  }

  it('leaves the advice line out of urgent help where the advice line is switched off', async () => {
    const alone = await boardsTestApp({ HEARTH_MODULES: 'boards' });
    try {
      const poster = await trustedMember(alone.app);
      const { threadId } = await startThread(poster, 'parents', { title: 'Hard week', body: 'Start' });
      const { response } = await replyTo(poster, 'parents', threadId!, { body: 'Honestly some days I want to die' });
      assert.ok(response.body.includes('116 123'));
      assert.ok(!response.body.includes('/advice-line'), 'no link to a page that is not there');
    } finally {
      await alone.close();
    }
  });

  it('shows urgent help at once for danger words and puts the post at the top of the queue', async () => {
    const { threadId } = await startThread(trusted, 'parents', { title: 'Hard week', body: 'Start' });
    const { response } = await replyTo(trusted, 'parents', threadId!, { body: 'Honestly some days I want to die' });
    assert.equal(response.statusCode, 200);
    assert.ok(response.body.includes('999'));
    assert.ok(response.body.includes('116 123'));
    assert.ok(response.body.includes('24 hours'));
    assert.ok(response.body.includes('href="/advice-line"'), 'the advice line, which is on here');
    // The platform's whole list, not only 999 and Samaritans: a post about danger may be about a child or about abuse.
    for (const line of ['0808 800 5000', '0808 2000 247', '0808 80 10 800', 'emergency duty team'])
      assert.ok(response.body.includes(line), `urgent help names ${line}`);
    const moderator = await signedIn(app, ['moderator']);
    const queue = await moderator.client.get('/moderation');
    const firstHeld = /id="held-(\d+)"/.exec(queue.body);
    const urgent = await app.services.db
      .selectFrom('board_posts')
      .select('id')
      .where('thread_id', '=', threadId!)
      .where('urgent', '=', true)
      .executeTakeFirstOrThrow();
    assert.equal(Number(firstHeld?.[1]), urgent.id, 'the urgent post is first in the queue');
  });

  it('lets the author change a post for 30 minutes, and delete it leaving a placeholder', async () => {
    const { threadId } = await startThread(trusted, 'parents', { title: 'Edits', body: 'Start' });
    const { postId } = await replyTo(trusted, 'parents', threadId!, { body: 'Typo here' });
    const url = `/boards/parents/t/${threadId}/posts/${postId}`;
    assert.equal((await trusted.client.get(`${url}/edit`)).statusCode, 200);
    const edited = await trusted.client.post(`${url}/edit`, { body: 'No typo here' });
    assert.equal(edited.statusCode, 303);
    assert.ok((await app.inject(`/boards/parents/t/${threadId}`)).body.includes('No typo here'));
    await app.services.db
      .updateTable('board_posts')
      .set({ created_at: new Date(Date.now() - 31 * 60_000) } as never)
      .where('id', '=', postId!)
      .execute();
    const late = await trusted.client.post(`${url}/edit`, { body: 'Too late' });
    assert.equal(late.statusCode, 409);
    await trusted.client.get(`${url}/delete`);
    const deleted = await trusted.client.post(`${url}/delete`, {});
    assert.equal(deleted.statusCode, 303);
    const page = await app.inject(`/boards/parents/t/${threadId}`);
    assert.ok(page.body.includes('This post was deleted by its author'));
    assert.ok(!page.body.includes('No typo here'));
  });

  it('quotes a post into the reply box', async () => {
    const { threadId, postId } = await startThread(trusted, 'parents', { title: 'Quoting', body: 'Worth *quoting*' });
    const page = await trusted.client.get(`/boards/parents/t/${threadId}?quote=${postId}`);
    assert.ok(page.body.includes(`&gt; **${trusted.pseudonym}** wrote:`));
    assert.ok(page.body.includes('&gt; Worth *quoting*'));
  });

  it('marks unread posts, jumps to the first one, and pages long threads', async () => {
    const reader = await trustedMember(app);
    const { threadId } = await startThread(trusted, 'parents', { title: 'Long thread', body: 'Post 0' });
    for (let i = 1; i <= 30; i++) await replyTo(trusted, 'parents', threadId!, { body: `Reply number ${i}` });
    const first = await reader.client.get(`/boards/parents/t/${threadId}`);
    assert.ok(first.body.includes('Page 1 of 2'));
    assert.ok(first.body.includes('Reply number 24') && !first.body.includes('Reply number 25'));
    const added = await replyTo(trusted, 'parents', threadId!, { body: 'A brand new reply' });
    const jump = await reader.client.get(`/boards/parents/t/${threadId}/unread`);
    assert.equal(jump.statusCode, 303);
    assert.equal(jump.headers.location, `/boards/parents/t/${threadId}?page=2#post-${await firstAfter(threadId!, 'Reply number 24')}`);
    const board = await reader.client.get('/boards/parents');
    assert.ok(board.body.includes(`/boards/parents/t/${threadId}/unread`), 'the board marks the thread unread');
    const second = await reader.client.get(`/boards/parents/t/${threadId}?page=2`);
    assert.ok(second.body.includes('A brand new reply'));
    assert.ok(added.postId);
    assert.equal((await reader.client.get(`/boards/parents/t/${threadId}?page=3`)).statusCode, 404);
  });

  it('writes a reply with its thread’s counts and the watchers’ job, and sends the author to the page that holds it', async () => {
    await app.worker.drain();
    const waitingJobs = async () =>
      Number(
        (
          await app.services.db
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('kind', '=', NOTIFY_JOB)
            .where('status', '=', 'queued')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const { threadId } = await startThread(trusted, 'parents', { title: 'Where did my reply go', body: 'Post 0' });
    for (let i = 1; i <= 23; i++) await replyTo(trusted, 'parents', threadId!, { body: `Counted reply ${i}` });
    const thread = () => app.services.db.selectFrom('board_threads').selectAll().where('id', '=', threadId!).executeTakeFirstOrThrow();
    assert.equal(await waitingJobs(), 1, 'one waiting run tells the watchers about all 24 posts');
    await app.worker.drain();
    assert.equal(await waitingJobs(), 0);
    const newcomer = await signedIn(app);

    // A new member's first reply waits: 24 posts everyone sees, then theirs, so page 1 for them.
    const held = await replyTo(newcomer, 'parents', threadId!, { body: 'My first reply', pseudonym: newPseudonym() });
    assert.match(String(held.response.headers.location), new RegExp(`\\?page=1#post-${held.postId}$`));
    assert.equal(await waitingJobs(), 0, 'a held post queues no job');
    const last = await replyTo(trusted, 'parents', threadId!, { body: 'The 25th post everyone sees' });
    assert.match(String(last.response.headers.location), new RegExp(`\\?page=1#post-${last.postId}$`));
    // Their second: 25 everyone sees, their first that waits, then this one.
    const again = await replyTo(newcomer, 'parents', threadId!, { body: 'My second reply' });
    assert.match(String(again.response.headers.location), new RegExp(`\\?page=2#post-${again.postId}$`));
    assert.ok((await newcomer.client.get(`/boards/parents/t/${threadId}?page=2`)).body.includes('My second reply'));

    const row = await thread();
    assert.deepEqual(
      { replies: row.reply_count, shown: row.shown_posts, last: row.last_post_id },
      { replies: 24, shown: 25, last: last.postId },
      'held posts move no counts',
    );
    assert.equal(await waitingJobs(), 1, 'queued by the post that went up');
    await app.worker.drain();

    // A repeated submit finds the first post and moves nothing.
    const submissionKey = crypto.randomUUID();
    await trusted.client.post(`/boards/parents/t/${threadId}/reply`, { submissionKey, body: 'Sent twice' });
    const before = await thread();
    const repeat = await trusted.client.post(`/boards/parents/t/${threadId}/reply`, { submissionKey, body: 'Sent twice' });
    assert.equal(repeat.statusCode, 303);
    assert.deepEqual(await thread(), before);
    assert.equal(await waitingJobs(), 1);
  });

  async function firstAfter(threadId: number, body: string) {
    const row = await app.services.db
      .selectFrom('board_posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('body', '=', body)
      .executeTakeFirstOrThrow();
    return row.id + 1;
  }

  it('rate-limits posting per member', async () => {
    const limited = await boardsTestApp({ BOARDS_POSTS_PER_MINUTE: '2' });
    try {
      const person = await trustedMember(limited.app);
      const { threadId } = await startThread(person, 'parents', { title: 'Busy', body: 'One' });
      assert.equal((await replyTo(person, 'parents', threadId!, { body: 'Two' })).response.statusCode, 303);
      const third = await replyTo(person, 'parents', threadId!, { body: 'Three' });
      assert.equal(third.response.statusCode, 429);
      assert.ok(third.response.body.includes('You have posted a lot in a short time'));
      assert.ok(third.response.body.includes('Three'), 'what they wrote is kept');
    } finally {
      await limited.close();
    }
  });

  it('keeps a visitor’s thread page only until anything on it changes', async () => {
    const { threadId, postId } = await startThread(trusted, 'parents', { title: 'Kept page', body: 'First words' });
    const url = `/boards/parents/t/${threadId}`;
    const read = async () => (await app.inject(url)).body;
    assert.ok((await read()).includes('First words'));
    await trusted.client.get(`${url}/posts/${postId}/edit`);
    await trusted.client.post(`${url}/posts/${postId}/edit`, { body: 'Changed words' });
    assert.ok((await read()).includes('Changed words'), 'an edit shows at once');
    await replyTo(trusted, 'parents', threadId!, { body: 'A new reply' });
    assert.ok((await read()).includes('A new reply'), 'a reply shows at once');
    const moderator = await signedIn(app, ['moderator']);
    await moderator.client.get(url);
    await moderator.client.post(`/moderation/threads/${threadId}/lock`, { locked: 'yes' });
    assert.ok((await read()).includes('A moderator has locked this thread'), 'a lock shows at once');
    await app.services.db
      .updateTable('board_profiles')
      .set({ pseudonym_changed_at: new Date(Date.now() - 40 * 86_400_000) })
      .where('user_id', '=', trusted.user.id)
      .execute();
    await trusted.client.get('/boards/pseudonym');
    const renamed = newPseudonym();
    assert.equal((await trusted.client.post('/boards/pseudonym', { pseudonym: renamed })).statusCode, 303);
    trusted.pseudonym = renamed;
    assert.ok((await read()).includes(renamed), 'a new pseudonym shows at once');
    const again = await trusted.client.post('/boards/pseudonym', { pseudonym: newPseudonym() });
    assert.equal(again.statusCode, 400);
    assert.ok(again.body.includes('You can change your pseudonym once a month'));
  });

  it('lets visitors read but sends them to sign in to post', async () => {
    const visitor = new FormClient(app);
    const form = await visitor.get('/boards/parents/new');
    assert.equal(form.statusCode, 303);
    assert.match(String(form.headers.location), /^\/sign-in/);
  });
});
