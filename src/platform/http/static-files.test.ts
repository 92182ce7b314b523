import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { testApp, type TestContext } from '../../../tests/support/app.js';

const PUBLIC = path.resolve(import.meta.dirname, '../../../public');
const manifest = () => JSON.parse(fs.readFileSync(path.join(PUBLIC, 'build/manifest.json'), 'utf8')) as Record<string, string>;

describe('static assets', () => {
  let t: TestContext;
  let stylesheet: string;
  before(async () => {
    t = await testApp();
    stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec((await t.app.inject('/help/privacy')).body)![1]!;
  });
  after(() => t.close());

  it('links pages to content-hashed stylesheet, script and images named in the manifest', async () => {
    const page = (await t.app.inject('/help/privacy')).body;
    const built = manifest();
    for (const name of ['build/hearth.css', 'build/hearth.js', 'hearth/logo.svg', 'hearth/favicon.svg']) {
      assert.match(built[name]!, /\.[0-9a-f]{12}\.[a-z]+$/, `${name} has a hashed name`);
      assert.ok(page.includes(`"/assets/${built[name]}"`), `the page links /assets/${built[name]}`);
      assert.ok(!page.includes(`"/assets/${name}"`), `the page no longer links the unhashed /assets/${name}`);
    }
    assert.equal(stylesheet, `/assets/${built['build/hearth.css']}`);
  });

  it('lets a browser keep a hashed asset for a year, and serves the bytes that were built', async () => {
    const response = await t.app.inject(stylesheet);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(response.headers['content-type']), /^text\/css/);
    assert.deepEqual(response.rawPayload, fs.readFileSync(path.join(PUBLIC, stylesheet.replace('/assets/', ''))));
  });

  it('still serves the old unhashed address, with the same bytes, for a short time only', async () => {
    const hashed = await t.app.inject(stylesheet);
    const old = await t.app.inject('/assets/build/hearth.css');
    assert.equal(old.statusCode, 200);
    assert.deepEqual(old.rawPayload, hashed.rawPayload);
    assert.equal(old.headers['cache-control'], 'public, max-age=3600');
    for (const url of [
      '/assets/build/hearth.js',
      '/assets/hearth/logo.svg',
      '/assets/hearth/favicon.svg',
      '/assets/govuk/images/favicon.svg',
    ]) {
      assert.equal((await t.app.inject(url)).statusCode, 200, url);
    }
  });

  it('points the hashed script at the hashed GOV.UK Frontend, which is served', async () => {
    const script = manifest()['build/hearth.js']!;
    const body = (await t.app.inject(`/assets/${script}`)).body;
    const imported = /from '\.\/(govuk-frontend\.min\.[0-9a-f]{12}\.js)'/.exec(body);
    assert.ok(imported, 'hearth.js imports GOV.UK Frontend by its hashed name');
    const frontend = await t.app.inject(`/assets/build/${imported[1]}`);
    assert.equal(frontend.statusCode, 200);
    assert.equal(frontend.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('sends the brotli or gzip copy made at build time, as Accept-Encoding asks, and says so in Vary', async () => {
    const plain = await t.app.inject(stylesheet);
    const cases = [
      { accept: 'gzip, deflate, br', encoding: 'br' },
      { accept: 'br;q=0, gzip', encoding: 'gzip' },
      { accept: 'gzip', encoding: 'gzip' },
      { accept: 'identity', encoding: undefined },
      { accept: undefined, encoding: undefined },
    ];
    for (const { accept, encoding } of cases) {
      const response = await t.app.inject({ url: stylesheet, headers: accept ? { 'accept-encoding': accept } : {} });
      assert.equal(response.headers['content-encoding'], encoding, `Accept-Encoding: ${accept}`);
      assert.match(String(response.headers.vary), /accept-encoding/i, `Vary, for Accept-Encoding: ${accept}`);
      const file = path.join(PUBLIC, stylesheet.replace('/assets/', ''));
      if (encoding === 'br') {
        assert.deepEqual(response.rawPayload, fs.readFileSync(`${file}.br`), 'the copy made at build time');
        assert.deepEqual(zlib.brotliDecompressSync(response.rawPayload), plain.rawPayload);
      } else if (encoding === 'gzip') {
        assert.deepEqual(response.rawPayload, fs.readFileSync(`${file}.gz`), 'the copy made at build time');
        assert.deepEqual(zlib.gunzipSync(response.rawPayload), plain.rawPayload);
      } else {
        assert.deepEqual(response.rawPayload, plain.rawPayload);
      }
    }
  });

  it('answers 304 to a browser whose copy is current, in whichever coding it came', async () => {
    const plain = await t.app.inject(stylesheet);
    const brotli = await t.app.inject({ url: stylesheet, headers: { 'accept-encoding': 'br' } });
    assert.ok(plain.headers.etag && brotli.headers.etag);
    assert.notEqual(plain.headers.etag, brotli.headers.etag, 'each coding has its own tag');
    for (const etag of [plain.headers.etag, brotli.headers.etag]) {
      const again = await t.app.inject({ url: stylesheet, headers: { 'if-none-match': String(etag), 'accept-encoding': 'br' } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.rawPayload.length, 0);
    }
    const changed = await t.app.inject({ url: stylesheet, headers: { 'if-none-match': '"something-else"' } });
    assert.equal(changed.statusCode, 200);
  });

  it('answers an asset it does not have with 404', async () => {
    assert.equal((await t.app.inject('/assets/build/hearth.000000000000.css')).statusCode, 404);
    assert.equal((await t.app.inject('/assets/../package.json')).statusCode, 404);
  });
});
