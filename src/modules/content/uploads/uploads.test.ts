import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createUser, FormClient, signInDirectly, testApp } from '../../../../tests/support/app.js';
import { startS3Server } from '../../../../tests/support/s3.js';
import { directoryStore, type UploadStore } from './store.js';
import { createUploads, sniff } from './service.js';
import { systemActor } from '../../../platform/audit.js';

/** A multipart body as a browser sends it, with the CSRF token first. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = `----hearth${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

type File = { name: string; type: string; bytes: Buffer };

/** An app with a signed-in editor, its uploads kept in the store `env` names, and a way to send the upload form. */
async function editorUploading(env: Record<string, string> = {}) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hearth-uploads-'));
  const t = await testApp({ HEARTH_DATA_DIR: dataDir, ...env });
  const editor = await createUser(t.app, { roles: ['editor'] });
  const client = new FormClient(t.app);
  await signInDirectly(client, editor);

  async function upload(fields: Record<string, string>, file?: File, csrf = true) {
    await client.get('/admin/content/uploads');
    const body = multipart({ ...(csrf ? { _csrf: client.csrf! } : {}), ...fields }, file);
    return t.app.inject({
      method: 'POST',
      url: '/admin/content/uploads',
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': body.contentType },
      payload: body.payload,
    });
  }
  const newest = () => t.app.services.db.selectFrom('content_uploads').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return {
    t,
    client,
    dataDir,
    upload,
    newest,
    async close() {
      await t.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

const png = () =>
  sharp({ create: { width: 1600, height: 900, channels: 3, background: '#7a2e0e' } })
    .png()
    .toBuffer();
const pdf = (text = 'A fictional leaflet') => ({ name: 'leaflet.pdf', type: 'application/pdf', bytes: Buffer.from(`%PDF-1.7\n${text}\n`) });
const mp4 = () => ({
  name: 'clip.mp4',
  type: 'video/mp4',
  bytes: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(5000, 7)]),
});

