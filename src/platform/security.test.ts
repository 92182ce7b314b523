import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../app.js';
import { createUser, FormClient, signIn, testConfig, type TestContext } from '../../tests/support/app.js';
import { testDatabase } from '../../tests/support/database.js';

describe('security headers, CSRF and hostile requests', () => {
  let t: TestContext;
  before(async () => {
    // Built by hand so that one extra route can fail on purpose, to show what a 500 looks like.
    const database = await testDatabase();
    const app = await buildApp(testConfig(), { database, startWorker: false });
    app.get('/test/explode', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail at /srv/hearth/file.ts:12');
    });
    await app.ready();
    t = {
      app,
      database,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  });
  after(() => t.close());

  it('sends a strict Content-Security-Policy and the other protective headers on every page', async () => {
    for (const url of ['/', '/sign-in', '/does-not-exist']) {
      const response = await t.app.inject(url);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/, url);
      assert.doesNotMatch(csp, /unsafe-inline/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.ok(response.headers['referrer-policy'], `${url} has a Referrer-Policy`);
    }
  });

  it('never lets a signed-in page be stored', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await signIn(client, user);
    for (const url of ['/', '/account', '/help/cookies']) {
      assert.equal((await client.get(url)).headers['cache-control'], 'no-store', url);
    }
  });

  it('refuses a form without a valid CSRF token with 403', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await client.get('/sign-in');
    const missing = await client.post('/sign-in', { email: user.email, password: user.password }, { csrf: false });
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /This form has expired/);

    const forged = new FormClient(t.app);
    await forged.get('/sign-in');
    forged.csrf = 'forged-token';
    assert.equal((await forged.post('/sign-in', { email: user.email, password: user.password })).statusCode, 403);

    // A token from another browser does not work with this browser's secret.
    const victim = new FormClient(t.app);
    await victim.get('/sign-in');
    const attacker = new FormClient(t.app);
    await attacker.get('/sign-in');
    victim.csrf = attacker.csrf;
    assert.equal((await victim.post('/sign-in', { email: user.email, password: user.password })).statusCode, 403);
  });

  it('shows a 500 page with a reference and no internal detail', async () => {
    const response = await t.app.inject('/test/explode');
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Sorry, there is a problem with the service/);
    const reference = /id="error-reference"[^>]*>([A-F0-9]+)</.exec(response.body)?.[1];
    assert.ok(reference, 'the page shows a reference');
    assert.doesNotMatch(response.body, /secret internal detail|\/srv\/hearth|at .*\.ts/);
    const api = await t.app.inject('/api/v1/me');
    assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  it('answers bad bodies with a clear 4xx, never a 500', async () => {
    const client = new FormClient(t.app);
    await client.get('/sign-in');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const form = (payload: string | Buffer) =>
      t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload });

    const badEscape = await form(`_csrf=${client.csrf}&email=%E0%A4%A&password=x`);
    assert.equal(badEscape.statusCode, 400);
    assert.match(badEscape.body, /characters we could not read/);

    const nul = await form(`_csrf=${client.csrf}&email=a%00b%40example.org&password=x`);
    assert.equal(nul.statusCode, 400);

    const invalidUtf8 = await form(
      Buffer.concat([Buffer.from(`_csrf=${client.csrf}&email=`), Buffer.from([0xc3, 0x28]), Buffer.from('&password=x')]),
    );
    assert.equal(invalidUtf8.statusCode, 400);

    const huge = await form(`_csrf=${client.csrf}&email=${'a'.repeat(2_000_000)}`);
    assert.equal(huge.statusCode, 413);
    assert.match(huge.body, /too large/);

    const badJson = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    assert.equal(badJson.statusCode, 400);

    const unknownType = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'text/x-unknown' },
      payload: 'hello',
    });
    assert.equal(unknownType.statusCode, 415);

    const apiBadJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me',
      headers: { 'content-type': 'application/json' },
      payload: '{oops',
    });
    assert.ok(apiBadJson.statusCode >= 400 && apiBadJson.statusCode < 500);
    assert.equal(apiBadJson.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  it('refuses a NUL character in a query string or path before it reaches the database', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await signIn(client, user);
    assert.equal((await client.get('/account/tokens?x=%00')).statusCode, 400);
    assert.equal((await client.get('/sign-in?returnTo=%2F%00')).statusCode, 400);
  });

  it('treats SQL in a form as plain text', async () => {
    const response = await new FormClient(t.app).submit('/sign-in', {
      email: "x@example.org' or '1'='1",
      password: "' or 1=1; drop table users; --",
    });
    assert.equal(response.statusCode, 400);
    const users = await t.app.services.db.selectFrom('users').select('id').limit(1).execute();
    assert.ok(Array.isArray(users));
  });
});
