import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { testConfig } from '../../../tests/support/app.js';
import { testDatabase } from '../../../tests/support/database.js';
import type { DatabaseHandle } from '../db/database.js';

describe('the page cache across instances', () => {
  let database: DatabaseHandle;
  let first: FastifyInstance;
  let second: FastifyInstance;
  let renders = 0;
  let gate: Promise<void> = Promise.resolve();
  let rendering: () => void = () => {};

  // Two instances of Hearth on one database, as behind a load balancer, each with a page that counts its renderings.
  async function instance() {
    const app = await buildApp(testConfig(), { database, startWorker: false });
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
    first = await instance();
    second = await instance();
  });
  after(async () => {
    await first.close();
    await second.close();
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
    await first.pageCache.refresh(); // what its background poll does within two seconds
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
