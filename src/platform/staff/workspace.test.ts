import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { currentTotpCode } from '../auth/totp.js';
import { createUser, FormClient, signIn, testApp, type TestContext, ANY_VIEWER } from '../../../tests/support/app.js';
import { ROLES, type Role } from '../roles.js';
import { platformStaffQueues } from './platform-queues.js';

/** Every queue key, by the role whose work it is. Practice roles have none until the practice modules arrive. */
const QUEUES_BY_ROLE: Record<Exclude<Role, 'member'>, string[]> = {
  adviser: ['helpline.callbacks-waiting', 'helpline.callbacks-due'],
  moderator: ['boards.held-posts', 'boards.open-reports', 'boards.join-requests'],
  editor: ['content.in-review', 'content.review-due'],
  admin: ['platform.invitations', 'platform.people-without-team'],
  practitioner: ['cases.new-flags', 'plans.reviews-due', 'oversight.missed-timescales'],
  manager: [
    'cases.new-flags',
    'assessments.awaiting-authorisation',
    'plans.reviews-due',
    'oversight.missed-timescales',
    'oversight.decisions-awaiting-approval',
    'oversight.challenges-awaiting-answer',
  ],
  analyst: [],
};

const queueKeys = (html: string) => [...html.matchAll(/data-queue="([^"]+)"/g)].map((m) => m[1]);
const serviceNavigation = (html: string) => /<nav[^>]*govuk-service-navigation__wrapper[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
const sideNavigation = (html: string) => /<nav class="hearth-side-navigation"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? null;
const currentLink = (nav: string) => /<a [^>]*href="([^"]+)" aria-current="page"/.exec(nav)?.[1] ?? null;

