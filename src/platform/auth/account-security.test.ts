import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createUser,
  FormClient,
  linkIn,
  mailTo,
  signIn,
  testApp,
  uniqueEmail,
  type TestContext,
  type TestUser,
} from '../../../tests/support/app.js';
import { DEMO_ACCOUNTS, seedDemo } from '../demo.js';
import type { Role } from '../roles.js';
import { createAccounts } from './accounts.js';
import { hashPassword } from './passwords.js';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from './throttle.js';

describe('account security', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  async function signedIn(roles: Role[], options: { twoFactor?: boolean } = {}): Promise<{ user: TestUser; client: FormClient }> {
    const user = await createUser(t.app, { roles, ...options });
    const client = new FormClient(t.app);
    assert.equal((await signIn(client, user)).statusCode, 303, 'signed in');
    return { user, client };
  }

  async function newToken(client: FormClient, fields: Record<string, string> = {}) {
    await client.get('/account/tokens');
    const page = await client.post('/account/tokens', { name: 'Case system link', ...fields });
    return { page, token: /id="new-token">([^<]+)</.exec(page.body)?.[1] };
  }

  const apiStatus = async (token: string) =>
    (await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode;

  async function adminChanges(userId: string, fields: Record<string, string | string[]>) {
    const { client } = await signedIn(['admin']);
    await client.get(`/admin/users/${userId}`);
    const saved = await client.post(`/admin/users/${userId}`, fields);
    assert.equal(saved.statusCode, 303, 'the change is saved');
  }

  it('ends a person’s sessions and revokes their API tokens when an administrator changes their roles', async () => {
    const { user, client } = await signedIn(['member']);
    const { token } = await newToken(client);
    assert.equal(await apiStatus(token!), 200);
    await adminChanges(user.id, { roles: ['member', 'adviser'], status: 'active' });
    assert.equal((await client.get('/account')).statusCode, 303, 'the old session no longer works');
    assert.equal(await apiStatus(token!), 401, 'nor does the token');
    // Signing in again asks for two-factor set-up, which the new staff role needs.
    const again = await new FormClient(t.app).submit('/sign-in', { email: user.email, password: user.password });
    assert.equal(again.headers.location, '/sign-in/set-up-two-factor');
  });

  it('revokes a disabled account’s tokens for good, so enabling it again does not bring them back', async () => {
    const { user, client } = await signedIn(['member']);
    const { token } = await newToken(client);
    await adminChanges(user.id, { roles: 'member', status: 'disabled' });
    assert.equal(await apiStatus(token!), 401);
    await adminChanges(user.id, { roles: 'member', status: 'active' });
    assert.equal(await apiStatus(token!), 401, 'still revoked after the account is enabled again');
    assert.deepEqual(await t.app.services.apiTokens.listFor(user.id), []);
  });

  it('refuses a staff role on every request until two-factor sign-in is set up', async () => {
    const { user, client } = await signedIn(['member'], { twoFactor: false });
    const { token } = await newToken(client);
    // A role given some other way than the administrators' page (a script, a database console).
    await t.app.services.db.insertInto('user_roles').values({ user_id: user.id, role: 'adviser' }).execute();
    const page = await client.get('/advisers/queue');
    assert.equal(page.statusCode, 303);
    assert.match(String(page.headers.location), /^\/sign-in/);
    assert.equal((await client.get('/account')).statusCode, 303, 'the session has ended');
    assert.equal(await apiStatus(token!), 401);
  });

  it('counts thirty wrong passwords sent at once for one account against the limit of ten', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.app.services.accounts.signIn(user.email, `wrong password ${i}`, '192.0.2.30')),
    );
    assert.equal(results.filter((r) => r.outcome === 'invalid').length, ACCOUNT_LIMIT, 'only ten passwords were checked');
    assert.equal(results.filter((r) => r.outcome === 'locked').length, 30 - ACCOUNT_LIMIT);
    const failed = await t.app.services.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'sign-in.failed')
      .where('actor_label', '=', user.email)
      .execute();
    assert.equal(failed.length, ACCOUNT_LIMIT);
    assert.equal((await t.app.services.accounts.signIn(user.email, user.password, '192.0.2.31')).outcome, 'locked');
  });

  it('counts attempts from one address at once against its limit too, across accounts', async () => {
    const ip = '192.0.2.40';
    await t.app.services.db
      .insertInto('sign_in_attempts')
      .values(Array.from({ length: ADDRESS_LIMIT - 5 }, (_, i) => ({ email: `earlier-${i}@example.org`, ip, succeeded: false })))
      .execute();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.app.services.accounts.signIn(`guess-${i}@example.org`, 'a guessed password', ip)),
    );
    assert.equal(results.filter((r) => r.outcome === 'invalid').length, 5);
  });

  it('counts two-factor codes sent at once against the limit', async () => {
    const user = await createUser(t.app, { roles: ['adviser'] });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.app.services.accounts.signInSecondStep(user.id, `wrong-code-${i}`, '192.0.2.50')),
    );
    assert.equal(results.filter((r) => r.outcome === 'invalid').length, ACCOUNT_LIMIT);
    assert.equal(results.filter((r) => r.outcome === 'locked').length, 30 - ACCOUNT_LIMIT);
  });

  it('does not count a sign-in that succeeds as a failure', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    for (let i = 0; i < ACCOUNT_LIMIT + 2; i += 1) {
      assert.equal((await t.app.services.accounts.signIn(user.email, user.password, '192.0.2.60')).outcome, 'signed-in');
    }
  });

  it('revokes the other reset links and the API tokens when a password is reset', async () => {
    const { user, client } = await signedIn(['member']);
    const { token } = await newToken(client);
    for (let i = 0; i < 2; i += 1) await new FormClient(t.app).submit('/password-reset', { email: user.email });
    const [newer, older] = (await mailTo(t.app, user.email)).filter((m) => m.subject === 'Reset your Hearth password');
    const link = linkIn(newer!.text_body, '/password-reset/new');
    const otherLink = linkIn(older!.text_body, '/password-reset/new');
    const reset = await new FormClient(t.app).submit(
      link,
      { token: new URL(link, 'http://x').searchParams.get('token')!, password: 'a brand new password 2026' },
      '/password-reset/new',
    );
    assert.equal(reset.statusCode, 303);
    const other = await new FormClient(t.app).get(otherLink);
    assert.match(other.body, /This link has expired/, 'the other link no longer works');
    assert.equal(await apiStatus(token!), 401);
  });

  it('revokes reset links and API tokens when a password is changed', async () => {
    const { user, client } = await signedIn(['member']);
    const { token } = await newToken(client);
    await new FormClient(t.app).submit('/password-reset', { email: user.email });
    const [mail] = (await mailTo(t.app, user.email)).filter((m) => m.subject === 'Reset your Hearth password');
    const link = linkIn(mail!.text_body, '/password-reset/new');
    await client.get('/account/password');
    const changed = await client.post('/account/password', { currentPassword: user.password, password: 'another new password 2026' });
    assert.equal(changed.statusCode, 303);
    assert.match((await new FormClient(t.app).get(link)).body, /This link has expired/);
    assert.equal(await apiStatus(token!), 401);
  });

  it('does the same work to register an address that has an account as a new one', async () => {
    const existing = await createUser(t.app, { roles: ['member'] });
    let hashes = 0;
    const { db, config, audit, mailer, emailTokens, throttle } = t.app.services;
    const accounts = createAccounts({
      db,
      config,
      audit,
      mailer,
      tokens: emailTokens,
      throttle,
      hashPassword: async (password: string) => {
        hashes += 1;
        return hashPassword(password);
      },
    });
    await accounts.register({ email: uniqueEmail('new'), password: 'a long enough password', displayName: 'New' }, '192.0.2.70');
    const forNew = hashes;
    await accounts.register({ email: existing.email, password: 'a long enough password', displayName: 'Again' }, '192.0.2.70');
    assert.equal(forNew, 1);
    assert.equal(hashes - forNew, forNew, 'an address with an account costs the same password hash');
  });

  it('asks for the password before turning two-factor off', async () => {
    const { user, client } = await signedIn(['member'], { twoFactor: true });
    await client.get('/account/two-factor');
    const none = await client.post('/account/two-factor/turn-off');
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Enter your password/);
    const wrong = await client.post('/account/two-factor/turn-off', { password: 'not my password' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Your password is not right/);
    assert.ok((await t.app.services.accounts.findById(user.id))?.totp_enabled_at, 'still on');
    const right = await client.post('/account/two-factor/turn-off', { password: user.password });
    assert.equal(right.statusCode, 303);
    assert.equal((await t.app.services.accounts.findById(user.id))?.totp_enabled_at, null);
  });

  it('makes staff API tokens expire: 90 days unless another period is chosen, and never "no expiry"', async () => {
    const { user, client } = await signedIn(['practitioner']);
    const { token } = await newToken(client);
    assert.ok(token);
    const [row] = await t.app.services.db.selectFrom('api_tokens').select('expires_at').where('user_id', '=', user.id).execute();
    const days = (row!.expires_at!.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 89.9 && days <= 90, `expires in 90 days, not ${days}`);

    const chosen = await newToken(client, { expiresInDays: '7' });
    assert.ok(chosen.token);
    const never = await newToken(client, { expiresInDays: 'never' });
    assert.equal(never.page.statusCode, 400);
    assert.equal(never.token, undefined);
    assert.match(never.page.body, /Staff tokens must expire/);

    // A member may keep one without an end date.
    const member = await signedIn(['member']);
    const lasting = await newToken(member.client, { expiresInDays: 'never' });
    assert.ok(lasting.token);
  });

  it('creates demo accounts only in demo mode, never because NODE_ENV is development or unset', async () => {
    const { db } = t.app.services;
    await assert.rejects(
      seedDemo(t.app.services, { ...t.app.config, env: 'development', demo: false }, [], t.app.moduleContext),
      /Demo accounts are created only in demo mode/,
    );
    const demo = await db.selectFrom('users').select('id').where('email', '=', DEMO_ACCOUNTS[0]!.email).executeTakeFirst();
    assert.equal(demo, undefined);
  });

  it('refuses a token after its expiry date', async () => {
    const { user, client } = await signedIn(['editor']);
    const { token } = await newToken(client, { expiresInDays: '30' });
    assert.equal(await apiStatus(token!), 200);
    await t.app.services.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    assert.equal(await apiStatus(token!), 401);
  });
});
