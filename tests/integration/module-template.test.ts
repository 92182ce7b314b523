import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MODULES } from '../../src/modules/index.js';
import { noticesModule } from '../../src/modules/notices/index.js';
import { deleteAccount } from '../../src/platform/personal-data/collect.js';
import { londonDay } from '../../src/platform/time.js';
import { createUser, FormClient, signInDirectly, testApp, type TestContext, type TestUser } from '../support/app.js';
import { personActor, systemActor } from '../../src/platform/audit.js';
import { AUDIT_REFUSED, whileAuditRefuses } from '../support/audit.js';

/**
 * The module template (src/modules/notices) tested as a real module beside the others, so that it keeps working as
 * the platform changes and a module copied from it starts out right.
 */
describe('the module template: team notices', () => {
  let t: TestContext;
  const teams: Record<'north' | 'south', string> = { north: '', south: '' };
  before(async () => {
    t = await testApp({ NOTICES_PAGE_SIZE: '2' }, { modules: [...MODULES, noticesModule] });
    const db = t.app.services.db;
    const council = await db
      .insertInto('organisations')
      .values({ name: 'Fictional Borough Council (test)', kind: 'local-authority' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const name of ['north', 'south'] as const) {
      const team = await db
        .insertInto('teams')
        .values({ organisation_id: council.id, name: `Team ${name} (test)` })
        .returning('id')
        .executeTakeFirstOrThrow();
      teams[name] = team.id;
    }
  });
  after(() => t.close());

  async function staff(team: 'north' | 'south', role: 'practitioner' | 'manager' = 'practitioner') {
    const user = await createUser(t.app, { roles: [role], teamId: teams[team] });
    const client = new FormClient(t.app);
    await signInDirectly(client, user);
    return { user, client };
  }

  const today = () => londonDay(new Date());
  const dateFields = (day: string) => {
    const [year, month, date] = day.split('-');
    return { 'reviewBy-day': String(Number(date)), 'reviewBy-month': String(Number(month)), 'reviewBy-year': year! };
  };
  const audited = (action: string, subjectId: string) =>
    t.app.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', subjectId).execute();

  async function post(client: FormClient, title: string, reviewBy = '2099-01-31') {
    const response = await client.submit('/notices/new', { title, body: 'A notice written by a test.', ...dateFields(reviewBy) });
    assert.equal(response.statusCode, 303, response.body);
    return Number(/^\/notices\/(\d+)$/.exec(String(response.headers.location))![1]);
  }

  it('keeps the pages and the API to practitioners and managers', async () => {
    assert.equal((await t.app.inject('/notices')).headers.location, '/sign-in?returnTo=%2Fnotices');
    const member = new FormClient(t.app);
    await signInDirectly(member, await createUser(t.app, { roles: ['member'] }));
    assert.equal((await member.get('/notices')).statusCode, 403);
    const editor = new FormClient(t.app);
    await signInDirectly(editor, await createUser(t.app, { roles: ['editor'] }));
    assert.equal((await editor.get('/notices/new')).statusCode, 403);
    assert.equal((await t.app.inject('/api/v1/notices')).statusCode, 401);
  });

  it('explains every mistake in the error summary, keeps what was typed, and posts nothing', async () => {
    const { client, user } = await staff('north');
    await client.get('/notices/new');
    const empty = await client.post('/notices/new', {
      title: '',
      body: '',
      'reviewBy-day': '31',
      'reviewBy-month': '',
      'reviewBy-year': '',
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<title>Error: Post a notice/);
    assert.match(empty.body, /govuk-error-summary/);
    assert.match(empty.body, /href="#title">Enter a title for the notice</);
    assert.match(empty.body, /href="#body">Enter what the notice says</);
    assert.match(empty.body, /href="#reviewBy-month">The review date must include a month and year</);
    assert.match(empty.body, /name="reviewBy-day" type="text" value="31"/);

    const past = await client.post('/notices/new', { title: '<script>alert(1)</script>', body: 'Kept', ...dateFields('2020-02-29') });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /The review date must be today or in the future/);
    assert.match(past.body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/, 'what was typed comes back, escaped');
    assert.doesNotMatch(past.body, /<script>alert/);
    const posted = await t.app.services.db.selectFrom('notices').select('id').where('author_id', '=', user.id).execute();
    assert.deepEqual(posted, []);
  });

  it('posts a notice with its audit entry, shows it to the team with HTML as text, and audits each reading', async () => {
    const { client, user } = await staff('north');
    await client.get('/notices/new');
    const response = await client.post('/notices/new', {
      title: '<b>Rota</b> change',
      body: 'First line.\n\nSecond <i>line</i>.',
      ...dateFields(today()),
    });
    assert.equal(response.statusCode, 303);
    const id = /^\/notices\/(\d+)$/.exec(String(response.headers.location))![1]!;
    const [entry] = await audited('notices.posted', id);
    assert.equal(entry?.actor_id, user.id);

    const page = await client.get(`/notices/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Notice posted/, 'the flash message shows once');
    assert.match(page.body, /&lt;b&gt;Rota&lt;\/b&gt; change/);
    assert.match(page.body, /<p class="govuk-body">Second &lt;i&gt;line&lt;\/i&gt;.<\/p>/);
    assert.doesNotMatch((await client.get(`/notices/${id}`)).body, /Notice posted/);
    assert.equal((await audited('notices.viewed', id)).length, 2);

    const colleague = await staff('north', 'manager');
    assert.equal((await colleague.client.get(`/notices/${id}`)).statusCode, 200);
    assert.match((await colleague.client.get('/notices')).body, /&lt;b&gt;Rota&lt;\/b&gt; change/);
  });

  it('answers 404 for another team’s notice, a missing one and a malformed id, on the page and in the API', async () => {
    const north = await staff('north');
    const id = await post(north.client, 'For the north team only');
    const south = await staff('south');
    const token = await t.app.services.apiTokens.create(
      { id: south.user.id, email: south.user.email, roles: ['practitioner'], organisationId: null, teamId: teams.south },
      'test',
      personActor(south.user, '127.0.0.1'),
    );
    for (const path of [`/notices/${id}`, '/notices/999999999', "/notices/1'%20or%201=1", '/notices/-1']) {
      assert.equal((await south.client.get(path)).statusCode, 404, path);
    }
    const api = await t.app.inject({ url: `/api/v1/notices/${id}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.statusCode, 404);
    assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.doesNotMatch((await south.client.get('/notices')).body, /For the north team only/);
    assert.equal((await audited('notices.viewed', String(id))).length, 0, 'a refused look is not a reading');
  });

  it('pages a team’s notices newest first, each page after the last one’s id', async () => {
    const { client } = await staff('south', 'manager');
    for (const title of ['First of three', 'Second of three', 'Third of three']) await post(client, title);
    const first = await client.get('/notices');
    assert.deepEqual(
      [...first.body.matchAll(/>(\w+) of three</g)].map((m) => m[1]),
      ['Third', 'Second'],
    );
    const older = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(first.body)?.[1];
    assert.ok(older, 'a link to older notices');
    const second = await client.get(older.replaceAll('&amp;', '&'));
    assert.deepEqual(
      [...second.body.matchAll(/>(\w+) of three</g)].map((m) => m[1]),
      ['First'],
    );
    assert.equal((await client.get('/notices?before=not-a-number')).statusCode, 200, 'a bad cursor starts from the top');
  });

  it('takes the same form through the API, with a problem body naming each mistake', async () => {
    const { user } = await staff('north');
    const token = await t.app.services.apiTokens.create(
      { id: user.id, email: user.email, roles: ['practitioner'], organisationId: null, teamId: teams.north },
      'test',
      personActor(user, '127.0.0.1'),
    );
    const send = (payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/notices',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
    const bad = await send({ title: '', body: 'Sent through the API.', reviewBy: '2020-01-01' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(bad.json().errors, [
      { field: 'title', text: 'Enter a title for the notice' },
      { field: 'reviewBy-day', text: 'The review date must be today or in the future' },
    ]);
    assert.equal((await send({ title: 'Far too long', body: 'x'.repeat(2001), reviewBy: '2099-01-01' })).statusCode, 400);
    assert.equal((await send([1, 2, 3])).statusCode, 400);
    const good = await send({ title: 'From another system', body: 'Sent through the API.', reviewBy: '2099-12-31' });
    assert.equal(good.statusCode, 201);
    const list = await t.app.inject({ url: '/api/v1/notices', headers: { authorization: `Bearer ${token}` } });
    assert.equal(list.json().notices[0].id, good.json().id);
    assert.equal(list.json().notices[0].reviewBy, '2099-12-31');
  });

  it('counts the notices due for review in the queue of their own team’s manager only', async () => {
    const { client } = await staff('north');
    await post(client, 'Due for review today', today());
    const queue = noticesModule.staffQueues!(t.app.moduleContext(noticesModule)).find((q) => q.key === 'notices.due-for-review')!;
    const northManager = await createUser(t.app, { roles: ['manager'], teamId: teams.north });
    const southManager = await createUser(t.app, { roles: ['manager'], teamId: teams.south });
    const principal = (user: TestUser, teamId: string) => ({
      id: user.id,
      email: user.email,
      roles: ['manager' as const],
      organisationId: null,
      teamId,
    });
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000);
    assert.ok((await queue.measure(tomorrow, principal(northManager, teams.north))).count >= 1);
    assert.equal((await queue.measure(tomorrow, principal(southManager, teams.south))).count, 0);
    const manager = new FormClient(t.app);
    await signInDirectly(manager, northManager);
    assert.match((await manager.get('/staff')).body, /Team notices due for review/);
  });

  it('keeps no notice, and shows none, whose audit entry cannot be written', async () => {
    const { user, client } = await staff('north');
    const notices = t.app.notices;
    const actor = { ...personActor(user, '192.0.2.3'), teamId: teams.north };
    const title = 'Never kept (test)';
    const input = { title, body: 'Written while the audit log refuses.', reviewBy: '2099-01-31' };
    await assert.rejects(
      whileAuditRefuses(t.app.services.db, () => notices.post(actor, input)),
      AUDIT_REFUSED,
    );
    assert.equal(await t.app.services.db.selectFrom('notices').select('id').where('title', '=', title).executeTakeFirst(), undefined);
    const id = await post(client, 'Kept, and read only when the reading is recorded');
    const page = await whileAuditRefuses(t.app.services.db, () => client.get(`/notices/${id}`));
    assert.equal(page.statusCode, 500);
    assert.doesNotMatch(page.body, /Kept, and read only/);
  });

  it('gives a person the notices they wrote, and keeps them for the team without a name when the account goes', async () => {
    const { client, user } = await staff('south');
    const id = await post(client, 'Written before leaving');
    const data = (await client.get('/account/data.json')).json();
    assert.equal(data.modules.notices['Team notices you wrote'][0].title, 'Written before leaving');
    // Staff close their accounts through an administrator; the platform's deletion is what calls every module's erase.
    const by = systemActor('module-template test');
    assert.equal(await deleteAccount(t.app.services, t.app.allModules, t.app.moduleContext, user.id, by), true);
    const kept = await t.app.services.db.selectFrom('notices').select('author_id').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(kept.author_id, null);
  });
});