describe('the staff workspace', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  async function signedIn(roles: Role[]) {
    const user = await createUser(t.app, { roles });
    const client = new FormClient(t.app);
    const response = await signIn(client, user);
    return { user, client, response };
  }

  it('is where staff land after signing in, and the two-factor step, unless they asked for a page', async () => {
    for (const role of ['adviser', 'practitioner', 'admin'] as Role[]) {
      const { response } = await signedIn([role]);
      assert.equal(response.headers.location, '/staff', role);
    }
    assert.equal((await signedIn(['member'])).response.headers.location, '/');

    const moderator = await createUser(t.app, { roles: ['moderator'] });
    for (const [asked, expected] of [
      ['/moderation', '/moderation'],
      ['//evil.example/', '/staff'],
    ]) {
      const client = new FormClient(t.app);
      await client.get(`/sign-in?returnTo=${encodeURIComponent(asked!)}`);
      await client.post('/sign-in', { email: moderator.email, password: moderator.password, returnTo: asked! });
      await client.get('/sign-in/two-factor');
      let done = await client.post('/sign-in/two-factor', { code: currentTotpCode(moderator.totpSecret!) });
      if (done.statusCode === 400)
        done = await client.post('/sign-in/two-factor', { code: currentTotpCode(moderator.totpSecret!, Date.now() + 30_000) });
      assert.equal(done.headers.location, expected, `asked for ${asked}`);
    }
  });

  it('is closed to visitors (sign in first) and to members (403)', async () => {
    const visitor = await t.app.inject({ url: '/staff' });
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/sign-in?returnTo=%2Fstaff');
    const { client } = await signedIn(['member']);
    const member = await client.get('/staff');
    assert.equal(member.statusCode, 403);
    assert.equal(sideNavigation(member.body), null, 'no workspace around the refusal');
  });

  it('shows each role its own queues and no one else’s, each with a count and a link to the work', async () => {
    for (const [role, expected] of Object.entries(QUEUES_BY_ROLE)) {
      const { client } = await signedIn([role as Role]);
      const page = await client.get('/staff');
      assert.equal(page.statusCode, 200, role);
      assert.deepEqual(queueKeys(page.body), expected, role);
      if (expected.length === 0) assert.match(page.body, /Nothing waits for your roles here yet/, role);
    }
    const both = await signedIn(['adviser', 'moderator']);
    assert.deepEqual(queueKeys((await both.client.get('/staff')).body), [...QUEUES_BY_ROLE.moderator, ...QUEUES_BY_ROLE.adviser]);
  });

  it('counts an administrator’s invitations and practitioners without a team, and words the oldest', async () => {
    const db = t.app.services.db;
    const [invitations, withoutTeam] = platformStaffQueues(db);
    const before = {
      invited: await invitations!.measure(new Date(), ANY_VIEWER),
      teamless: await withoutTeam!.measure(new Date(), ANY_VIEWER),
    };

    await createUser(t.app, { roles: ['adviser'], status: 'invited' });
    const teamless = await createUser(t.app, { roles: ['practitioner', 'manager'] });
    await createUser(t.app, { roles: ['practitioner'], status: 'disabled' });
    await createUser(t.app, { roles: ['analyst'] });
    const team = await db
      .insertInto('organisations')
      .values({ name: `Queue Test Council ${teamless.id}`, kind: 'local-authority' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const teamId = (
      await db.insertInto('teams').values({ organisation_id: team.id, name: 'Team Q' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    await createUser(t.app, { roles: ['manager'], organisationId: team.id, teamId });

    const now = new Date(Date.now() + 3 * 60 * 60_000);
    const invitedNow = await invitations!.measure(now, ANY_VIEWER);
    assert.equal(invitedNow.count, before.invited.count + 1);
    const teamlessNow = await withoutTeam!.measure(now, ANY_VIEWER);
    assert.equal(
      teamlessNow.count,
      before.teamless.count + 1,
      'one person with two practice roles counts once; the disabled, analysts and those in a team not at all',
    );
    assert.ok(teamlessNow.oldest && teamlessNow.oldest.getTime() <= Date.now());

    const { client } = await signedIn(['admin']);
    const page = await client.get('/staff');
    const row = /<div class="govuk-summary-list__row" id="queue-platform-invitations"[\s\S]*?<\/div>/.exec(page.body)?.[0] ?? '';
    assert.match(row, /data-count>(\d+)</);
    assert.equal(Number(/data-count>(\d+)</.exec(row)![1]), invitedNow.count);
    assert.match(row, /oldest waiting (less than a minute|\d+ minutes?)/);
    assert.match(row, /href="\/admin\/users"/);
  });

  it('keeps the public service navigation to 8 links or fewer for everyone, with no staff page in it', async () => {
    const pages: [string, string][] = [['visitor', (await t.app.inject({ url: '/' })).body]];
    for (const role of ROLES) {
      const { client } = await signedIn([role]);
      pages.push([role, (await client.get('/')).body]);
    }
    const everyone = await signedIn([...ROLES]);
    pages.push(['every role at once', (await everyone.client.get('/')).body]);
    for (const [who, html] of pages) {
      const nav = serviceNavigation(html);
      const items = nav.match(/govuk-service-navigation__item/g)?.length ?? 0;
      assert.ok(items >= 1 && items <= 8, `${who} has ${items} items`);
      assert.doesNotMatch(nav, /href="\/(admin|moderation|advisers|staff)/, who);
    }
  });

  it('puts the side navigation, with the page marked, on staff pages and only there', async () => {
    const cases: [Role[], string, string][] = [
      [['moderator'], '/moderation', '/moderation'],
      [['adviser'], '/advisers/queue', '/advisers/queue'],
      [['admin'], '/admin/users', '/admin/users'],
      [['admin'], '/admin/boards/new', '/admin/boards'],
      [['editor'], '/admin/content', '/admin/content'],
      [['manager'], '/staff', '/staff'],
    ];
    for (const [roles, path, marked] of cases) {
      const { client } = await signedIn(roles);
      const page = await client.get(path);
      assert.equal(page.statusCode, 200, path);
      const nav = sideNavigation(page.body);
      assert.ok(nav, `${path} has the side navigation`);
      assert.equal(currentLink(nav), marked, path);
      assert.equal(nav.match(/aria-current/g)?.length, 1, `${path}: one page is current`);
    }
    const { client } = await signedIn(['moderator']);
    for (const path of ['/boards', '/account', '/']) {
      assert.equal(sideNavigation((await client.get(path)).body), null, `${path} is not a staff page`);
    }
    assert.match((await client.get('/boards')).body, /href="\/staff">Staff workspace</, 'staff reach the workspace from every page');
  });

  it('lists only what each role may open, and the manager the advice line figures they have today', async () => {
    const links = async (roles: Role[]) => {
      const { client } = await signedIn(roles);
      const nav = sideNavigation((await client.get('/staff')).body)!;
      return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    };
    assert.deepEqual(await links(['practitioner']), [
      '/staff',
      '/practice',
      '/practice/plans/reviews-due',
      '/practice/oversight',
      '/account',
    ]);
    assert.deepEqual(await links(['manager']), [
      '/staff',
      '/advisers/figures',
      '/advisers/closures',
      '/practice',
      '/practice/assessments/awaiting',
      '/practice/plans/reviews-due',
      '/practice/oversight',
      '/practice/oversight/decisions',
      '/account',
    ]);
    assert.deepEqual(await links(['analyst']), ['/staff', '/practice', '/practice/oversight', '/account']);
    const admin = await links(['admin']);
    for (const href of ['/moderation', '/admin/boards', '/admin/content', '/admin/users', '/admin/audit'])
      assert.ok(admin.includes(href), href);
    assert.ok(!admin.includes('/advisers/queue'), 'the callback queue is advisers’ alone');
    const moderator = await links(['moderator']);
    assert.ok(moderator.includes('/moderation') && !moderator.includes('/admin/boards') && !moderator.includes('/admin/users'));
  });
});
