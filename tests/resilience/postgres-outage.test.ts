import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { MODULES } from '../../src/modules/index.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrations.js';
import { createUser, newSessionToken, testConfig } from '../support/app.js';
import { SESSION_COOKIE } from '../../src/platform/sessions.js';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js';

/** A request that must be answered, one way or another, within this long: nothing may hang while the database is away. */
const ANSWER_WITHIN_MS = 15_000;
// A signed-in member's page, read from the database on every request (public pages kept in memory go on being served).
const ACCOUNT = '/account';

async function answered(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${url} was not answered within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([app.inject({ method: 'GET', url, headers }), hung]);
  } finally {
    clearTimeout(timer);
  }
}

describe('PostgreSQL stopped under load, then started again', () => {
  let server: OwnPostgres;
  let app: FastifyInstance;
  let member: Record<string, string>;

  before(async () => {
    server = await startOwnPostgres();
    const database = await openDatabase({ kind: 'postgres', url: server.url, poolSize: 2 });
    await migrateToLatest(database.db, MODULES);
    await database.close();
    app = await buildApp(testConfig({ DATABASE_URL: server.url }), { startWorker: false });
    await app.ready();
    const user = await createUser(app, { roles: ['member'] });
    member = { cookie: `${SESSION_COOKIE}=${await newSessionToken(app, user)}` };
  });
  after(async () => {
    await app?.close();
    server?.destroy();
  });

  it('serves, fails fast with 503 and Retry-After while the server is down, and comes back by itself', async () => {
    assert.equal((await answered(app, '/readyz')).statusCode, 200);
    assert.equal((await answered(app, ACCOUNT, member)).statusCode, 200);
    assert.equal((await answered(app, '/api/v1/flows')).statusCode, 200);

    // Requests already under way when the server stops, and more while it is down.
    const during = Array.from({ length: 30 }, (_, i) => (i % 2 ? answered(app, ACCOUNT, member) : answered(app, '/api/v1/flows')));
    server.stop();
    const answers = await Promise.all([...during, ...Array.from({ length: 20 }, () => answered(app, ACCOUNT, member))]);
    assert.ok(
      answers.every((a) => a.statusCode === 200 || a.statusCode === 503),
      `only 200s and 503s: ${answers.map((a) => a.statusCode)}`,
    );
    assert.ok(
      answers.some((a) => a.statusCode === 503),
      'the outage was noticed',
    );

    const ready = await answered(app, '/readyz');
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.json().database, 'unreachable');
    const page = await answered(app, ACCOUNT, member);
    assert.equal(page.statusCode, 503);
    assert.equal(page.headers['retry-after'], '10');
    assert.match(page.body, /Sorry, the service is unavailable/);
    const api = await answered(app, '/api/v1/flows');
    assert.equal(api.statusCode, 503);
    assert.equal(api.headers['retry-after'], '10');
    assert.equal(api.json().type, 'urn:hearth:problem:unavailable');

    server.start();
    let back = await answered(app, '/readyz');
    for (let tries = 0; back.statusCode !== 200 && tries < 30; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      back = await answered(app, '/readyz');
    }
    assert.equal(back.statusCode, 200, 'ready again once the server is back');
    assert.equal((await answered(app, ACCOUNT, member)).statusCode, 200);
    assert.equal((await answered(app, '/api/v1/flows')).statusCode, 200);
  });
});
