import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseEncoding } from './compression.js';

describe('choosing a coding from Accept-Encoding', () => {
  it('prefers brotli, then gzip, honours q=0 and *, and otherwise sends the body as it is', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip;q=1.0, br;q=0.5'), 'br');
    assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding('GZIP'), 'gzip');
    assert.equal(chooseEncoding('deflate'), null);
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('*;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0'), null);
    assert.equal(chooseEncoding(''), null);
    assert.equal(chooseEncoding(undefined), null);
  });
});
