import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type TestContext } from '../../../../tests/support/app.js';
import { boardsTestApp, newPseudonym, replyTo, signedIn, startThread, trustedMember } from '../test-support.js';

const RESTRICTED = 'research-and-practice';

describe('boards: reading, access and the restricted board', () => {
  let context: TestContext;
  let app: FastifyInstance;
  let restrictedThread: number;
  before(async () => {
    context = await boardsTestApp();
    app = context.app;
    const thread = await app.services.db
      .selectFrom('board_threads')
      .select('id')
      .where('board_slug', '=', RESTRICTED)
      .executeTakeFirstOrThrow();
    restrictedThread = thread.id;
  });
  after(() => context.close());

  it('shows visitors the four open boards and never the restricted one', async () => {
    const page = await app.inject('/boards');
    assert.equal(page.statusCode, 200);
    for (const title of ['Parents', 'Family and friends carers', 'Family group conference network', 'Parents’ and carers’ alliance']) {
      assert.ok(page.body.includes(title.replace(/’/g, '’')), title);
    }
    assert.ok(!page.body.includes('Research and practice'));
    assert.equal(page.headers['set-cookie'], undefined, 'reading sets no cookie');
  });

  it('answers 404 for the restricted board, its threads, its search results and its API to everyone not approved', async () => {
    const member = await signedIn(app);
    const adviser = await signedIn(app, ['adviser']);
    for (const who of [null, member, adviser]) {
      const get = (url: string) => (who ? who.client.get(url) : app.inject(url));
      assert.equal((await get(`/boards/${RESTRICTED}`)).statusCode, 404);
      assert.equal((await get(`/boards/${RESTRICTED}/t/${restrictedThread}`)).statusCode, 404);
      assert.equal((await get(`/boards/${RESTRICTED}/t/${restrictedThread}/unread`)).statusCode, 404);
      // The same thread id under an open board's address must not reveal it either.
      assert.equal((await get(`/boards/parents/t/${restrictedThread}`)).statusCode, 404);
      const search = await get('/boards/search?q=poverty+neglect');
      assert.equal(search.statusCode, 200);
      assert.ok(!search.body.includes('Reading group'), 'search never shows the restricted board');
    }
    assert.equal((await member.client.get(`/boards/${RESTRICTED}/new`)).statusCode, 404);
    assert.equal((await app.inject(`/api/v1/boards/${RESTRICTED}`)).statusCode, 404);
    assert.equal((await app.inject(`/api/v1/boards/${RESTRICTED}/threads/${restrictedThread}`)).statusCode, 404);
    const list = (await app.inject('/api/v1/boards')).json() as { slug: string }[];
    assert.ok(!list.some((b) => b.slug === RESTRICTED));
  });

  it('opens the restricted board to approved members and moderators', async () => {
    const professional = await signedIn(app);
    await app.services.db
      .insertInto('board_memberships')
      .values({ board_slug: RESTRICTED, user_id: professional.user.id, status: 'approved', statement: 'Test researcher' })
      .execute();
    const moderator = await signedIn(app, ['moderator']);
    for (const who of [professional, moderator]) {
      assert.equal((await who.client.get(`/boards/${RESTRICTED}`)).statusCode, 200);
      const thread = await who.client.get(`/boards/${RESTRICTED}/t/${restrictedThread}`);
      assert.equal(thread.statusCode, 200);
      assert.ok(thread.body.includes('Reading group: poverty and neglect'));
      const search = await who.client.get('/boards/search?q=poverty');
      assert.ok(search.body.includes('Reading group'), 'search finds it for people who may read it');
    }
  });

  it('lets a signed-in member ask to join, and names the restricted board only to them', async () => {
    const member = await signedIn(app);
    const list = await member.client.get('/boards');
    assert.ok(list.body.includes(`/boards/join/${RESTRICTED}`));
    const empty = await member.client.post(`/boards/join/${RESTRICTED}`, { statement: '' });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('Tell the moderators who you are'));
    const sent = await member.client.post(`/boards/join/${RESTRICTED}`, { statement: 'I am a family support worker (test).' });
    assert.equal(sent.statusCode, 303);
    const row = await app.services.db
      .selectFrom('board_memberships')
      .selectAll()
      .where('user_id', '=', member.user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal((await member.client.get(`/boards/${RESTRICTED}`)).statusCode, 404, 'asking is not being let in');
    assert.equal((await member.client.get('/boards/join/parents')).statusCode, 404, 'open boards have no join page');
  });

  it('refuses bad ids and pages with 404 rather than an error', async () => {
    for (const url of [
      '/boards/parents/t/abc',
      '/boards/parents/t/0',
      '/boards/parents/t/99999999999',
      '/boards/parents/t/1e3',
      '/boards/nope',
      '/boards/parents/t/999999',
    ]) {
      assert.equal((await app.inject(url)).statusCode, 404, url);
    }
  });
});

