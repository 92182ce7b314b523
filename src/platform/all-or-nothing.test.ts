import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signInDirectly, testApp, uniqueEmail, type TestContext } from '../../tests/support/app.js';
import { AUDIT_REFUSED, whileAuditRefuses } from '../../tests/support/audit.js';
import { personActor, systemActor } from './audit.js';
import { deleteAccount } from './personal-data/collect.js';

/**
 * A change and its audit entry are kept together or not at all: with the audit log refusing every entry, each change
 * below fails and leaves nothing behind, and a read that cannot be recorded is not shown.
 */
describe('the platform: no change without its audit entry', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const db = () => t.app.services.db;
  const refusing = <T>(fn: () => Promise<T>) => whileAuditRefuses(db(), fn);
  const rolesOf = async (userId: string) =>
    (await db().selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute()).map((r) => r.role);

  it('refuses entries only while asked to', async () => {
    const entry = { actor: systemActor('test'), action: 'test.refused' };
    await assert.rejects(
      refusing(() => t.app.services.audit.record(entry)),
      AUDIT_REFUSED,
    );
    await t.app.services.audit.record({ ...entry, action: 'test.allowed' });
    const actions = await db().selectFrom('audit_log').select('action').where('action', 'like', 'test.%').execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['test.allowed'],
    );
  });

  it('keeps a person’s roles when the change to them cannot be audited', async () => {
    const admin = personActor(await createUser(t.app, { roles: ['admin'] }), '192.0.2.1');
    const member = await createUser(t.app);
    const change = { roles: ['member' as const, 'moderator' as const], organisationId: null, teamId: null, status: 'active' as const };
    await assert.rejects(
      refusing(() => t.app.services.people.update(member.id, change, admin)),
      AUDIT_REFUSED,
    );
    assert.deepEqual(await rolesOf(member.id), ['member']);
    assert.deepEqual(await t.app.services.people.update(member.id, change, admin), { ok: true });
    assert.deepEqual(await rolesOf(member.id), ['member', 'moderator'], 'the same change goes through once it can be audited');
  });

  it('adds no organisation, and shows no one’s record, that cannot be audited', async () => {
    const admin = personActor(await createUser(t.app, { roles: ['admin'] }), '192.0.2.1');
    const name = `Fernvale ${randomUUID()}`;
    await assert.rejects(
      refusing(() => t.app.services.people.createOrganisation({ name, kind: 'charity' }, admin)),
      AUDIT_REFUSED,
    );
    assert.equal(await db().selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst(), undefined);
    const member = await createUser(t.app);
    await assert.rejects(
      refusing(() => t.app.services.people.view(admin, member.id)),
      AUDIT_REFUSED,
    );
  });

  it('answers the page with an error and keeps nothing when the audit entry cannot be written', async () => {
    const admin = await createUser(t.app, { roles: ['admin'] });
    const client = new FormClient(t.app);
    await signInDirectly(client, admin);
    await client.get('/admin/organisations');
    const name = `Brookmere ${randomUUID()}`;
    const response = await refusing(() => client.post('/admin/organisations', { name, kind: 'charity' }));
    assert.equal(response.statusCode, 500);
    assert.doesNotMatch(response.body, /refuses/, 'the cause stays in the log, not on the page');
    assert.equal(await db().selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst(), undefined);
  });

  it('registers no account and makes no API token that cannot be audited', async () => {
    const email = uniqueEmail('unaudited');
    await assert.rejects(
      refusing(() =>
        t.app.services.accounts.register({ email, password: 'a long enough password 42', displayName: 'Unaudited' }, '192.0.2.2'),
      ),
      AUDIT_REFUSED,
    );
    assert.equal(await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(), undefined);
    assert.equal(await db().selectFrom('mail_messages').select('id').where('to_address', '=', email).executeTakeFirst(), undefined);

    const member = await createUser(t.app);
    const owner = { id: member.id, email: member.email, roles: ['member' as const], organisationId: null, teamId: null };
    await assert.rejects(
      refusing(() => t.app.services.apiTokens.create(owner, 'unaudited', personActor(member, '192.0.2.2'))),
      AUDIT_REFUSED,
    );
    assert.equal(await db().selectFrom('api_tokens').select('id').where('user_id', '=', member.id).executeTakeFirst(), undefined);
  });

  it('leaves an account in place when its deletion cannot be audited', async () => {
    const member = await createUser(t.app);
    await assert.rejects(
      refusing(() => deleteAccount(t.app.services, t.app.allModules, t.app.moduleContext, member.id, personActor(member, null))),
      AUDIT_REFUSED,
    );
    const row = await db().selectFrom('users').select(['email', 'status']).where('id', '=', member.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { email: member.email, status: 'active' });
    assert.deepEqual(await rolesOf(member.id), ['member']);
  });
});
