import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { startS3Server } from '../../../../tests/support/s3.js';
import { settingsReader } from '../../../platform/settings.js';
import { readContentSettings, type S3Settings } from '../settings.js';
import { objectAddress, s3UploadStore } from './s3-store.js';
import { directoryStore, UploadStoreError, type UploadStore } from './store.js';

const storedName = (variant = 'pdf', extension = 'pdf') => `${randomUUID()}-${variant}.${extension}`;

/** The S3 settings Hearth would read from this environment. */
function s3Settings(env: Record<string, string>): S3Settings {
  const settings = readContentSettings(settingsReader(env, false)).uploadStore;
  assert.equal(settings.kind, 's3');
  return settings;
}

/** What every store must do, whichever keeps the files. */
function behavesAsAnUploadStore(kind: string, open: () => Promise<{ store: UploadStore; close(): Promise<void> }>) {
  describe(`upload store: ${kind}`, () => {
    let store: UploadStore;
    let close: () => Promise<void>;
    before(async () => ({ store, close } = await open()));
    after(() => close());

    it('keeps a file and gives back the same bytes, whole or a range of them', async () => {
      const name = storedName();
      const bytes = Buffer.from('%PDF-1.7\nA fictional leaflet about family group conferences.\n');
      await store.put(name, bytes);
      assert.equal(await store.size(name), bytes.length);
      const whole = await store.open(name);
      assert.ok(whole);
      assert.equal(whole.length, bytes.length);
      assert.deepEqual(await buffer(whole.body), bytes);
      const part = await store.open(name, { start: 9, end: 18 });
      assert.ok(part);
      assert.equal(part.length, 10);
      assert.equal((await buffer(part.body)).toString(), bytes.subarray(9, 19).toString());
    });

    it('streams a large file without changing a byte', async () => {
      const name = storedName('video', 'mp4');
      const bytes = Buffer.alloc(3 * 1024 * 1024);
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31) % 251;
      await store.put(name, bytes);
      const file = await store.open(name);
      assert.ok(file);
      assert.ok((await buffer(file.body)).equals(bytes));
    });

    it('says plainly when a file is not there', async () => {
      const name = storedName();
      assert.equal(await store.size(name), null);
      assert.equal(await store.open(name), null);
      await store.delete(name);
    });

    it('deletes a file, so it is no longer found', async () => {
      const name = storedName('w320', 'webp');
      await store.put(name, Buffer.from('RIFF....WEBP'));
      await store.delete(name);
      assert.equal(await store.size(name), null);
      assert.equal(await store.open(name), null);
    });

    it('never looks up a name Hearth did not make', async () => {
      await assert.rejects(() => store.size('../../etc/passwd'), /Not a stored file name/);
      await assert.rejects(() => store.put('notes.html', Buffer.from('<script>')), /Not a stored file name/);
    });
  });
}

behavesAsAnUploadStore('a directory under HEARTH_DATA_DIR', async () => {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'hearth-store-'));
  return { store: directoryStore(directory), close: () => fs.rm(directory, { recursive: true, force: true }) };
});

behavesAsAnUploadStore('an S3-compatible server', async () => {
  const server = await startS3Server();
  return { store: s3UploadStore(s3Settings(server.env)), close: server.close };
});

describe('upload store: S3 settings and failures', () => {
  let server: Awaited<ReturnType<typeof startS3Server>>;
  before(async () => (server = await startS3Server()));
  after(() => server.close());

  it('keeps objects under S3_PREFIX, apart from another prefix in the same bucket', async () => {
    const name = storedName();
    await s3UploadStore(s3Settings(server.env)).put(name, Buffer.from('%PDF-1.7'));
    const elsewhere = s3UploadStore(s3Settings({ ...server.env, S3_PREFIX: 'another-site' }));
    assert.equal(await elsewhere.size(name), null);
    const unprefixed = s3UploadStore(s3Settings({ ...server.env, S3_PREFIX: '' }));
    assert.equal(await unprefixed.size(name), null);
    assert.equal(await s3UploadStore(s3Settings({ ...server.env, S3_PREFIX: '/hearth/uploads/' })).size(name), 8);
  });

  it('names the setting to check when the secret is wrong, and never repeats the secret', async () => {
    const secret = 'not-the-right-secret-0123456789';
    const store = s3UploadStore(s3Settings({ ...server.env, S3_SECRET_ACCESS_KEY: secret }));
    const name = storedName();
    for (const attempt of [() => store.put(name, Buffer.from('%PDF-1.7')), () => store.open(name), () => store.delete(name)]) {
      await assert.rejects(attempt, (error: Error) => {
        assert.ok(error instanceof UploadStoreError);
        assert.match(error.message, /SignatureDoesNotMatch, status 403\): check S3_SECRET_ACCESS_KEY/);
        assert.ok(!error.message.includes(secret));
        return true;
      });
    }
    // A HEAD answer has no body to name the error, so the advice covers both keys.
    await assert.rejects(() => store.size(name), /status 403\): check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/);
  });

  it('names the setting to check for an unknown key, a missing bucket, and a server that cannot be reached', async () => {
    const name = storedName();
    const unknownKey = s3UploadStore(s3Settings({ ...server.env, S3_ACCESS_KEY_ID: 'NOSUCHKEY' }));
    await assert.rejects(() => unknownKey.put(name, Buffer.from('%PDF-1.7')), /InvalidAccessKeyId, status 403\): check S3_ACCESS_KEY_ID/);
    const noBucket = s3UploadStore(s3Settings({ ...server.env, S3_BUCKET: 'no-such-bucket' }));
    await assert.rejects(() => noBucket.put(name, Buffer.from('%PDF-1.7')), /NoSuchBucket, status 404\): check S3_BUCKET/);
    // A missing bucket is never mistaken for a missing file.
    await assert.rejects(() => noBucket.open(name), /NoSuchBucket/);
    const closed = await startS3Server();
    await closed.close();
    const unreachable = s3UploadStore(s3Settings(closed.env));
    await assert.rejects(
      () => unreachable.put(name, Buffer.from('%PDF-1.7')),
      (error: Error) => {
        assert.ok(error instanceof UploadStoreError);
        assert.match(error.message, /could not save .* ECONNREFUSED; check S3_ENDPOINT/);
        return true;
      },
    );
  });

  it('addresses objects in path style or virtual-hosted style', () => {
    const name = '0b0f6c1e-2a4e-4c57-9f6e-1c2d3e4f5a6b-pdf.pdf';
    const settings = { endpoint: 'https://s3.eu-west-2.amazonaws.com', bucket: 'charity-files', prefix: 'hearth/', forcePathStyle: false };
    assert.equal(objectAddress(settings, name), `https://charity-files.s3.eu-west-2.amazonaws.com/hearth/${name}`);
    assert.equal(
      objectAddress({ ...settings, endpoint: 'http://127.0.0.1:9000', forcePathStyle: true }, name),
      `http://127.0.0.1:9000/charity-files/hearth/${name}`,
    );
    assert.equal(objectAddress({ ...settings, prefix: '' }, name), `https://charity-files.s3.eu-west-2.amazonaws.com/${name}`);
  });
});
