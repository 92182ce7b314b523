import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signIn, signInDirectly, testApp, type TestContext } from '../support/app.js';
import { makeEvent, makePeople } from '../../src/modules/supporters/test-support/factories.js';
import { labelFor, readableHtml } from '../../src/platform/personal-data/readable.js';
import { personActor } from '../../src/platform/audit.js';

describe('everyone’s own data: /account/data, deleting an account, and subject access', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  /** A member who is also a supporter: on the newsletter, with a paid Gift Aid pledge and an event place. */
  async function supporter() {
    const member = await createUser(t.app);
    const { db } = t.app.services;
    await db.updateTable('users').set({ display_name: '<script>alert(1)</script> Sam' }).where('id', '=', member.id).execute();
    await db
      .insertInto('newsletter_subscribers')
      .values({ email: member.email, status: 'subscribed', consent_wording_version: 'v1', consent_method: 'test' })
      .execute();
    const actor = personActor(member, '127.0.0.1');
    const pledge = await t.app.supporters.pledges.create(
      {
        amountPence: 1500,
        frequency: 'monthly',
        giftAid: {
          title: 'Mx',
          firstName: 'Sam',
          lastName: 'Example',
          houseNameOrNumber: '1',
          address: 'Example Street',
          postcode: 'ZZ99 1ZZ',
        },
      },
      actor,
    );
    await t.app.supporters.pledges.recordPayment(pledge.reference, 1500, '2026-11-01', actor);
    const event = await makeEvent(t.app, { capacity: 1 });
    await t.app.supporters.events.signUp(event.id, member);
    const [waiting] = await makePeople(t.app, 1);
    await t.app.supporters.events.signUp(event.id, waiting!);
    const client = new FormClient(t.app);
    // Through the pages: the export must show the sign-in in the person's audit entries.
    await signIn(client, member);
    return { member, client, pledge, event, waiting: waiting! };
  }

  it('shows a person everything held about them, readable and as JSON, and audits both', async () => {
    const { member, client } = await supporter();
    const page = await client.get('/account/data');
    assert.equal(page.statusCode, 200);
    for (const heading of [
      'Your account',
      'Newsletter subscription',
      'Pledges',
      'Gift Aid declarations',
      'Payments received',
      'Event sign-ups',
      'The audit log',
    ]) {
      assert.match(page.body, new RegExp(heading), heading);
    }
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Sam/);

    const json = await client.get('/account/data.json');
    assert.equal(json.statusCode, 200);
    assert.match(json.headers['content-disposition'] as string, /attachment/);
    const data = JSON.parse(json.body);
    assert.equal(data.account.email, member.email);
    assert.equal(data.modules.supporters['Newsletter subscription'].status, 'subscribed');
    assert.equal(data.modules.supporters.Pledges[0].amount, '£15.00');
    assert.equal(data.modules.supporters['Gift Aid declarations'][0].postcode, 'ZZ99 1ZZ');
    assert.equal(data.modules.supporters['Event sign-ups'][0].status, 'booked');
    assert.ok(data.auditEntries.some((e: { action: string }) => e.action === 'sign-in.succeeded' || e.action.startsWith('sign-in')));
    assert.ok(!JSON.stringify(data).includes('password_hash'));
    const audited = await t.app.services.db.selectFrom('audit_log').select('action').where('subject_id', '=', member.id).execute();
    assert.ok(audited.some((a) => a.action === 'personal-data.viewed'));
    assert.ok(audited.some((a) => a.action === 'personal-data.downloaded'));
  });

  it('deletes an account: modules erase their part, the place passes on, HMRC records stay, and the audit chain holds', async () => {
    const { member, client, event, waiting } = await supporter();
    await client.get('/account/delete');
    const wrong = await client.post('/account/delete', { password: 'not my password', confirm: 'yes' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Your password is not right/);
    const unconfirmed = await client.post('/account/delete', { password: member.password });
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Confirm that you want to delete your account/);

    const deleted = await client.post('/account/delete', { password: member.password, confirm: 'yes' });
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, '/account/deleted');

    const { db } = t.app.services;
    const user = await db.selectFrom('users').selectAll().where('id', '=', member.id).executeTakeFirstOrThrow();
    assert.equal(user.status, 'disabled');
    assert.equal(user.password_hash, null);
    assert.doesNotMatch(user.email, /example\.org/);
    assert.equal(
      await db.selectFrom('newsletter_subscribers').select('id').where('email', '=', member.email).executeTakeFirst(),
      undefined,
    );
    assert.equal((await db.selectFrom('event_registrations').select('id').where('user_id', '=', member.id).execute()).length, 0);
    const theirPlace = await db
      .selectFrom('event_registrations')
      .select('status')
      .where('event_id', '=', event.id)
      .where('user_id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    assert.equal(theirPlace.status, 'booked', 'the freed place went to the wait-list');
    assert.equal((await db.selectFrom('pledges').select('id').where('user_id', '=', member.id).execute()).length, 0);
    const declarations = await db
      .selectFrom('gift_aid_declarations')
      .selectAll()
      .where('last_name', '=', 'Example')
      .where('user_id', 'is', null)
      .execute();
    assert.ok(declarations.length >= 1, 'a declaration that covered a payment is kept for HMRC');

    assert.equal((await client.get('/account')).statusCode, 303, 'signed out');
    const again = await signIn(new FormClient(t.app), member);
    assert.equal(again.statusCode, 400, 'the old address no longer signs in');
    assert.equal((await t.app.services.audit.verify()).firstBroken, null);
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.deleted')
      .where('subject_id', '=', member.id)
      .executeTakeFirstOrThrow();
    // Every module that holds personal data erased its part, switched on or not.
    assert.deepEqual(entry.details, { modules: t.app.allModules.filter((m) => m.personalData).map((m) => m.name) });
    assert.ok((entry.details as { modules: string[] }).modules.includes('supporters'));
  });

  it('lets staff answer a subject access request with a reason, and only admins', async () => {
    const { member } = await supporter();
    const admin = new FormClient(t.app);
    await signInDirectly(admin, await createUser(t.app, { roles: ['admin'] }));
    const results = await admin.get(`/admin/people?q=${encodeURIComponent(member.email)}`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, new RegExp(`/admin/people/${member.id}`));
    await admin.get(`/admin/people/${member.id}`);
    const noReason = await admin.post(`/admin/people/${member.id}/data`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter the reason/);
    const download = await admin.post(`/admin/people/${member.id}/data`, { reason: 'SAR 2026-041, received 20 November' });
    assert.equal(download.statusCode, 200);
    assert.equal(JSON.parse(download.body).account.email, member.email);
    const entry = await t.app.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'personal-data.subject-access')
      .where('subject_id', '=', member.id)
      .executeTakeFirstOrThrow();
    assert.equal(entry.reason, 'SAR 2026-041, received 20 November');
    assert.equal((await admin.get('/admin/people/not-a-uuid')).statusCode, 404);

    const editor = new FormClient(t.app);
    await signInDirectly(editor, await createUser(t.app, { roles: ['editor'] }));
    assert.equal((await editor.get('/admin/people')).statusCode, 403);
    // Staff close their accounts through an administrator.
    await editor.get('/account/delete');
    assert.equal((await editor.post('/account/delete', { confirm: 'yes', password: 'x' })).statusCode, 403);
  });

  it('renders any export as escaped, readable HTML', () => {
    assert.equal(labelFor('consentWordingVersion'), 'Consent wording version');
    const html = readableHtml({ name: '<b>x</b>', items: [], when: '2026-11-23T10:00:00.000Z', on: true, nothing: null });
    assert.match(html, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.match(html, /23 November 2026 at 10:00/);
    assert.match(html, /None\./);
    assert.match(html, /Yes/);
  });
});

describe('deleting an account while a module is switched off', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ HEARTH_MODULES: 'home' });
  });
  after(() => t.close());

  it('still erases what that module holds, since its tables are there', async () => {
    const member = await createUser(t.app);
    await t.app.services.db.insertInto('newsletter_subscribers').values({ email: member.email, status: 'subscribed' }).execute();
    const client = new FormClient(t.app);
    await signInDirectly(client, member);
    await client.get('/account/delete');
    const deleted = await client.post('/account/delete', { password: member.password, confirm: 'yes' });
    assert.equal(deleted.statusCode, 303);
    assert.equal(
      await t.app.services.db.selectFrom('newsletter_subscribers').select('id').where('email', '=', member.email).executeTakeFirst(),
      undefined,
    );
  });
});
