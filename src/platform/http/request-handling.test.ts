import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createUser, FormClient, signIn, testApp, type TestContext } from '../../../tests/support/app.js';
import { currentTotpCode } from '../auth/totp.js';
import { safeReturnPath } from './return-path.js';
import { pathForLog } from './request-logging.js';

/** Every line the app logs from now on, parsed. */
function captureLog(app: FastifyInstance): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const stream = Object.getOwnPropertySymbols(app.log).find((s) => s.description === 'pino.stream');
  assert.ok(stream, 'the logger is pino');
  (app.log as unknown as Record<symbol, unknown>)[stream] = { write: (line: string) => lines.push(JSON.parse(line)) };
  return lines;
}

describe('return paths after signing in', () => {
  it('accepts only same-origin paths, with no control characters or backslashes', () => {
    for (const good of ['/', '/account/tokens', '/boards/parents/t/12?page=2#post-5', '/search?q=care%20order']) {
      assert.equal(safeReturnPath(good), good, good);
    }
    for (const bad of [
      '/\t/evil.example/',
      '/\n/evil.example/',
      '/\r\n/evil.example/',
      '/\\evil.example',
      '/x\\..\\..\\evil',
      '//evil.example/',
      '/.//evil.example/',
      '/%2e//evil.example/',
      'https://evil.example/',
      'javascript:alert(1)',
      'account',
      '/\u0000x',
      '/\u007fx',
      '',
      `/${'a'.repeat(2001)}`,
      42,
      null,
    ]) {
      assert.equal(safeReturnPath(bad), null, JSON.stringify(bad));
    }
  });

  it('never turns a tab-smuggled returnTo into a redirect or a link to another site', async () => {
    const t = await testApp();
    try {
      const user = await createUser(t.app, { roles: ['member'] });
      const client = new FormClient(t.app);
      const page = await client.get('/sign-in?returnTo=/%09/evil.example/x');
      assert.doesNotMatch(page.body, /evil\.example/, 'the sign-in form does not carry it');
      const signedIn = await client.post('/sign-in', { email: user.email, password: user.password, returnTo: '/\t/evil.example/x' });
      assert.equal(signedIn.statusCode, 303);
      assert.equal(signedIn.headers.location, '/');

      // A staff member setting up two-factor is shown a link onwards: it must not lead off the site either.
      const staff = await createUser(t.app, { roles: ['adviser'], twoFactor: false });
      const staffClient = new FormClient(t.app);
      await staffClient.get('/sign-in?returnTo=/%09/evil.example/');
      const first = await staffClient.post('/sign-in', { email: staff.email, password: staff.password, returnTo: '/\t/evil.example/' });
      assert.equal(first.headers.location, '/sign-in/set-up-two-factor');
      const setUp = await staffClient.get('/sign-in/set-up-two-factor');
      const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setUp.body)![1]!;
      const codes = await staffClient.post('/sign-in/set-up-two-factor', { code: currentTotpCode(secret) });
      assert.equal(codes.statusCode, 200);
      assert.match(codes.body, /href="\/account"/);
      assert.doesNotMatch(codes.body, /evil\.example/);
    } finally {
      await t.close();
    }
  });
});

describe('deciding "API or page" from the matched route', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('does not answer /%61pi/v1/me from a session cookie', async () => {
    const user = await createUser(t.app, { roles: ['member'] });
    const client = new FormClient(t.app);
    await signIn(client, user);
    for (const url of ['/%61pi/v1/me', '/api/v1/me', '/ap%69/v1/me']) {
      const response = await client.get(url);
      assert.equal(response.statusCode, 401, url);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8', url);
      assert.doesNotMatch(response.body, new RegExp(user.email), url);
    }
  });

  it('still answers API requests that are not found with problem+json, and pages with a page', async () => {
    const api = await t.app.inject('/%61pi/v1/no-such-thing');
    assert.equal(api.statusCode, 404);
    assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
    const page = await t.app.inject('/no-such-page');
    assert.equal(page.statusCode, 404);
    assert.match(String(page.headers['content-type']), /text\/html/);
  });
});

