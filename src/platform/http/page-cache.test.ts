import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { testConfig } from '../../../tests/support/app.js';
import { testDatabase } from '../../../tests/support/database.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';

/** Waits for something another instance was told; fails if it never comes. */
async function heard(done: () => boolean) {
  for (let tries = 0; !done(); tries += 1) {
    assert.ok(tries < 200, 'the change was never heard');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the page cache across instances', () => {
  let database: DatabaseHandle;
  // On PostgreSQL the second instance has its own connections, as another process would, and hears changes by NOTIFY.
  let secondDatabase: DatabaseHandle;
  let first: FastifyInstance;
  let second: FastifyInstance;
  let renders = 0;
  let gate: Promise<void> = Promise.resolve();
  let rendering: () => void = () => {};

  // Two instances of Hearth on one database, as behind a load balancer, each with a page that counts its renderings.
  async function instance(handle: DatabaseHandle) {
    const app = await buildApp(testConfig(), { database: handle, startWorker: false });
    app.get('/test/cached', { config: { access: 'public', publicCache: true } }, async (_request, reply) => {
      rendering();
      await gate;
      renders += 1;
      return reply.type('text/html; charset=utf-8').send(`<p>rendering ${renders}</p>`);
    });
    await app.ready();
    return app;
  }

  before(async () => {
    database = await testDatabase();
    secondDatabase = database.url ? await openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 }) : database;
    first = await instance(database);
    second = await instance(secondDatabase);
  });
  after(async () => {
    await first.close();
    await second.close();
    if (secondDatabase !== database) await secondDatabase.close();
    await database.close();
  });

  it('serves a page from memory, with an ETag and 304, until it is invalidated', async () => {
    const one = await first.inject('/test/cached');
    const two = await first.inject('/test/cached');
    assert.equal(one.body, two.body, 'the second request is served from the cache');
    assert.ok(one.headers.etag);
    const notModified = await first.inject({ url: '/test/cached', headers: { 'if-none-match': String(one.headers.etag) } });
    assert.equal(notModified.statusCode, 304);
  });

  it('drops the page on every instance when any of them invalidates', async () => {
    const before = (await first.inject('/test/cached')).body;
    assert.equal((await first.inject('/test/cached')).body, before);
    await second.pageCache.invalidate();
    // On PostgreSQL the first instance hears of it when the notification arrives, without asking the database.
    await heard(() => first.pageCache.size() === 0);
    const after = (await first.inject('/test/cached')).body;
    assert.notEqual(after, before, 'the other instance renders afresh');
  });

  it('never keeps a rendering that began before an invalidation', async () => {
    await first.pageCache.invalidate();
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const begun = new Promise<void>((resolve) => (rendering = resolve));
    const slow = first.inject('/test/cached');
    await begun;
    await first.pageCache.invalidate(); // while the page is still being rendered
    open();
    assert.equal((await slow).statusCode, 200);
    const size = first.pageCache.size();
    assert.equal(size, 0, 'the rendering that straddled the invalidation was not stored');
  });
});