// The posts of a page are shared between readers who see no held posts, and on the embedded database each reader's own
// state is kept until a write could change it: run on the suite's database and on PGlite.
for (const embedded of [false, true]) {
  describe(`boards: what one reader sees never reaches another (${embedded ? 'embedded database' : "the run's database"})`, () => {
    let context: TestContext;
    before(async () => {
      context = await boardsTestApp({}, { embedded });
    });
    after(() => context.close());

    it("shows a held post only to its author and moderators, whoever read the page first, and each reader's own watch", async () => {
      const app = context.app;
      const starter = await trustedMember(app);
      const { threadId } = await startThread(starter, 'parents', { title: 'Kept pages test', body: 'The first post, up at once.' });
      const url = `/boards/parents/t/${threadId}`;
      const reader = await signedIn(app);
      const newcomer = await signedIn(app);
      const moderator = await signedIn(app, ['moderator']);

      assert.ok((await reader.client.get(url)).body.includes('The first post, up at once.'));
      await replyTo(newcomer, 'parents', threadId!, { body: 'A first reply, held for a moderator.', pseudonym: newPseudonym() });
      for (const [who, seesHeld] of [
        [reader, false],
        [newcomer, true],
        [starter, false],
        [moderator, true],
        [reader, false],
      ] as const) {
        const body = (await who.client.get(url)).body;
        assert.ok(body.includes('The first post, up at once.'));
        assert.equal(body.includes('A first reply, held for a moderator.'), seesHeld);
      }

      const watching = await reader.client.post(`${url}/watch`, { mode: 'daily' });
      assert.equal(watching.statusCode, 303);
      assert.ok((await reader.client.get(url)).body.includes('Stop emails about this thread'), 'their new watch shows at once');
      assert.ok(!(await starter.client.get(url)).body.includes('Stop emails about this thread'), 'and only to them');
    });

    it("gives a member's kept thread page a new submission key each time, and follows every change to what it shows", async () => {
      const app = context.app;
      const starter = await trustedMember(app);
      const other = await trustedMember(app);
      const { threadId } = await startThread(starter, 'parents', { title: 'Kept page keys', body: 'Where the thread starts.' });
      const url = `/boards/parents/t/${threadId}`;
      const keyOf = (body: string) => /name="submissionKey" value="([^"]+)"/.exec(body)?.[1];

      const first = (await starter.client.get(url)).body;
      const second = (await starter.client.get(url)).body;
      assert.ok(keyOf(first) && keyOf(second), 'the reply form has a key');
      assert.notEqual(keyOf(first), keyOf(second), 'never the same key twice, or a second reply would be taken for the first');
      assert.ok(!second.includes('\u0000'), 'no stand-in is ever sent');
      assert.match(second, /Change<span class="govuk-visually-hidden"> your post/, 'the author may change their post');
      assert.doesNotMatch((await other.client.get(url)).body, /Change<span class="govuk-visually-hidden"> your post/, 'no one else may');

      const csrf = /name="_csrf" value="([^"]+)"/.exec(second)![1]!;
      const replied = await starter.client.post(`${url}/reply`, {
        _csrf: csrf,
        submissionKey: keyOf(second)!,
        body: 'A reply sent from a kept page.',
      });
      assert.equal(replied.statusCode, 303, 'a kept page’s form works');
      await replyTo(other, 'parents', threadId!, { body: 'Another member answers.' });
      const after = (await starter.client.get(url)).body;
      assert.ok(after.includes('A reply sent from a kept page.') && after.includes('Another member answers.'), 'both replies show at once');
      assert.match(after, /Jump to the first unread post|New<\/strong>/, 'and the other member’s reply is new to them');
    });
  });
}