describe('request logs', () => {
  it('redacts secret query values from a path', () => {
    assert.equal(pathForLog('/password-reset/new?token=abc123', '/password-reset/new'), '/password-reset/new?token=[redacted]');
    assert.equal(pathForLog('/boards/unsubscribe/abc123?x=1', '/boards/unsubscribe/:token'), '/boards/unsubscribe/:token?x=1');
    assert.equal(
      pathForLog('/search?q=my+son%27s+school&page=2&t=xyz&s=1&code=999&email=sam%40example.org'),
      '/search?q=[redacted]&page=2&t=[redacted]&s=[redacted]&code=[redacted]&email=[redacted]',
    );
    assert.equal(pathForLog('/boards'), '/boards');
  });

  it('writes one line per request, with the route and no secrets, search words or addresses', async () => {
    const t = await testApp({ LOG_LEVEL: 'info' });
    try {
      const lines = captureLog(t.app);
      const secretToken = 'SECRETTOKEN0123456789';
      await t.app.inject({ url: `/password-reset/new?token=${secretToken}`, remoteAddress: '198.51.100.23' });
      await t.app.inject({ url: `/boards/unsubscribe/${secretToken}`, remoteAddress: '198.51.100.23' });
      await t.app.inject({ url: `/search?q=${secretToken}`, remoteAddress: '198.51.100.23' });
      await t.app.inject({ url: `/no-such-page?email=${secretToken}`, remoteAddress: '198.51.100.23' });
      const text = JSON.stringify(lines);
      assert.ok(!text.includes(secretToken), 'no token or search words in the log');
      assert.ok(!text.includes('198.51.100.23'), 'no client address in the log');
      const requests = lines.filter((line) => line.msg === 'request');
      assert.equal(requests.length, 4, 'one line for each request');
      assert.equal(lines.length, requests.length, 'and no other line');
      const reset = requests[0]!;
      assert.equal(reset.method, 'GET');
      assert.equal(reset.url, '/password-reset/new?token=[redacted]');
      assert.equal(reset.status, 200);
      assert.equal(typeof reset.ms, 'number');
      assert.match(String(reset.reqId), /^[0-9A-F]{10}$/);
      assert.equal(requests[1]!.url, '/boards/unsubscribe/:token', 'a route with a secret in its path logs its pattern');
      assert.equal(requests[3]!.status, 404);
    } finally {
      await t.close();
    }
  });
});

describe('the address behind a proxy', () => {
  async function auditedAddressFor(env: Record<string, string>, remoteAddress: string, forwardedFor: string) {
    const t = await testApp(env);
    try {
      const email = `proxy-${Date.now()}@example.org`;
      const page = await t.app.inject({ url: '/sign-in', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const cookie = (page.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`).join('; ');
      await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
        payload: new URLSearchParams({ _csrf: csrf, email, password: 'not the right password' }).toString(),
      });
      const row = await t.app.services.db.selectFrom('audit_log').select('ip').where('actor_label', '=', email).executeTakeFirstOrThrow();
      return row.ip;
    } finally {
      await t.close();
    }
  }

  it('takes the address the trusted proxy saw, never the one the client wrote first', async () => {
    // The client claims 6.6.6.6; the one load balancer in front of Hearth appends the address it saw.
    assert.equal(await auditedAddressFor({ TRUST_PROXY: '10.0.0.0/8' }, '10.0.0.5', '6.6.6.6, 203.0.113.9'), '203.0.113.9');
    assert.equal(await auditedAddressFor({ TRUST_PROXY: '192.0.2.7,10.0.0.5' }, '10.0.0.5', '6.6.6.6, 203.0.113.9'), '203.0.113.9');
    // A request that did not come through a listed proxy is taken at its own address.
    assert.equal(await auditedAddressFor({ TRUST_PROXY: '10.0.0.0/8' }, '192.0.2.50', '6.6.6.6'), '192.0.2.50');
    assert.equal(await auditedAddressFor({}, '192.0.2.51', '6.6.6.6'), '192.0.2.51');
  });
});
