import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';

describe('the JSON API and personal access tokens', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  async function tokenFor(roles: Parameters<typeof createUser>[1]) {
    const user = await createUser(t.app, roles);
    const client = new FormClient(t.app);
    await signInDirectly(client, user);
    await client.get('/account/tokens');
    const page = await client.post('/account/tokens', { name: 'Case system link' });
    const token = /id="new-token">([^<]+)</.exec(page.body)?.[1];
    assert.ok(token, 'the new token is shown once in #new-token');
    return { user, client, token };
  }

  it('answers /api/v1/me with the token owner’s email and roles', async () => {
    const { user, token } = await tokenFor({ roles: ['practitioner'] });
    const response = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json().email, user.email);
    assert.deepEqual(response.json().roles, ['practitioner']);
  });

  it('stores only a hash of the token and shows it only once', async () => {
    const { user, client, token } = await tokenFor({ roles: ['member'] });
    const row = await t.app.services.db.selectFrom('api_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, token);
    assert.ok(!JSON.stringify(row).includes(token));
    const list = await client.get('/account/tokens');
    assert.ok(!list.body.includes(token));
    assert.match(list.body, /Case system link/);
  });

  it('refuses a missing, unknown or revoked token with a problem+json 401', async () => {
    const none = await t.app.inject('/api/v1/me');
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(none.json().type, 'urn:hearth:problem:unauthorized');
    assert.ok(none.json().detail);

    const unknown = await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer hearth_not-a-real-token' } });
    assert.equal(unknown.statusCode, 401);

    const { user, client, token } = await tokenFor({ roles: ['member'] });
    const row = await t.app.services.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    await client.get('/account/tokens');
    assert.equal((await client.post(`/account/tokens/${row.id}/revoke`)).statusCode, 303);
    const revoked = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(revoked.statusCode, 401);
  });

  it('does not let one person revoke another person’s token', async () => {
    const owner = await tokenFor({ roles: ['member'] });
    const row = await t.app.services.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', owner.user.id)
      .executeTakeFirstOrThrow();
    const other = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await signInDirectly(client, other);
    await client.get('/account/tokens');
    assert.equal((await client.post(`/account/tokens/${row.id}/revoke`)).statusCode, 404);
    assert.equal((await client.post(`/account/tokens/1'%20or%20'1'='1/revoke`)).statusCode, 404);
    const stillWorks = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${owner.token}` } });
    assert.equal(stillWorks.statusCode, 200);
  });

  it('stops working when the owner’s account is disabled', async () => {
    const { user, token } = await tokenFor({ roles: ['member'] });
    await t.app.services.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  });

  it('ignores session cookies, so that another site cannot use the API as a signed-in visitor', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await signInDirectly(client, user);
    assert.equal((await client.get('/api/v1/me')).statusCode, 401);
  });

  it('publishes an OpenAPI 3 document generated from the route schemas, and a docs page', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json();
    assert.match(document.openapi, /^3\./);
    assert.ok(document.paths['/api/v1/me'].get);
    assert.equal(document.components.securitySchemes.bearerToken.scheme, 'bearer');
    assert.ok(!Object.keys(document.paths).some((p: string) => !p.startsWith('/api/v1/')), 'only API routes are documented');
    const docs = await t.app.inject('/api/docs');
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /\/api\/v1\/me/);
  });
});
