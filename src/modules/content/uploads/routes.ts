import { signedInActorOf } from '../../../platform/audit.js';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { formFields } from '../../../platform/schemas.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { RULES } from '../../../platform/access.js';
import { notFound } from '../route-helpers.js';
import { formatBytes } from '../presentation.js';
import { requestedRange } from '../../../platform/http/byte-range.js';
import { STORED_NAME, UploadStoreError } from './store.js';
import { CONTENT_TYPES_BY_EXTENSION, IMAGE_WIDTHS, LARGEST_UPLOAD, SIZE_LIMITS, type UploadResult } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    uploadedFile?: { bytes: Buffer; truncated: boolean };
  }
}

/**
 * /admin/content/uploads for editors, and /uploads/<file> for everyone. Multipart parsing is registered here only,
 * so no other route accepts file uploads. The file is read into memory (up to the largest limit) and its fields are
 * put on the body, so the CSRF check reads `_csrf` as for any other form.
 */
export const uploadRoutes: FastifyPluginAsync = async (app) => {
  const { uploads } = app.content;
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: LARGEST_UPLOAD + 1, files: 1, fields: 10, fieldSize: 10_000, parts: 12 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const bytes = await part.toBuffer();
      this.uploadedFile = { bytes, truncated: part.file.truncated };
      // The body gets the file's name only; the bytes stay off it, out of every check that walks the body.
      (part as unknown as { value: string }).value = part.filename;
    },
  });

  async function page(reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const rows = await uploads.list();
    return reply.page('content/admin/uploads.njk', {
      uploads: rows.map((u) => {
        const largest = u.files.at(-1)!.name;
        const snippet =
          u.kind === 'image'
            ? `![${u.alt_text}](/uploads/${largest})`
            : u.kind === 'pdf'
              ? `[${u.title} (PDF, ${formatBytes(u.size_bytes)})](/uploads/${largest})`
              : `/uploads/${largest}`;
        return { ...u, size: formatBytes(u.size_bytes), snippet, href: `/uploads/${largest}` };
      }),
      limits: Object.fromEntries(Object.entries(SIZE_LIMITS).map(([k, v]) => [k, formatBytes(v)])),
      widths: IMAGE_WIDTHS.join(', '),
      ...extra,
    });
  }

  app.get('/admin/content/uploads', { config: RULES.editors }, async (_request, reply) => page(reply));

  app.post('/admin/content/uploads', { config: RULES.editors, bodyLimit: LARGEST_UPLOAD + 100_000 }, async (request, reply) => {
    const body = formFields(request.body);
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const values = { title: text('title'), altText: text('altText') };
    const file = request.uploadedFile ?? { bytes: Buffer.alloc(0), truncated: false };
    let result: UploadResult;
    try {
      result = await uploads.add({ bytes: file.bytes, truncated: file.truncated, ...values }, signedInActorOf(request));
    } catch (error) {
      if (!(error instanceof UploadStoreError)) throw error;
      request.log.error({ err: error }, 'upload store failed');
      return page(reply.code(503), { errors: [{ field: 'file', text: `The file could not be saved just now. ${TRY_AGAIN}` }], values });
    }
    if (!result.ok) return page(reply.code(400), { errors: result.errors, values });
    return reply.flashAndRedirect({ kind: 'success', heading: 'File uploaded' }, '/admin/content/uploads');
  });

  app.post<{ Params: { id: string } }>('/admin/content/uploads/:id/delete', { config: RULES.editors }, async (request, reply) => {
    let removed: Awaited<ReturnType<typeof uploads.remove>>;
    try {
      removed = await uploads.remove(request.params.id, signedInActorOf(request));
    } catch (error) {
      if (!(error instanceof UploadStoreError)) throw error;
      request.log.error({ err: error }, 'upload store failed');
      return page(reply.code(503), { errors: [{ field: 'uploaded-files', text: `The file could not be deleted just now. ${TRY_AGAIN}` }] });
    }
    if (!removed.ok) throw notFound();
    return reply.flashAndRedirect({ kind: 'success', heading: 'File deleted', text: removed.title }, '/admin/content/uploads');
  });

  app.get<{ Params: { file: string } }>('/uploads/:file', { config: { access: 'public' } }, async (request, reply) => {
    const name = request.params.file;
    if (!STORED_NAME.test(name)) throw notFound();
    // A stored file never changes: its name has a new id whenever the content does. So the name serves as its ETag,
    // the same whichever store holds it, and browsers may keep it for a year.
    const etag = `"${name}"`;
    const found = (reply: FastifyReply) =>
      reply
        .type(CONTENT_TYPES_BY_EXTENSION[name.split('.').pop()!]!)
        .header('etag', etag)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('accept-ranges', 'bytes');

    const conditional = request.headers['if-none-match'] === etag;
    const rangeHeader = request.headers.range;
    if (conditional || rangeHeader !== undefined) {
      const size = await uploads.size(name);
      if (size === null) throw notFound();
      if (conditional) return found(reply).code(304).send();
      const range = requestedRange(rangeHeader, size);
      if (range === 'unsatisfiable') return found(reply).code(416).header('content-range', `bytes */${size}`).send();
      if (range) {
        const part = await uploads.open(name, range);
        if (!part) throw notFound();
        return found(reply)
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .header('content-length', part.length)
          .send(part.body);
      }
    }
    const file = await uploads.open(name);
    if (!file) throw notFound();
    return found(reply).header('content-length', file.length).send(file.body);
  });
};

/** What an editor can do when the store fails; the log says why, for the administrator. */
const TRY_AGAIN = 'Try again in a few minutes; if it keeps happening, tell your administrator';