describe('content: uploads checked before they are kept', () => {
  let editor: Awaited<ReturnType<typeof editorUploading>>;
  before(async () => (editor = await editorUploading()));
  after(() => editor.close());

  it('recognises files by their content, not their name', async () => {
    assert.equal(sniff(await png())?.kind, 'image');
    assert.equal(sniff(Buffer.from('%PDF-1.7\n'))?.kind, 'pdf');
    assert.equal(sniff(Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHello'))?.kind, 'captions');
    assert.equal(sniff(Buffer.from('<html><script>alert(1)</script>')), null);
  });

  it('refuses an image without alt text, a file that is not what it claims, and an empty form, keeping what was typed', async () => {
    const noAlt = await editor.upload({ title: 'Photo' }, { name: 'photo.png', type: 'image/png', bytes: await png() });
    assert.equal(noAlt.statusCode, 400);
    assert.match(noAlt.body, /Enter alt text/);
    const disguised = await editor.upload(
      { title: 'Not a picture' },
      { name: 'photo.png', type: 'image/png', bytes: Buffer.from('<script>alert(1)</script>') },
    );
    assert.equal(disguised.statusCode, 400);
    assert.match(disguised.body, /The file must be an image/);
    assert.match(disguised.body, /value="Not a picture"/);
    const empty = await editor.upload({ title: '' });
    assert.match(empty.body, /Select a file/);
    assert.match(empty.body, /Enter a title for the file/);
  });

  it('refuses captions over their size limit', async () => {
    const big = Buffer.concat([Buffer.from('WEBVTT\n\n'), Buffer.alloc(1024 * 1024 + 10, 'a')]);
    const response = await editor.upload({ title: 'Huge captions' }, { name: 'c.vtt', type: 'text/vtt', bytes: big });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /smaller than 1 MB/);
  });

  it('refuses an upload or a deletion without the CSRF token, and to people who are not editors', async () => {
    const response = await editor.upload({ title: 'x' }, pdf(), false);
    assert.equal(response.statusCode, 403);
    assert.equal((await editor.t.app.inject({ url: '/admin/content/uploads' })).statusCode, 303);
    assert.equal((await editor.t.app.inject({ url: '/uploads/..%2F..%2Fetc%2Fpasswd' })).statusCode, 404);
    assert.equal((await editor.upload({ title: 'Kept' }, pdf())).statusCode, 303);
    const kept = await editor.newest();
    assert.equal((await editor.client.post(`/admin/content/uploads/${kept.id}/delete`, {}, { csrf: false })).statusCode, 403);
    const visitor = await editor.t.app.inject({ method: 'POST', url: `/admin/content/uploads/${kept.id}/delete` });
    assert.match(String(visitor.headers.location), /^\/sign-in/);
    assert.equal((await editor.t.app.inject({ url: `/uploads/${kept.files[0]!.name}` })).statusCode, 200);
    await editor.client.get('/admin/content/uploads');
    assert.equal((await editor.client.post('/admin/content/uploads/not-an-id/delete')).statusCode, 404);
    assert.equal((await editor.client.post(`/admin/content/uploads/${randomUUID()}/delete`)).statusCode, 404);
  });

  it('keeps no file when an image cannot be stored in every width', async () => {
    const directory = path.join(editor.dataDir, 'failing');
    const inner = directoryStore(directory);
    let puts = 0;
    // The third width fails, as a full disk or a store going away part way would make it.
    const failing: UploadStore = {
      ...inner,
      async put(name, bytes) {
        puts += 1;
        if (puts === 3) throw new Error('The disk is full');
        await inner.put(name, bytes);
      },
    };
    const { db, audit } = editor.t.app.services;
    const before = await db.selectFrom('content_uploads').select('id').execute();
    const uploads = createUploads(db, audit, failing);
    const image = await png();
    await assert.rejects(
      () => uploads.add({ bytes: image, truncated: false, title: 'Half made', altText: 'A test image' }, systemActor('test')),
      /The disk is full/,
    );
    assert.deepEqual(await fs.readdir(directory), []);
    assert.equal((await db.selectFrom('content_uploads').select('id').execute()).length, before.length);
  });
});

const stores: [string, () => Promise<{ env: Record<string, string>; close(): Promise<void> }>][] = [
  ['the data directory', async () => ({ env: {}, close: async () => undefined })],
  ['an S3-compatible store', startS3Server],
];

for (const [where, startStore] of stores) {
  describe(`content: uploads kept in ${where}`, () => {
    let store: Awaited<ReturnType<typeof startStore>>;
    let editor: Awaited<ReturnType<typeof editorUploading>>;
    before(async () => {
      store = await startStore();
      editor = await editorUploading(store.env);
    });
    after(async () => {
      await editor.close();
      await store.close();
    });

    it('resizes an image to each width, keeps its alt text, and serves it', async () => {
      const response = await editor.upload(
        { title: 'A family at home', altText: 'A grandmother reading to two children' },
        { name: 'photo.png', type: 'image/png', bytes: await png() },
      );
      assert.equal(response.statusCode, 303, response.body.slice(0, 500));
      const row = await editor.newest();
      assert.equal(row.alt_text, 'A grandmother reading to two children');
      assert.deepEqual(
        row.files.map((f) => f.width),
        [320, 640, 1024],
      );
      for (const file of row.files) {
        const served = await editor.t.app.inject({ url: `/uploads/${file.name}` });
        assert.equal(served.statusCode, 200);
        assert.equal(served.headers['content-type'], 'image/webp');
        assert.equal((await sharp(served.rawPayload).metadata()).width, file.width);
      }
      const page = await editor.client.get('/admin/content/uploads');
      assert.match(page.body, /!\[A grandmother reading to two children\]\(\/uploads\/[0-9a-f-]+-w1024\.webp\)/);
      const inDataDir = await fs.readdir(path.join(editor.dataDir, 'uploads')).catch(() => []);
      assert.equal(inDataDir.length, store.env.UPLOAD_STORE === 's3' ? 0 : 3, 'the files are in the store that was chosen');
    });

    it('serves a file with its type, length, ETag and a year of caching, answers 304 and byte ranges', async () => {
      const leaflet = pdf('Kinship care: a fictional example');
      assert.equal((await editor.upload({ title: 'Leaflet' }, leaflet)).statusCode, 303);
      const url = `/uploads/${(await editor.newest()).files[0]!.name}`;
      const served = await editor.t.app.inject({ url });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'application/pdf');
      assert.equal(served.headers['content-length'], String(leaflet.bytes.length));
      assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(served.headers['accept-ranges'], 'bytes');
      assert.ok(served.rawPayload.equals(leaflet.bytes));
      assert.equal(served.headers['set-cookie'], undefined, 'a visitor gets no cookie');

      const etag = String(served.headers.etag);
      const again = await editor.t.app.inject({ url, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      assert.equal((await editor.t.app.inject({ url, headers: { 'if-none-match': '"something-else"' } })).statusCode, 200);

      const part = await editor.t.app.inject({ url, headers: { range: 'bytes=9-16' } });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-range'], `bytes 9-16/${leaflet.bytes.length}`);
      assert.equal(part.headers['content-length'], '8');
      assert.equal(part.body, 'Kinship ');
      const tail = await editor.t.app.inject({ url, headers: { range: 'bytes=-8' } });
      assert.equal(tail.body, 'example\n');
      const outside = await editor.t.app.inject({ url, headers: { range: `bytes=${leaflet.bytes.length}-` } });
      assert.equal(outside.statusCode, 416);
      assert.equal(outside.headers['content-range'], `bytes */${leaflet.bytes.length}`);

      const missing = url.replace(/[0-9a-f]{8}-/, '00000000-');
      for (const headers of [{}, { 'if-none-match': `"${missing.slice('/uploads/'.length)}"` }, { range: 'bytes=0-1' }]) {
        const notThere = await editor.t.app.inject({ url: missing, headers });
        assert.equal(notThere.statusCode, 404);
        assert.doesNotMatch(String(notThere.headers['cache-control']), /immutable/, 'a missing file is not cached for a year');
      }
    });

    it('streams a video whole and in ranges, as a browser seeking in it asks', async () => {
      const video = mp4();
      assert.equal((await editor.upload({ title: 'Clip' }, video)).statusCode, 303);
      const url = `/uploads/${(await editor.newest()).files[0]!.name}`;
      const whole = await editor.t.app.inject({ url });
      assert.equal(whole.headers['content-type'], 'video/mp4');
      assert.ok(whole.rawPayload.equals(video.bytes));
      const seek = await editor.t.app.inject({ url, headers: { range: 'bytes=4000-' } });
      assert.equal(seek.statusCode, 206);
      assert.ok(seek.rawPayload.equals(video.bytes.subarray(4000)));
    });

    it('deletes an upload: its files are no longer served, and the deletion is audited', async () => {
      assert.equal(
        (
          await editor.upload(
            { title: 'Photo to remove', altText: 'A test picture' },
            { name: 'p.png', type: 'image/png', bytes: await png() },
          )
        ).statusCode,
        303,
      );
      const row = await editor.newest();
      await editor.client.get('/admin/content/uploads');
      const deleted = await editor.client.post(`/admin/content/uploads/${row.id}/delete`);
      assert.equal(deleted.statusCode, 303);
      assert.match((await editor.client.get('/admin/content/uploads')).body, /File deleted/);
      for (const file of row.files) {
        assert.equal((await editor.t.app.inject({ url: `/uploads/${file.name}` })).statusCode, 404);
      }
      const { db } = editor.t.app.services;
      assert.equal(await db.selectFrom('content_uploads').select('id').where('id', '=', row.id).executeTakeFirst(), undefined);
      const audited = await db.selectFrom('audit_log').select('action').where('subject_id', '=', row.id).orderBy('id').execute();
      assert.deepEqual(
        audited.map((a) => a.action),
        ['content.uploaded', 'content.upload-deleted'],
      );
      assert.equal((await editor.client.post(`/admin/content/uploads/${row.id}/delete`)).statusCode, 404);
    });

    it('plays an uploaded video with its captions on a film page', async () => {
      assert.equal((await editor.upload({ title: 'Film clip' }, mp4())).statusCode, 303);
      const videoFile = `/uploads/${(await editor.newest()).files[0]!.name}`;
      const captions = await editor.upload(
        { title: 'Clip captions' },
        { name: 'clip.vtt', type: 'text/vtt', bytes: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n') },
      );
      assert.equal(captions.statusCode, 303);
      const captionsFile = `/uploads/${(await editor.newest()).files[0]!.name}`;
      const { readFields } = await import('../validation.js');
      const read = readFields({
        type: 'film',
        title: 'Uploaded film',
        summary: 'S.',
        body: 'B.',
        videoFile,
        captionsFile,
        transcript: 'Hello',
      });
      assert.ok(read.ok);
      const actor = systemActor('test');
      const id = await editor.t.app.content.workflow.create(read.fields, actor);
      await editor.t.app.content.workflow.publish(id, actor);
      const page = await editor.t.app.inject({ url: '/films/uploaded-film' });
      assert.match(page.body, new RegExp(`<video class="hearth-video__player" controls preload="none" src="${videoFile}">`));
      assert.match(page.body, new RegExp(`<track kind="captions" srclang="en" label="English" src="${captionsFile}" default>`));
      const vtt = await editor.t.app.inject({ url: captionsFile });
      assert.equal(vtt.headers['content-type'], 'text/vtt; charset=utf-8');
      assert.match(vtt.body, /^WEBVTT/);
      const noCaptions = readFields({ type: 'film', title: 'F', summary: 'S.', body: 'B.', videoFile, transcript: 'T' });
      assert.equal(noCaptions.ok, false);
    });
  });
}

describe("content: uploads when the S3 store refuses Hearth's key", () => {
  let server: Awaited<ReturnType<typeof startS3Server>>;
  let editor: Awaited<ReturnType<typeof editorUploading>>;
  before(async () => {
    server = await startS3Server();
    editor = await editorUploading({ ...server.env, S3_SECRET_ACCESS_KEY: 'not-the-right-secret' });
  });
  after(async () => {
    await editor.close();
    await server.close();
  });

  it('tells the editor the file was not saved, keeps what they typed, and records nothing', async () => {
    const { db } = editor.t.app.services;
    const response = await editor.upload({ title: 'Annual report', altText: '' }, pdf());
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /There is a problem/);
    assert.match(
      response.body,
      /The file could not be saved just now\. Try again in a few minutes; if it keeps happening, tell your administrator/,
    );
    assert.match(response.body, /value="Annual report"/);
    assert.equal((await db.selectFrom('content_uploads').select('id').execute()).length, 0);
    const audited = await db.selectFrom('audit_log').select('action').where('action', '=', 'content.uploaded').execute();
    assert.equal(audited.length, 0);
    assert.doesNotMatch(response.body, /not-the-right-secret|SignatureDoesNotMatch/);
  });

  it('keeps an upload it could not delete, and says so', async () => {
    const { db } = editor.t.app.services;
    const id = randomUUID();
    const files = [{ name: `${id}-pdf.pdf` }];
    await db
      .insertInto('content_uploads')
      .values({ id, kind: 'pdf', title: 'Old leaflet', content_type: 'application/pdf', size_bytes: 9, files: JSON.stringify(files) })
      .execute();
    await editor.client.get('/admin/content/uploads');
    const response = await editor.client.post(`/admin/content/uploads/${id}/delete`);
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /The file could not be deleted just now/);
    assert.ok(await db.selectFrom('content_uploads').select('id').where('id', '=', id).executeTakeFirst());
  });

  it('answers a visitor with a server error, not "not found", while the store refuses', async () => {
    const served = await editor.t.app.inject({ url: `/uploads/${randomUUID()}-pdf.pdf` });
    assert.equal(served.statusCode, 500);
    assert.doesNotMatch(served.body, /not-the-right-secret|SignatureDoesNotMatch|S3_/);
  });
});
