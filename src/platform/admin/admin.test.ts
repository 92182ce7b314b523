import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  createUser,
  FormClient,
  mailTo,
  signIn,
  signInDirectly,
  testApp,
  uniqueEmail,
  type TestContext,
  type TestUser,
} from '../../../tests/support/app.js';
import { personActor, type Actor } from '../audit.js';
import type { CreateResult } from './people.js';
import type { Role } from '../roles.js';

const ADMIN_PAGES = [
  '/admin',
  '/admin/users',
  '/admin/users/invite',
  `/admin/users/${randomUUID()}`,
  '/admin/organisations',
  '/admin/audit',
  '/admin/outbox',
  `/admin/outbox/${randomUUID()}`,
];

describe('administration: access and people', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  async function signedIn(roles: Role[]): Promise<{ user: TestUser; client: FormClient }> {
    const user = await createUser(t.app, { roles });
    const client = new FormClient(t.app);
    const response = await signIn(client, user);
    assert.equal(response.statusCode, 303, 'signed in');
    return { user, client };
  }

  const actorFor = (user: TestUser): Actor => personActor(user, '::1');

  /** Creating an organisation or a team in a test must work: its id, or the test stops here. */
  function created(result: CreateResult): string {
    assert.ok(result.ok, JSON.stringify(result));
    return result.id;
  }

  async function rolesOf(userId: string) {
    const rows = await t.app.services.db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
    return rows.map((r) => r.role);
  }

  async function auditFor(action: string, subjectId: string) {
    return t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('subject_id', '=', subjectId)
      .orderBy('id')
      .execute();
  }

  it('keeps every /admin route to staff, with administrators always among them, and the platform’s to administrators alone', () => {
    const routes = t.app.registeredRoutes().filter((r) => r.url.startsWith('/admin') && r.method !== 'HEAD');
    assert.ok(routes.length >= 10, `found ${routes.length} admin routes`);
    for (const route of routes) {
      const where = `${route.method} ${route.url}`;
      assert.ok(Array.isArray(route.access), `${where} is limited to roles`);
      assert.ok(route.access.includes('admin'), `${where} is open to administrators`);
      assert.ok(!route.access.includes('member'), `${where} is closed to members`);
      // Modules add their own staff pages under /admin (editors manage guided advice at /admin/flows).
      const platformPage =
        route.url === '/admin' ||
        ['/admin/users', '/admin/organisations', '/admin/audit', '/admin/outbox'].some(
          (prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`),
        );
      if (platformPage) assert.deepEqual(route.access, ['admin'], where);
    }
  });

  it('refuses members, editors and practitioners on every administration page', async () => {
    for (const role of ['member', 'editor', 'practitioner'] as const) {
      const { client } = await signedIn([role]);
      for (const page of ADMIN_PAGES) {
        const response = await client.get(page);
        assert.equal(response.statusCode, 403, `${role} on ${page}`);
      }
      const invite = await client.post('/admin/users/invite', { email: uniqueEmail(), displayName: 'Sneaky', roles: 'admin' });
      assert.equal(invite.statusCode, 403, `${role} inviting`);
    }
  });

  it('sends people who are not signed in to the sign-in page', async () => {
    for (const page of ADMIN_PAGES) {
      const response = await t.app.inject(page);
      assert.equal(response.statusCode, 303, page);
      assert.match(String(response.headers.location), /^\/sign-in/, page);
    }
  });

  it('invites someone with their roles, emails them a link and audits it', async () => {
    const { user: admin, client } = await signedIn(['admin']);
    const actor = actorFor(admin);
    const orgId = created(
      await t.app.services.people.createOrganisation({ name: `Northshire ${randomUUID()}`, kind: 'local-authority' }, actor),
    );
    const teamId = created(await t.app.services.people.createTeam({ organisationId: orgId, name: 'Neglect team' }, actor));
    const email = uniqueEmail('invitee');
    await client.get('/admin/users/invite');
    const response = await client.post('/admin/users/invite', {
      email: email.toUpperCase(),
      displayName: 'Bramble Fictional',
      roles: ['practitioner', 'manager'],
      organisationId: orgId,
      teamId: teamId,
    });
    assert.equal(response.statusCode, 303, response.body);
    assert.equal(response.headers.location, '/admin/users');

    const invited = await t.app.services.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(invited.status, 'invited');
    assert.equal(invited.display_name, 'Bramble Fictional');
    assert.equal(invited.organisation_id, orgId);
    assert.equal(invited.team_id, teamId);
    assert.deepEqual(await rolesOf(invited.id), ['manager', 'practitioner']);

    const mail = await mailTo(t.app, email);
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.subject, 'You have been invited to Hearth');
    assert.match(mail[0]!.text_body, /http:\/\/hearth\.test\/invitation\?token=/);

    const [entry] = await auditFor('user.invited', invited.id);
    assert.equal(entry?.actor_label, admin.email);
    assert.deepEqual(entry?.details, { email, roles: ['practitioner', 'manager'] });

    const list = await client.get('/admin/users');
    assert.match(list.body, new RegExp(`Invitation sent to ${email}`));
  });

  it('keeps what was typed when the invitation form has errors', async () => {
    const { client } = await signedIn(['admin']);
    await client.get('/admin/users/invite');
    const response = await client.post('/admin/users/invite', {
      email: 'not an address',
      displayName: 'Rowan Madeup',
      organisationId: randomUUID(),
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /Enter an email address in the correct format/);
    assert.match(response.body, /Select at least one role/);
    assert.match(response.body, /Choose an organisation from the list/);
    assert.match(response.body, /href="#roles"/);
    assert.match(response.body, /value="not an address"/);
    assert.match(response.body, /value="Rowan Madeup"/);
    const count = await t.app.services.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('display_name', '=', 'Rowan Madeup')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('says so when the email address already has an account', async () => {
    const { client } = await signedIn(['admin']);
    const existing = await createUser(t.app, { roles: ['member'] });
    await client.get('/admin/users/invite');
    const response = await client.post('/admin/users/invite', { email: existing.email, displayName: 'Someone Else', roles: 'editor' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is already an account with this email address/);
    assert.match(response.body, /value="Someone Else"/);
    assert.deepEqual(await rolesOf(existing.id), ['member']);
    assert.equal((await mailTo(t.app, existing.email)).length, 0);
  });

  it('refuses a team from another organisation', async () => {
    const { user: admin, client } = await signedIn(['admin']);
    const actor = actorFor(admin);
    const { people } = t.app.services;
    const orgA = created(await people.createOrganisation({ name: `Eastmarsh ${randomUUID()}`, kind: 'local-authority' }, actor));
    const orgB = created(await people.createOrganisation({ name: `Westvale ${randomUUID()}`, kind: 'partner-agency' }, actor));
    const teamB = created(await people.createTeam({ organisationId: orgB, name: 'Health visitors' }, actor));
    const email = uniqueEmail('mismatch');
    await client.get('/admin/users/invite');
    const response = await client.post('/admin/users/invite', {
      email,
      displayName: 'Wren Invented',
      roles: 'practitioner',
      organisationId: orgA,
      teamId: teamB,
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Choose a team that belongs to the chosen organisation/);
    assert.equal(await t.app.services.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(), undefined);
  });

  it('audits viewing a person, and changes their roles by ending their sessions, so the new roles apply at sign-in', async () => {
    const { client: adminClient, user: admin } = await signedIn(['admin']);
    const { client: theirClient, user: them } = await signedIn(['editor']);
    assert.equal((await theirClient.get('/admin')).statusCode, 403);

    const page = await adminClient.get(`/admin/users/${them.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(them.email));
    const [viewed] = await auditFor('user.viewed', them.id);
    assert.equal(viewed?.actor_label, admin.email);

    const saved = await adminClient.post(`/admin/users/${them.id}`, {
      roles: ['editor', 'admin'],
      status: 'active',
      organisationId: '',
      teamId: '',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.deepEqual(await rolesOf(them.id), ['admin', 'editor']);
    const [granted] = await auditFor('user.roles-changed', them.id);
    assert.deepEqual(granted?.details, { email: them.email, added: ['admin'], removed: [] });
    const [ended] = await auditFor('user.signed-out-everywhere', them.id);
    assert.deepEqual(ended?.details, { email: them.email, sessions: 1, apiTokens: 0 });
    assert.equal((await theirClient.get('/admin')).statusCode, 303, 'their old session has ended');
    const again = new FormClient(t.app);
    await signInDirectly(again, them);
    assert.equal((await again.get('/admin')).statusCode, 200);

    await adminClient.get(`/admin/users/${them.id}`);
    await adminClient.post(`/admin/users/${them.id}`, { roles: 'editor', status: 'active' });
    const changes = await auditFor('user.roles-changed', them.id);
    assert.deepEqual(changes.at(-1)?.details, { email: them.email, added: [], removed: ['admin'] });
    assert.equal((await again.get('/admin')).statusCode, 303, 'a removed role stops at once');
    assert.deepEqual(await rolesOf(them.id), ['editor']);
  });

  it('ends a disabled person’s sessions at once', async () => {
    const { client: adminClient } = await signedIn(['admin']);
    const { client: theirClient, user: them } = await signedIn(['member']);
    assert.equal((await theirClient.get('/account')).statusCode, 200);

    await adminClient.get(`/admin/users/${them.id}`);
    const saved = await adminClient.post(`/admin/users/${them.id}`, { roles: 'member', status: 'disabled' });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal((await auditFor('user.disabled', them.id)).length, 1);

    const after = await theirClient.get('/account');
    assert.equal(after.statusCode, 303);
    assert.match(String(after.headers.location), /^\/sign-in/);
    const sessions = await t.app.services.db.selectFrom('sessions').select('id_hash').where('user_id', '=', them.id).execute();
    assert.equal(sessions.length, 0);
  });

  it('does not let an administrator remove their own admin role or disable themselves', async () => {
    const { client, user: admin } = await signedIn(['admin', 'editor']);
    await client.get(`/admin/users/${admin.id}`);
    const demoted = await client.post(`/admin/users/${admin.id}`, { roles: 'editor', status: 'active' });
    assert.equal(demoted.statusCode, 400);
    assert.match(demoted.body, /You cannot remove your own administrator role/);
    const disabled = await client.post(`/admin/users/${admin.id}`, { roles: ['admin', 'editor'], status: 'disabled' });
    assert.equal(disabled.statusCode, 400);
    assert.match(disabled.body, /You cannot disable your own account/);
    assert.deepEqual(await rolesOf(admin.id), ['admin', 'editor']);
    assert.equal((await client.get('/admin')).statusCode, 200);
  });

  it('gives 404, not an error, for people who do not exist or malformed ids', async () => {
    const { client } = await signedIn(['admin']);
    assert.equal((await client.get('/admin/users/%00')).statusCode, 400, 'a NUL is refused before any query');
    for (const path of ['/admin/users/not-a-uuid', `/admin/users/${randomUUID()}`, "/admin/users/1'or'1"]) {
      assert.equal((await client.get(path)).statusCode, 404, path);
    }
    await client.get('/admin/users');
    assert.equal((await client.post('/admin/users/not-a-uuid', { roles: 'member', status: 'active' })).statusCode, 404);
  });

  it('escapes hostile names, and finds people by search and role', async () => {
    const { client } = await signedIn(['admin']);
    const tag = randomUUID().slice(0, 8);
    const email = `hostile-${tag}@example.org`;
    await client.get('/admin/users/invite');
    const invited = await client.post('/admin/users/invite', { email, displayName: '<script>alert("boo")</script>', roles: 'adviser' });
    assert.equal(invited.statusCode, 303, invited.body);

    const list = await client.get(`/admin/users?q=${tag}`);
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /<script>alert/);
    assert.match(list.body, /&lt;script&gt;alert\(&quot;boo&quot;\)&lt;\/script&gt;/);
    assert.match(list.body, new RegExp(email));

    const byRole = await client.get(`/admin/users?q=${tag}&role=editor`);
    assert.doesNotMatch(byRole.body, new RegExp(email));
    const adviser = await client.get(`/admin/users?q=${tag}&role=adviser`);
    assert.match(adviser.body, new RegExp(email));
    // Odd input is ignored rather than failing the page.
    assert.equal((await client.get('/admin/users?role=emperor&q[]=x&after=zzz')).statusCode, 200);
    assert.equal((await client.get('/admin/users?after=%00')).statusCode, 400);
  });

  it('pages through many people', async () => {
    const { client } = await signedIn(['admin']);
    const tag = `pager${randomUUID().slice(0, 6)}`;
    await t.app.services.db
      .insertInto('users')
      .values(
        Array.from({ length: 53 }, (_, i) => ({
          email: `${tag}-${String(i).padStart(2, '0')}@example.org`,
          display_name: 'Paged Person',
          status: 'active' as const,
          updated_at: new Date(),
        })),
      )
      .execute();
    const first = await client.get(`/admin/users?q=${tag}`);
    assert.equal(first.body.match(new RegExp(`${tag}-\\d\\d@`, 'g'))?.length, 50);
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next, 'a link to more people');
    const second = await client.get(next);
    assert.deepEqual(second.body.match(new RegExp(`${tag}-\\d\\d@`, 'g')), [`${tag}-50@`, `${tag}-51@`, `${tag}-52@`]);
  });
});
