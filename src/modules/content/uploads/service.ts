import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Actor, AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { FieldError } from '../../../platform/validation.js';
import type { ByteRange } from '../../../platform/http/byte-range.js';
import { isUuid } from '../../../platform/validation.js';
import type { UploadStore } from './store.js';

export type UploadKind = 'image' | 'pdf' | 'video' | 'captions';

/** The largest file of each kind. Videos are short clips; longer films belong on a video service. */
export const SIZE_LIMITS: Record<UploadKind, number> = {
  image: 10 * 1024 * 1024,
  pdf: 20 * 1024 * 1024,
  video: 200 * 1024 * 1024,
  captions: 1024 * 1024,
};
export const LARGEST_UPLOAD = Math.max(...Object.values(SIZE_LIMITS));

/** Images are made in these widths, so that pages can offer a phone a small file and a desk a large one. */
export const IMAGE_WIDTHS = [320, 640, 1024] as const;

export const CONTENT_TYPES_BY_EXTENSION: Record<string, string> = {
  webp: 'image/webp',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  webm: 'video/webm',
  vtt: 'text/vtt; charset=utf-8',
};

/**
 * What a file really is, from its first bytes: the name and the browser's stated type are the uploader's claims and
 * are never trusted. Anything not recognised is refused.
 */
