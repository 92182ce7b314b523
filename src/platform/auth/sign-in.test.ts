import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, FormClient, signIn, testApp, type TestContext } from '../../../tests/support/app.js';
import { SESSION_COOKIE } from '../sessions.js';
import { currentTotpCode } from './totp.js';

describe('signing in', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('signs a member in with email and password, with a new session cookie', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await client.get('/sign-in');
    client.cookies.set(SESSION_COOKIE, 'planted-by-an-attacker');
    const response = await signIn(client, user);
    assert.equal(response.statusCode, 303);
    const cookie = (response.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string }[]).find(
      (c) => c.name === SESSION_COOKIE,
    );
    assert.ok(cookie, 'a session cookie is set at sign-in');
    assert.notEqual(cookie.value, 'planted-by-an-attacker');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    const account = await client.get('/account');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, new RegExp(user.email));
  });

  it('gives one message for a wrong password and for an unknown address, keeping the email typed', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const wrong = await new FormClient(t.app).submit('/sign-in', { email: user.email, password: 'not the right one' });
    const unknown = await new FormClient(t.app).submit('/sign-in', { email: 'nobody-here@example.org', password: 'not the right one' });
    for (const response of [wrong, unknown]) {
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Enter a correct email address and password/);
    }
    assert.match(wrong.body, new RegExp(`value="${user.email}"`));
  });

  it('refuses an account that has not confirmed its email or has been disabled', async () => {
    for (const status of ['pending', 'disabled'] as const) {
      const user = await createUser(t.app, { roles: ['member'], status });
      const response = await signIn(new FormClient(t.app), user);
      assert.equal(response.statusCode, 400, status);
    }
  });

  it('locks an account for 15 minutes after 10 failures, even against the right password', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    for (let i = 0; i < 10; i += 1) {
      const response = await client.submit('/sign-in', { email: user.email, password: `wrong guess number ${i}` });
      assert.equal(response.statusCode, 400);
    }
    const locked = await client.submit('/sign-in', { email: user.email, password: user.password });
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /Too many attempts to sign in/);
    assert.ok(Number(locked.headers['retry-after']) > 0);

    // Once the window has passed, the right password works again.
    await t.app.services.db
      .updateTable('sign_in_attempts')
      .set({ at: new Date(Date.now() - 16 * 60_000) })
      .where('email', '=', user.email)
      .execute();
    assert.equal((await signIn(new FormClient(t.app), user)).statusCode, 303);

    const audit = await t.app.services.db.selectFrom('audit_log').select('action').where('actor_label', '=', user.email).execute();
    assert.ok(audit.some((a) => a.action === 'sign-in.refused-locked'));
    assert.equal(audit.filter((a) => a.action === 'sign-in.failed').length, 10);
  });

  it('limits failures from one address across many accounts', async () => {
    const ip = '203.0.113.77';
    await t.app.services.db
      .insertInto('sign_in_attempts')
      .values(Array.from({ length: 100 }, (_, i) => ({ email: `guess-${i}@example.org`, ip, succeeded: false })))
      .execute();
    const user = await createUser(t.app, { roles: ['member'] });
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: ip });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = (page.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: ip,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, email: user.email, password: user.password }).toString(),
    });
    assert.equal(response.statusCode, 429);
  });

  it('sends a returning person back to the page they asked for, but never to another site', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    const redirect = await client.get('/account/tokens');
    assert.equal(redirect.statusCode, 303);
    assert.equal(redirect.headers.location, '/sign-in?returnTo=%2Faccount%2Ftokens');
    await client.get(redirect.headers.location as string);
    const signedIn = await client.post('/sign-in', { email: user.email, password: user.password, returnTo: '/account/tokens' });
    assert.equal(signedIn.headers.location, '/account/tokens');

    const other = new FormClient(t.app);
    await other.get('/sign-in');
    const offsite = await other.post('/sign-in', { email: user.email, password: user.password, returnTo: '//evil.example/' });
    assert.equal(offsite.headers.location, '/');
  });

  it('signs out by ending the session in the database', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await signIn(client, user);
    const stolenCookie = client.cookies.get(SESSION_COOKIE)!;
    await client.get('/account');
    const out = await client.post('/sign-out');
    assert.equal(out.headers.location, '/signed-out');
    const replay = await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: `${SESSION_COOKIE}=${stolenCookie}` } });
    assert.equal(replay.statusCode, 303, 'the old cookie no longer works');
  });
});

