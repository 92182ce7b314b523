import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { createUser, FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';

function decoded(response: LightMyRequestResponse): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(response.rawPayload).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(response.rawPayload).toString('utf8');
  assert.equal(encoding, undefined, `an unexpected Content-Encoding: ${encoding}`);
  return response.body;
}

describe('compressed pages', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('compresses a page that is not cached on the fly, and it decompresses to the page itself', async () => {
    // The list of boards is rendered afresh for every request: no page cache, no ETag.
    const plain = await t.app.inject('/boards');
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers.etag, undefined, 'not from the page cache');
    for (const encoding of ['br', 'gzip']) {
      const response = await t.app.inject({ url: '/boards', headers: { 'accept-encoding': encoding } });
      assert.equal(response.headers['content-encoding'], encoding);
      assert.match(String(response.headers.vary), /accept-encoding/i);
      assert.ok(response.rawPayload.length < plain.rawPayload.length / 2, `${encoding} is much smaller`);
      assert.equal(decoded(response), plain.body);
    }
    const refused = await t.app.inject({ url: '/boards', headers: { 'accept-encoding': 'identity' } });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(refused.body, plain.body);
  });

  it('keeps a compressed copy of a cached page, sent with its own ETag, and answers 304 to it', async () => {
    await t.app.pageCache.invalidate();
    const first = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    const plain = await t.app.inject('/');
    const brotli = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    const gzip = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(first.headers['content-encoding'], 'br', 'the request that filled the cache is compressed too');
    assert.equal(decoded(first), plain.body);
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.deepEqual(brotli.rawPayload, first.rawPayload, 'the same compressed bytes, kept');
    assert.equal(decoded(brotli), plain.body);
    assert.equal(decoded(gzip), plain.body);
    assert.match(String(brotli.headers.vary), /accept-encoding/i);
    assert.match(String(plain.headers.vary), /accept-encoding/i, 'the uncompressed answer varies too');
    const tags = new Set([plain.headers.etag, brotli.headers.etag, gzip.headers.etag]);
    assert.equal(tags.size, 3, 'each coding has its own ETag');
    const notModified = await t.app.inject({
      url: '/',
      headers: { 'accept-encoding': 'br', 'if-none-match': String(brotli.headers.etag) },
    });
    assert.equal(notModified.statusCode, 304);
    assert.equal(notModified.headers['content-encoding'], undefined);
  });

  it('leaves a tiny body alone', async () => {
    const response = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-encoding'], undefined);
  });

  it('never compresses a page for someone with a session, which may hold their personal data (BREACH)', async () => {
    const client = new FormClient(t.app);
    await signInDirectly(client, await createUser(t.app));
    for (const url of ['/boards', '/account']) {
      const response = await client.get(url, { 'accept-encoding': 'br, gzip' });
      assert.equal(response.statusCode, 200, url);
      assert.ok(response.rawPayload.length > 1024, `${url} is large enough to compress`);
      assert.equal(response.headers['content-encoding'], undefined, url);
    }
  });

  it('compresses the API, which no browser calls with someone’s credentials by itself', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(response.headers['content-encoding'], 'gzip');
    assert.doesNotThrow(() => JSON.parse(decoded(response)));
  });
});