export function sniff(bytes: Buffer): { kind: UploadKind; extension: string } | null {
  const starts = (signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
  const ascii = (text: string, offset = 0) => bytes.subarray(offset, offset + text.length).toString('latin1') === text;
  if (starts([0xff, 0xd8, 0xff]) || starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || ascii('GIF87a') || ascii('GIF89a')) {
    return { kind: 'image', extension: 'webp' };
  }
  if (ascii('RIFF') && ascii('WEBP', 8)) return { kind: 'image', extension: 'webp' };
  if (ascii('%PDF-')) return { kind: 'pdf', extension: 'pdf' };
  if (ascii('ftyp', 4)) return { kind: 'video', extension: 'mp4' };
  if (starts([0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', extension: 'webm' };
  const text = bytes
    .subarray(0, 10)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (/^WEBVTT(\s|$)/.test(text)) return { kind: 'captions', extension: 'vtt' };
  return null;
}

export interface UploadInput {
  bytes: Buffer;
  truncated: boolean;
  title: string;
  altText: string;
}

export type UploadResult = { ok: true; id: string } | { ok: false; errors: FieldError[] };

/** Uploads: checked by content and size, images resized, stored, recorded and audited. */
export function createUploads(db: Db, audit: AuditLog, store: UploadStore) {
  async function add(input: UploadInput, actor: Actor): Promise<UploadResult> {
    const errors: FieldError[] = [];
    const title = input.title.trim();
    if (!title) errors.push({ field: 'title', text: 'Enter a title for the file' });
    else if (title.length > 200) errors.push({ field: 'title', text: 'Title must be 200 characters or fewer' });
    if (input.bytes.length === 0) return { ok: false, errors: [...errors, { field: 'file', text: 'Select a file' }] };
    const found = sniff(input.bytes);
    if (!found) {
      errors.push({
        field: 'file',
        text: 'The file must be an image (JPEG, PNG, GIF or WebP), a PDF, a video (MP4 or WebM) or captions (WebVTT)',
      });
      return { ok: false, errors };
    }
    if (input.truncated || input.bytes.length > SIZE_LIMITS[found.kind]) {
      errors.push({ field: 'file', text: `The file must be smaller than ${SIZE_LIMITS[found.kind] / (1024 * 1024)} MB` });
    }
    const altText = input.altText.trim();
    if (found.kind === 'image' && !altText) {
      errors.push({ field: 'altText', text: 'Enter alt text: what the image shows, for people who cannot see it' });
    } else if (altText.length > 300) errors.push({ field: 'altText', text: 'Alt text must be 300 characters or fewer' });
    if (errors.length > 0) return { ok: false, errors };

    const id = randomUUID();
    let made: { name: string; bytes: Buffer; width?: number }[];
    if (found.kind === 'image') {
      const resized = await resizedImages(id, input.bytes);
      if (!resized) {
        return {
          ok: false,
          errors: [{ field: 'file', text: 'The image could not be read. It may be damaged: save it again and upload that' }],
        };
      }
      made = resized;
    } else {
      made = [{ name: `${id}-${found.kind}.${found.extension}`, bytes: input.bytes }];
    }
    await storeAll(made);
    const files = made.map(({ name, width }) => (width === undefined ? { name } : { name, width }));
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('content_uploads')
          .values({
            id,
            kind: found.kind,
            title,
            alt_text: found.kind === 'image' ? altText : null,
            content_type: CONTENT_TYPES_BY_EXTENSION[found.extension]!,
            size_bytes: input.bytes.length,
            files: JSON.stringify(files),
            created_by: actor.id,
          })
          .execute();
        await audit.record(
          {
            actor,
            action: 'content.uploaded',
            subjectType: 'content-upload',
            subjectId: id,
            details: { kind: found.kind, title, sizeBytes: input.bytes.length },
          },
          trx,
        );
      });
    } catch (error) {
      // Files without a record would be served to anyone with the address but listed nowhere.
      await Promise.allSettled(files.map((file) => store.delete(file.name)));
      throw error;
    }
    return { ok: true, id };
  }

  /** Every file, or none: if one cannot be stored, those already stored are removed again, and the error goes on. */
  async function storeAll(made: { name: string; bytes: Buffer }[]) {
    const stored: string[] = [];
    try {
      for (const file of made) {
        await store.put(file.name, file.bytes);
        stored.push(file.name);
      }
    } catch (error) {
      await Promise.allSettled(stored.map((name) => store.delete(name)));
      throw error;
    }
  }

  /**
   * Removes the files and then the record. Files go first because an editor may delete a photo that shows too much:
   * it must stop being served even if the store fails part way, and the record stays so that trying again finishes
   * the job. Pages that still link to the file will find it missing.
   */
  async function remove(id: string, actor: Actor): Promise<{ ok: true; title: string } | { ok: false; reason: 'not-found' }> {
    if (!isUuid(id)) return { ok: false, reason: 'not-found' };
    const row = await db.selectFrom('content_uploads').select(['id', 'title', 'kind', 'files']).where('id', '=', id).executeTakeFirst();
    if (!row) return { ok: false, reason: 'not-found' };
    for (const file of row.files) await store.delete(file.name);
    await db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('content_uploads').where('id', '=', id).executeTakeFirst();
      // Two editors pressing Delete at once: only the one whose delete took the row records it.
      if (Number(deleted.numDeletedRows) === 0) return;
      await audit.record(
        {
          actor,
          action: 'content.upload-deleted',
          subjectType: 'content-upload',
          subjectId: id,
          details: { kind: row.kind, title: row.title },
        },
        trx,
      );
    });
    return { ok: true, title: row.title };
  }

  async function list() {
    return db.selectFrom('content_uploads').selectAll().orderBy('created_at', 'desc').limit(200).execute();
  }

  return {
    add,
    list,
    remove,
    /** For serving: the size of a stored file, and the file itself. */
    size: (name: string) => store.size(name),
    open: (name: string, range?: ByteRange) => store.open(name, range),
  };
}

export type Uploads = ReturnType<typeof createUploads>;

/** The image in each of IMAGE_WIDTHS as WebP, or null when it cannot be read as an image. */
async function resizedImages(id: string, bytes: Buffer): Promise<{ name: string; bytes: Buffer; width: number }[] | null> {
  let image: ReturnType<typeof sharp>;
  try {
    image = sharp(bytes, { failOn: 'error', limitInputPixels: 40_000_000 });
    await image.metadata();
  } catch {
    return null;
  }
  const made = [];
  for (const width of IMAGE_WIDTHS) {
    // Never enlarged; metadata (location, camera) is dropped because sharp does not copy it by default.
    const resized = await image.clone().rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    made.push({ name: `${id}-w${width}.webp`, bytes: resized, width });
  }
  return made;
}
