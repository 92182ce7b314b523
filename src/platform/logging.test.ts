import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../app.js';
import { createUser, FormClient, testConfig } from '../../tests/support/app.js';
import { testDatabase } from '../../tests/support/database.js';
import { currentTotpCode } from './auth/totp.js';
import { randomToken } from './crypto.js';
import type { DatabaseHandle } from './db/database.js';
import { withoutCredentials } from './logging.js';

describe('logs', () => {
  const METRICS_TOKEN = `metrics-${randomToken(24)}`;
  const DATABASE_PASSWORD = `db-pass-${randomToken(12)}`;
  const SMTP_PASSWORD = `smtp-pass-${randomToken(12)}`;
  const QUERY_SECRET = `query-secret-${randomToken(12)}`;
  const DUPLICATE_EMAIL = `duplicate-${randomToken(8).toLowerCase()}@example.org`;
  const written: string[] = [];
  let database: DatabaseHandle;
  let app: FastifyInstance;

  before(async () => {
    database = await testDatabase();
    app = await buildApp(
      testConfig({
        // Everything Hearth could log is written, so that a secret anywhere in it would be found.
        LOG_LEVEL: 'trace',
        METRICS_TOKEN,
        // Mail is never sent in this test (nothing listens there); the address is here to be kept out of the log.
        SMTP_URL: `smtp://hearth:${SMTP_PASSWORD}@127.0.0.1:9/`,
      }),
      { database, startWorker: false, logDestination: { write: (line: string) => void written.push(line) } },
    );
    // Faults of the kinds real ones would be: database errors that quote a value in their message or name a row's
    // values in their detail, and an error whose message holds a database URL with its password.
    app.get('/test/failing-query', { config: { access: 'public' } }, async () => {
      await sql`select ${QUERY_SECRET}::int`.execute(app.services.db);
      return 'unreachable';
    });
    app.get('/test/duplicate-row', { config: { access: 'public' } }, async () => {
      const row = { email: DUPLICATE_EMAIL, display_name: 'Test Person', status: 'active' as const, updated_at: new Date() };
      await app.services.db.insertInto('users').values(row).execute();
      await app.services.db.insertInto('users').values(row).execute();
      return 'unreachable';
    });
    app.get('/test/failing-connection', { config: { access: 'public' } }, async () => {
      throw new Error(`could not connect to postgres://hearth:${DATABASE_PASSWORD}@db.example.org:5432/hearth`);
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('keeps a URL’s password out of a message and leaves the rest', () => {
    assert.equal(
      withoutCredentials('connect to postgres://hearth:s3cret@db.example.org/hearth failed'),
      'connect to postgres://hearth:[redacted]@db.example.org/hearth failed',
    );
    assert.equal(withoutCredentials('see https://example.org/a:b@c'), 'see https://example.org/a:b@c');
  });

  it('writes JSON lines with the request id, no secret anywhere, and the error page’s reference on the error’s line', async () => {
    const staff = await createUser(app, { roles: ['practitioner'] });
    const client = new FormClient(app);

    // Signing in with a password and a two-factor code.
    await client.get('/sign-in');
    const csrfToken = client.csrf!;
    const first = await client.post('/sign-in', { email: staff.email, password: staff.password });
    assert.equal(first.headers.location, '/sign-in/two-factor');
    await client.get('/sign-in/two-factor');
    const code = currentTotpCode(staff.totpSecret!);
    const second = await client.post('/sign-in/two-factor', { code });
    assert.equal(second.statusCode, 303, 'signed in');
    const cookieValues = [...client.cookies.values()];
    assert.ok(cookieValues.length >= 1, 'the browser holds a session cookie');
    assert.ok((await client.get('/account')).statusCode === 200);

    // Requests carrying secrets in their headers.
    const bearer = `hearth_${randomToken(24)}`;
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${bearer}` } })).statusCode, 401);
    const metrics = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(metrics.statusCode, 200);

    // Two faults; each page shows a reference.
    const references: string[] = [];
    for (const url of ['/test/failing-query', '/test/duplicate-row', '/test/failing-connection']) {
      const page = await client.get(url);
      assert.equal(page.statusCode, 500, url);
      const reference = /id="error-reference"[^>]*>([^<]+)</.exec(page.body)?.[1];
      assert.ok(reference, `the error page at ${url} shows a reference`);
      references.push(reference);
    }
    await app.worker.drain();

    const lines = written.join('').split('\n').filter(Boolean);
    assert.ok(lines.length > 10, 'the requests were logged');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = entries.filter((entry) => entry.msg === 'request');
    assert.ok(requestLines.length >= 9, 'one line for each request');
    for (const entry of requestLines) assert.match(String(entry.reqId), /^[0-9A-F]{10}$/, 'each request line has the request id');

    const log = lines.join('\n');
    const secrets = {
      password: staff.password,
      'two-factor code': code,
      'two-factor secret': staff.totpSecret!,
      'CSRF token': csrfToken,
      'API bearer token': bearer,
      'metrics token': METRICS_TOKEN,
      'database password': DATABASE_PASSWORD,
      'SMTP password': SMTP_PASSWORD,
      'value quoted by the database': QUERY_SECRET,
      'row named by the database': DUPLICATE_EMAIL,
      HEARTH_SECRET: app.config.secret,
      ...Object.fromEntries(cookieValues.map((value, i) => [`cookie ${i + 1}`, value])),
    };
    for (const [name, value] of Object.entries(secrets)) {
      assert.ok(value.length >= 6, `${name} is long enough to search for`);
      assert.ok(!log.includes(value), `the ${name} is not in the log`);
    }

    for (const reference of references) {
      const failure = entries.find((entry) => entry.msg === 'request failed' && entry.reqId === reference);
      assert.ok(failure, `the line of the error shown as ${reference} is found by its reference`);
      assert.equal(failure.reference, reference);
      assert.equal(failure.level, 50, 'logged as an error');
      assert.ok((failure.err as { stack?: string }).stack, 'with its stack trace');
    }
    const connection = entries.find((entry) => entry.reqId === references[2] && entry.msg === 'request failed')!;
    assert.match(
      String((connection.err as { message: string }).message),
      /postgres:\/\/hearth:\[redacted\]@db\.example\.org/,
      'the message keeps the rest of the URL',
    );
  });
});
