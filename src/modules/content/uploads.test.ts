import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createUser, FormClient, signIn, testApp, type TestContext } from '../../../tests/support/app.js';
import { sniff } from './uploads.js';

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

describe('content: uploads', () => {
  let t: TestContext;
  let dataDir: string;
  let client: FormClient;
  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hearth-uploads-'));
    t = await testApp({ HEARTH_DATA_DIR: dataDir });
    const editor = await createUser(t.app, { roles: ['editor'] });
    client = new FormClient(t.app);
    await signIn(client, editor);
  });
  after(async () => {
    await t.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  async function upload(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }, csrf = true) {
    await client.get('/admin/content/uploads');
    const body = multipart({ ...(csrf ? { _csrf: client.csrf! } : {}), ...fields }, file);
    return t.app.inject({
      method: 'POST',
      url: '/admin/content/uploads',
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  const png = () =>
    sharp({ create: { width: 1600, height: 900, channels: 3, background: '#7a2e0e' } })
      .png()
      .toBuffer();

  it('recognises files by their content, not their name', async () => {
    assert.equal(sniff(await png())?.kind, 'image');
    assert.equal(sniff(Buffer.from('%PDF-1.7\n'))?.kind, 'pdf');
    assert.equal(sniff(Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHello'))?.kind, 'captions');
    assert.equal(sniff(Buffer.from('<html><script>alert(1)</script>')), null);
  });

  it('resizes an image to each width, keeps its alt text, and serves it', async () => {
    const response = await upload(
      { title: 'A family at home', altText: 'A grandmother reading to two children' },
      { name: 'photo.png', type: 'image/png', bytes: await png() },
    );
    assert.equal(response.statusCode, 303, response.body.slice(0, 500));
    const row = await t.app.services.db.selectFrom('content_uploads').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(row.alt_text, 'A grandmother reading to two children');
    assert.deepEqual(
      row.files.map((f) => f.width),
      [320, 640, 1024],
    );
    for (const file of row.files) {
      const served = await t.app.inject({ url: `/uploads/${file.name}` });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/webp');
      assert.equal((await sharp(served.rawPayload).metadata()).width, file.width);
    }
    const page = await client.get('/admin/content/uploads');
    assert.match(page.body, /!\[A grandmother reading to two children\]\(\/uploads\/[0-9a-f-]+-w1024\.webp\)/);
  });

  it('refuses an image without alt text, a file that is not what it claims, and an empty form, keeping what was typed', async () => {
    const noAlt = await upload({ title: 'Photo' }, { name: 'photo.png', type: 'image/png', bytes: await png() });
    assert.equal(noAlt.statusCode, 400);
    assert.match(noAlt.body, /Enter alt text/);
    const disguised = await upload(
      { title: 'Not a picture' },
      { name: 'photo.png', type: 'image/png', bytes: Buffer.from('<script>alert(1)</script>') },
    );
    assert.equal(disguised.statusCode, 400);
    assert.match(disguised.body, /The file must be an image/);
    assert.match(disguised.body, /value="Not a picture"/);
    const empty = await upload({ title: '' });
    assert.match(empty.body, /Select a file/);
    assert.match(empty.body, /Enter a title for the file/);
  });

  it('refuses captions over their size limit', async () => {
    const big = Buffer.concat([Buffer.from('WEBVTT\n\n'), Buffer.alloc(1024 * 1024 + 10, 'a')]);
    const response = await upload({ title: 'Huge captions' }, { name: 'c.vtt', type: 'text/vtt', bytes: big });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /smaller than 1 MB/);
  });

  it('refuses an upload without the CSRF token, and to people who are not editors', async () => {
    const response = await upload({ title: 'x' }, { name: 'a.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7') }, false);
    assert.equal(response.statusCode, 403);
    assert.equal((await t.app.inject({ url: '/admin/content/uploads' })).statusCode, 303);
    assert.equal((await t.app.inject({ url: '/uploads/..%2F..%2Fetc%2Fpasswd' })).statusCode, 404);
  });

  it('plays an uploaded video with its captions on a film page', async () => {
    const video = await upload(
      { title: 'Clip' },
      {
        name: 'clip.mp4',
        type: 'video/mp4',
        bytes: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(100)]),
      },
    );
    assert.equal(video.statusCode, 303);
    const captions = await upload(
      { title: 'Clip captions' },
      { name: 'clip.vtt', type: 'text/vtt', bytes: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n') },
    );
    assert.equal(captions.statusCode, 303);
    const rows = await t.app.services.db.selectFrom('content_uploads').select(['kind', 'files']).execute();
    const videoFile = `/uploads/${rows.find((r) => r.kind === 'video')!.files[0]!.name}`;
    const captionsFile = `/uploads/${rows.find((r) => r.kind === 'captions')!.files[0]!.name}`;
    const { readFields } = await import('./validation.js');
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
    const actor = { id: null, label: 'test' };
    const id = await t.app.content.workflow.create(read.fields, actor);
    await t.app.content.workflow.publish(id, actor);
    const page = await t.app.inject({ url: '/films/uploaded-film' });
    assert.match(page.body, new RegExp(`<video class="hearth-video__player" controls preload="none" src="${videoFile}">`));
    assert.match(page.body, new RegExp(`<track kind="captions" srclang="en" label="English" src="${captionsFile}" default>`));
    const vtt = await t.app.inject({ url: captionsFile });
    assert.equal(vtt.headers['content-type'], 'text/vtt; charset=utf-8');
    const noCaptions = readFields({ type: 'film', title: 'F', summary: 'S.', body: 'B.', videoFile, transcript: 'T' });
    assert.equal(noCaptions.ok, false);
  });
});