describe('two-factor sign-in', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('asks staff for a code after the password, and accepts each code only once', async () => {
    const user = await createUser(t.app, { roles: ['practitioner'] });
    const client = new FormClient(t.app);
    const first = await client.submit('/sign-in', { email: user.email, password: user.password });
    assert.equal(first.headers.location, '/sign-in/two-factor');
    assert.equal((await client.get('/account')).statusCode, 303, 'not signed in until the second step');

    await client.get('/sign-in/two-factor');
    const wrong = await client.post('/sign-in/two-factor', { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The code is not right/);
    const code = currentTotpCode(user.totpSecret!);
    const right = await client.post('/sign-in/two-factor', { code });
    assert.equal(right.statusCode, 303);
    assert.equal(right.headers.location, '/staff');

    // Someone who saw the code cannot reuse it.
    const thief = new FormClient(t.app);
    await thief.submit('/sign-in', { email: user.email, password: user.password });
    await thief.get('/sign-in/two-factor');
    assert.equal((await thief.post('/sign-in/two-factor', { code })).statusCode, 400);
  });

  it('makes staff without two-factor set it up at first sign-in, then gives recovery codes that work once', async () => {
    const user = await createUser(t.app, { roles: ['manager'], twoFactor: false });
    const client = new FormClient(t.app);
    const first = await client.submit('/sign-in', { email: user.email, password: user.password });
    assert.equal(first.headers.location, '/sign-in/set-up-two-factor');
    const page = await client.get('/sign-in/set-up-two-factor');
    assert.match(page.body, /<svg/);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    const done = await client.post('/sign-in/set-up-two-factor', { code: currentTotpCode(secret) });
    assert.equal(done.statusCode, 200);
    const codes = [...done.body.matchAll(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})<\/li>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10);
    assert.equal((await client.get('/account')).statusCode, 200);

    const withRecovery = new FormClient(t.app);
    await withRecovery.submit('/sign-in', { email: user.email, password: user.password });
    await withRecovery.get('/sign-in/two-factor');
    assert.equal((await withRecovery.post('/sign-in/two-factor', { code: codes[0]!.toUpperCase() })).statusCode, 303);
    const reuse = new FormClient(t.app);
    await reuse.submit('/sign-in', { email: user.email, password: user.password });
    await reuse.get('/sign-in/two-factor');
    assert.equal((await reuse.post('/sign-in/two-factor', { code: codes[0]! })).statusCode, 400);
  });

  it('lets a member turn two-factor on and off, but not staff off', async () => {
    const member = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await signIn(client, member);
    const page = await client.get('/account/two-factor');
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    assert.equal((await client.post('/account/two-factor', { code: currentTotpCode(secret) })).statusCode, 200);
    const next = await new FormClient(t.app).submit('/sign-in', { email: member.email, password: member.password });
    assert.equal(next.headers.location, '/sign-in/two-factor');
    await client.get('/account/two-factor');
    assert.equal((await client.post('/account/two-factor/turn-off', { password: member.password })).statusCode, 303);

    const staff = await createUser(t.app, { roles: ['editor'] });
    const staffClient = new FormClient(t.app);
    await signIn(staffClient, staff);
    await staffClient.get('/account/two-factor');
    assert.equal((await staffClient.post('/account/two-factor/turn-off')).statusCode, 403);
  });
});
