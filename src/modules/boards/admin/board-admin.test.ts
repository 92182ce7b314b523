import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type TestContext } from '../../../../tests/support/app.js';
import type { Role } from '../../../platform/roles.js';
import { unsafeRules } from './rules.js';
import { boardsTestApp, replyTo, signedIn, startThread, trustedMember, type Person } from '../test-support.js';

const RESTRICTED = 'research-and-practice';
const OPEN_RULES = { restricted: 'no', read: ['visitor'], reply: ['member', 'adviser'], start: ['member', 'adviser'] };

describe('boards: administration of boards and their rules', () => {
  let context: TestContext;
  let app: FastifyInstance;
  let admin: Person;
  before(async () => {
    context = await boardsTestApp({ BOARDS_POSTS_PER_MINUTE: '1000', BOARDS_POSTS_PER_HOUR: '1000' });
    app = context.app;
    admin = await signedIn(app, ['admin']);
  });
  after(() => context.close());

  const db = () => app.services.db;
  const audited = (action: string, slug: string) =>
    db().selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', slug).orderBy('id').execute();
  const boardRow = (slug: string) => db().selectFrom('boards').selectAll().where('slug', '=', slug).executeTakeFirst();
  const auditCount = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  let boards = 0;
  /** A new open board, made through the real form, with a slug of its own. */
  async function newBoard(fields: Record<string, string> = {}) {
    boards += 1;
    const slug = `test-board-${boards}-${Math.random().toString(36).slice(2, 6)}`;
    const response = await admin.client.submit('/admin/boards/new', {
      title: `Test board ${boards}`,
      slug,
      description: 'A board made by a test.',
      restricted: 'no',
      ...fields,
    });
    assert.equal(response.statusCode, 303, response.body);
    return slug;
  }

  const setRules = (slug: string, rules: Record<string, string | string[]>) => admin.client.submit(`/admin/boards/${slug}/rules`, rules);

  it('lists the boards pages among the modules’ pages on /admin', async () => {
    const page = await admin.client.get('/admin');
    assert.equal(page.statusCode, 200);
    const listed = page.body.slice(page.body.indexOf('Pages of Hearth’s modules'));
    assert.ok(listed.includes('href="/admin/boards"') && listed.includes('href="/moderation"'), 'both staff pages are listed');
    assert.ok(!listed.includes('href="/boards"'), 'public pages are left to the main navigation');
  });

  it('keeps the pages and the API to administrators: sign-in for visitors, 403 for members, advisers and moderators', async () => {
    assert.equal((await app.inject('/admin/boards')).statusCode, 303);
    for (const roles of [['member'], ['adviser'], ['moderator'], ['editor']] as Role[][]) {
      const someone = await signedIn(app, roles);
      for (const url of ['/admin/boards', '/admin/boards/new', '/admin/boards/parents', '/admin/boards/parents/rules']) {
        assert.equal((await someone.client.get(url)).statusCode, 403, `${roles[0]} ${url}`);
      }
      await someone.client.get('/boards');
      const posted = await someone.client.post('/admin/boards/parents/rules', { ...OPEN_RULES, read: [] });
      assert.equal(posted.statusCode, 403);
    }
    assert.deepEqual((await boardRow('parents'))!.rules.read, ['visitor'], 'nothing changed');
    const page = await admin.client.get('/admin/boards');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Research and practice/);
    assert.match(page.body, /href="\/admin\/boards"/, 'the navigation links to the page');
    const member = await signedIn(app);
    assert.doesNotMatch((await member.client.get('/boards')).body, /href="\/admin\/boards"/, 'members are not shown the link');
  });

  it('refuses a form without its CSRF token and changes nothing', async () => {
    await admin.client.get('/admin/boards/new');
    const forged = await admin.client.post(
      '/admin/boards/new',
      { title: 'Forged', slug: 'forged-board', description: 'x', restricted: 'no' },
      { csrf: false },
    );
    assert.equal(forged.statusCode, 403);
    assert.equal(await boardRow('forged-board'), undefined);
    await admin.client.get('/admin/boards/parents/rules');
    const rules = await admin.client.post('/admin/boards/parents/rules', { ...OPEN_RULES, read: [], _csrf: 'forged' });
    assert.equal(rules.statusCode, 403);
    assert.deepEqual((await boardRow('parents'))!.rules.read, ['visitor']);
  });

  it('creates a board that visitors see at once, with starting rules, and audits it', async () => {
    const slug = await newBoard({ title: 'Kinship carers in Wales' });
    const row = (await boardRow(slug))!;
    assert.deepEqual(row.rules, { read: ['visitor'], reply: ['member', 'adviser'], start: ['member', 'adviser'] });
    assert.equal(row.restricted, false);
    assert.match((await app.inject('/boards')).body, /Kinship carers in Wales/);
    assert.equal((await app.inject(`/boards/${slug}`)).statusCode, 200);
    const [entry] = await audited('boards.board.created', slug);
    assert.ok(entry);
    assert.equal(entry.actor_id, admin.user.id);
    assert.deepEqual((entry.details as { before: unknown }).before, null);
    assert.equal((entry.details as { after: { title: string } }).after.title, 'Kinship carers in Wales');

    const restricted = await newBoard({ title: 'Private test board', restricted: 'yes' });
    assert.deepEqual((await boardRow(restricted))!.rules.read, ['approved']);
    assert.doesNotMatch((await app.inject('/boards')).body, /Private test board/);
    assert.equal((await app.inject(`/boards/${restricted}`)).statusCode, 404);
  });

  it('shows what was wrong with a new board and keeps what was typed, creating nothing', async () => {
    const before = await auditCount();
    const empty = await admin.client.submit('/admin/boards/new', { title: '', slug: '', description: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /govuk-error-summary/);
    for (const message of [
      'Enter the board’s name',
      'Enter the board’s web address',
      'Enter a short description',
      'Select whether the board is restricted',
    ]) {
      assert.ok(empty.body.includes(message), message);
    }

    const long = 'x'.repeat(81);
    const tooLong = await admin.client.submit('/admin/boards/new', {
      title: long,
      slug: 'Bad Slug!',
      description: 'd'.repeat(501),
      restricted: 'no',
    });
    assert.equal(tooLong.statusCode, 400);
    assert.ok(tooLong.body.includes('Name must be 80 characters or fewer'));
    assert.ok(tooLong.body.includes('Description must be 500 characters or fewer'));
    assert.ok(tooLong.body.includes('only lower-case letters, numbers and single hyphens'));
    assert.ok(tooLong.body.includes(`value="${long}"`), 'the name typed is kept');
    assert.ok(tooLong.body.includes('value="Bad Slug!"'), 'the web address typed is kept');

    for (const [slug, message] of [
      ['parents', 'There is already a board at /boards/parents'],
      [RESTRICTED, `There is already a board at /boards/${RESTRICTED}`],
      ['search', 'The boards already use /boards/search'],
      ['moderation', 'The boards already use /boards/moderation'],
      ['admin', 'The boards already use /boards/admin'],
    ] as const) {
      const taken = await admin.client.submit('/admin/boards/new', {
        title: 'Another',
        slug,
        description: 'Another board',
        restricted: 'no',
      });
      assert.equal(taken.statusCode, 400, slug);
      assert.ok(taken.body.includes(message), message);
      assert.ok(taken.body.includes('value="Another"'));
    }
    assert.equal((await boardRow('parents'))!.title, 'Parents', 'an existing board is never overwritten');
    assert.equal(await auditCount(), before, 'nothing was audited because nothing changed');
  });

  it('shows HTML in a name or description as text, on the boards and in the administration', async () => {
    const slug = await newBoard({ title: '<script>alert(1)</script> Board', description: '<img src=x onerror=alert(2)> <b>bold</b>' });
    for (const url of ['/boards', `/boards/${slug}`]) {
      const body = (await app.inject(url)).body;
      assert.ok(!body.includes('<script>alert(1)</script>'), url);
      assert.ok(!body.includes('<img src=x'), url);
    }
    const list = (await admin.client.get('/admin/boards')).body;
    assert.ok(list.includes('&lt;script&gt;alert(1)&lt;/script&gt; Board'));
    assert.ok(!list.includes('<script>alert(1)</script>'));
  });

  it('changes a board’s name, description and place, with the change at once on a kept thread page, and audits before and after', async () => {
    const slug = await newBoard({ title: 'Before the change' });
    const trusted = await trustedMember(app);
    const { threadId } = await startThread(trusted, slug, { title: 'A thread to keep', body: 'Hello' });
    assert.ok(threadId);
    const first = await app.inject(`/boards/${slug}/t/${threadId}`);
    assert.match(first.body, /Before the change/);
    assert.match((await app.inject(`/boards/${slug}/t/${threadId}`)).body, /Before the change/, 'kept for visitors');

    const bad = await admin.client.submit(`/admin/boards/${slug}`, { title: 'After the change', description: '', position: 'first' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('Enter a short description'));
    assert.ok(bad.body.includes('Enter the place in the list as a whole number from 0 to 999'));
    assert.ok(bad.body.includes('value="After the change"'));
    assert.ok(bad.body.includes('value="first"'));
    assert.equal((await boardRow(slug))!.title, 'Before the change', 'nothing partly applied');

    const saved = await admin.client.submit(`/admin/boards/${slug}`, {
      title: 'After the change',
      description: 'New words.',
      position: '0',
    });
    assert.equal(saved.statusCode, 303);
    assert.match((await app.inject(`/boards/${slug}/t/${threadId}`)).body, /After the change/, 'the kept page is stale at once');
    const list = (await app.inject('/boards')).body;
    assert.ok(list.indexOf('After the change') < list.indexOf('Family and friends carers'), 'it moved up the list');
    const [entry] = await audited('boards.board.changed', slug);
    const details = entry!.details as { before: { title: string }; after: { title: string; position: number } };
    assert.equal(details.before.title, 'Before the change');
    assert.equal(details.after.title, 'After the change');
    assert.equal(details.after.position, 0);
  });

  it('refuses unsafe rules with a clear message, keeps what was ticked and changes nothing', async () => {
    const before = await auditCount();
    const cases: [string, Record<string, string | string[]>, string][] = [
      [RESTRICTED, { restricted: 'no', read: ['approved'], reply: ['approved'], start: ['approved'] }, 'it must stay restricted'],
      [
        RESTRICTED,
        { restricted: 'yes', read: ['visitor'], reply: ['approved'], start: ['approved'] },
        'cannot be read by people who are not signed in',
      ],
      [RESTRICTED, { restricted: 'yes', read: ['member'], reply: ['member'], start: ['member'] }, 'Anyone can make a member account'],
      [
        'parents',
        { restricted: 'yes', read: ['visitor', 'member'], reply: ['member'], start: ['member'] },
        'cannot be read by people who are not signed in',
      ],
      ['parents', { restricted: 'no', read: ['member'], reply: ['member', 'adviser'], start: ['member'] }, 'Tick Read for Advisers'],
      [
        'parents',
        { restricted: 'no', read: ['visitor', 'approved'], reply: ['member'], start: ['member'] },
        'Only a restricted board takes requests to join',
      ],
      [
        'parents',
        { restricted: 'no', read: ['visitor', 'admin'], reply: ['member'], start: ['member'] },
        'Select who may read from the table',
      ],
      ['parents', { restricted: 'no', read: ['visitor'], reply: ['<script>'], start: ['member'] }, 'Select who may reply from the table'],
      ['parents', { read: ['visitor'], reply: ['member'], start: ['member'] }, 'Select whether the board is restricted'],
    ];
    for (const [slug, rules, message] of cases) {
      const before = await boardRow(slug);
      const response = await setRules(slug, rules);
      assert.equal(response.statusCode, 400, `${slug} ${message}`);
      assert.match(response.body, /govuk-error-summary/);
      assert.ok(response.body.includes(message), message);
      assert.ok(!response.body.includes('<script>'), 'what was sent is never echoed as HTML');
      assert.deepEqual(await boardRow(slug), before, 'nothing saved');
    }
    // What was ticked comes back ticked.
    const kept = await setRules('parents', { restricted: 'no', read: ['member'], reply: ['member', 'adviser'], start: ['member'] });
    assert.match(kept.body, /name="read" type="checkbox" value="member" checked/);
    assert.match(kept.body, /name="reply" type="checkbox" value="adviser" checked/);
    assert.doesNotMatch(kept.body, /name="read" type="checkbox" value="visitor" checked/);
    assert.equal(await auditCount(), before);
  });

  it('changes who may read, reply and start threads, for a member at once, and audits before and after', async () => {
    const slug = await newBoard();
    const member = await trustedMember(app);
    const { threadId } = await startThread(member, slug, { title: 'Before the rules change', body: 'Hello' });
    assert.ok(threadId);

    // Members may read and reply, but no longer start threads.
    assert.equal((await setRules(slug, { restricted: 'no', read: ['visitor'], reply: ['member'], start: ['adviser'] })).statusCode, 303);
    assert.equal((await member.client.get(`/boards/${slug}/new`)).statusCode, 403);
    assert.equal((await startThread(member, slug, { title: 'Not allowed', body: 'No' })).response.statusCode, 403);
    assert.equal((await replyTo(member, slug, threadId, { body: 'Still allowed to reply' })).response.statusCode, 303);
    const [entry] = await audited('boards.board.rules-changed', slug);
    const details = entry!.details as { before: { rules: { start: string[] } }; after: { rules: { start: string[] } } };
    assert.deepEqual(details.before.rules.start, ['member', 'adviser']);
    assert.deepEqual(details.after.rules.start, ['adviser']);

    // Restricted to approved members: the board and its threads vanish for the member and for visitors, page and API.
    assert.equal(
      (await setRules(slug, { restricted: 'yes', read: ['approved'], reply: ['approved'], start: ['approved'] })).statusCode,
      303,
    );
    for (const url of [`/boards/${slug}`, `/boards/${slug}/t/${threadId}`]) {
      assert.equal((await member.client.get(url)).statusCode, 404, url);
      assert.equal((await app.inject(url)).statusCode, 404, url);
    }
    assert.equal((await app.inject(`/api/v1/boards/${slug}`)).statusCode, 404);
    assert.ok((await member.client.get('/boards')).body.includes(`/boards/join/${slug}`), 'signed-in people may ask to join');

    // Let in after asking: the member reads it again.
    await db()
      .insertInto('board_memberships')
      .values({ board_slug: slug, user_id: member.user.id, status: 'approved', statement: 'Test' })
      .execute();
    assert.equal((await member.client.get(`/boards/${slug}/t/${threadId}`)).statusCode, 200);
    assert.equal((await app.inject(`/boards/${slug}`)).statusCode, 404);
    assert.equal((await audited('boards.board.rules-changed', slug)).length, 2);

    // Saving the same rules again is not a change and is not audited again.
    await setRules(slug, { restricted: 'yes', read: ['approved'], reply: ['approved'], start: ['approved'] });
    assert.equal((await audited('boards.board.rules-changed', slug)).length, 2);
  });

  it('closes a board to new threads for everyone, keeps its threads open to replies, and opens it again', async () => {
    const slug = await newBoard();
    const member = await trustedMember(app);
    const moderator = await signedIn(app, ['moderator']);
    const { threadId } = await startThread(member, slug, { title: 'Before closing', body: 'Hello' });
    await admin.client.get(`/admin/boards/${slug}`);
    assert.equal((await admin.client.post(`/admin/boards/${slug}/closing`, { closed: 'yes' })).statusCode, 303);
    assert.ok((await boardRow(slug))!.closed_at);
    assert.equal((await member.client.get(`/boards/${slug}/new`)).statusCode, 403);
    assert.equal((await moderator.client.get(`/boards/${slug}/new`)).statusCode, 403, 'moderators too');
    assert.equal((await replyTo(member, slug, threadId!, { body: 'A reply on a closed board' })).response.statusCode, 303);
    assert.match((await app.inject(`/boards/${slug}`)).body, /closed to new threads/);
    assert.match((await admin.client.get('/admin/boards')).body, /Closed to new threads/);
    const listed = (await app.inject('/api/v1/boards')).json() as { slug: string; closed: boolean }[];
    assert.equal(listed.find((b) => b.slug === slug)?.closed, true, 'the API says so too');

    // It has threads, so it cannot be deleted.
    const refused = await admin.client.submit(`/admin/boards/${slug}/delete`, {});
    assert.equal(refused.statusCode, 409);
    assert.ok(refused.body.includes('has threads, so it cannot be deleted'));
    assert.ok(await boardRow(slug));

    await admin.client.get(`/admin/boards/${slug}`);
    assert.equal((await admin.client.post(`/admin/boards/${slug}/closing`, { closed: 'no' })).statusCode, 303);
    assert.equal((await member.client.get(`/boards/${slug}/new`)).statusCode, 200);
    assert.equal(((await app.inject(`/api/v1/boards/${slug}`)).json() as { board: { closed: boolean } }).board.closed, false);
    assert.equal((await audited('boards.board.closed', slug)).length, 1);
    assert.equal((await audited('boards.board.opened', slug)).length, 1);
  });

  it('deletes a board nobody has posted on, with its join requests and watches, and audits it', async () => {
    const slug = await newBoard({ restricted: 'yes' });
    const member = await signedIn(app);
    await db()
      .insertInto('board_memberships')
      .values({ board_slug: slug, user_id: member.user.id, status: 'pending', statement: 'Me' })
      .execute();
    await db().insertInto('board_watches').values({ board_slug: slug, user_id: member.user.id, mode: 'daily' }).execute();
    assert.match((await admin.client.get(`/admin/boards/${slug}`)).body, new RegExp(`/admin/boards/${slug}/delete`));
    assert.equal((await admin.client.submit(`/admin/boards/${slug}/delete`, {})).statusCode, 303);
    assert.equal(await boardRow(slug), undefined);
    assert.equal((await admin.client.get(`/admin/boards/${slug}`)).statusCode, 404);
    const [entry] = await audited('boards.board.deleted', slug);
    assert.equal((entry!.details as { after: unknown }).after, null);
  });

  it('answers 404 for a board that does not exist, whatever its address looks like', async () => {
    for (const slug of ['no-such-board', '..%2Fparents', 'parents%00', 'PARENTS', `${'a'.repeat(5000)}`, '%3Cscript%3E']) {
      const response = await admin.client.get(`/admin/boards/${slug}/rules`);
      // A NUL, or an address far too long, is refused before any route sees it.
      assert.equal(response.statusCode, slug.includes('%00') ? 400 : slug.length > 1000 ? 414 : 404, slug.slice(0, 20));
      assert.ok(!response.body.includes('<script>'));
    }
    await admin.client.get('/admin/boards/parents/rules');
    assert.equal((await admin.client.post('/admin/boards/no-such-board/rules', OPEN_RULES)).statusCode, 404);
    // A slug in the body is ignored: the address decides which board changes.
    const response = await setRules('parents', { ...OPEN_RULES, slug: RESTRICTED });
    assert.equal(response.statusCode, 303);
    assert.equal((await boardRow(RESTRICTED))!.restricted, true);
    assert.deepEqual((await boardRow(RESTRICTED))!.rules.read, ['approved']);
  });

  it('turns away a body far over the size limit without changing anything', async () => {
    await admin.client.get('/admin/boards/new');
    const huge = await admin.client.post('/admin/boards/new', {
      title: 'Huge',
      slug: 'huge-board',
      description: 'x'.repeat(2_000_000),
      restricted: 'no',
    });
    assert.equal(huge.statusCode, 413);
    assert.equal(await boardRow('huge-board'), undefined);
  });

  it('decides what is unsafe by asking the one access check', () => {
    const rules = (read: string[]) => ({ read, reply: [], start: [] });
    assert.deepEqual(unsafeRules({ slug: 'x', restricted: true, rules: rules(['approved', 'adviser']) }), []);
    assert.equal(unsafeRules({ slug: 'x', restricted: true, rules: rules(['visitor']) })[0]!.field, 'read');
    assert.equal(unsafeRules({ slug: 'x', restricted: true, rules: rules(['member']) })[0]!.field, 'read');
    assert.equal(unsafeRules({ slug: RESTRICTED, restricted: false, rules: rules([]) })[0]!.field, 'restricted');
    assert.deepEqual(
      unsafeRules({ slug: 'x', restricted: false, rules: { read: ['visitor'], reply: ['visitor'], start: ['member'] } }),
      [],
    );
  });
});
