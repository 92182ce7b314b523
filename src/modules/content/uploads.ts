import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { AuditLog } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/validation.js';
import type { UploadStore } from './upload-store.js';
import type { Actor } from './workflow.js';

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
    const files: { name: string; width?: number }[] = [];
    if (found.kind === 'image') {
      let image: ReturnType<typeof sharp>;
      try {
        image = sharp(input.bytes, { failOn: 'error', limitInputPixels: 40_000_000 });
        await image.metadata();
      } catch {
        return {
          ok: false,
          errors: [{ field: 'file', text: 'The image could not be read. It may be damaged: save it again and upload that' }],
        };
      }
      for (const width of IMAGE_WIDTHS) {
        // Never enlarged; metadata (location, camera) is dropped because sharp does not copy it by default.
        const resized = await image.clone().rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
        const name = `${id}-w${width}.webp`;
        await store.put(name, resized);
        files.push({ name, width });
      }
    } else {
      const name = `${id}-${found.kind}.${found.extension}`;
      await store.put(name, input.bytes);
      files.push({ name });
    }
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
          actorId: actor.id,
          actorLabel: actor.label,
          ip: actor.ip ?? null,
          action: 'content.uploaded',
          subjectType: 'content-upload',
          subjectId: id,
          details: { kind: found.kind, title, sizeBytes: input.bytes.length },
        },
        trx,
      );
    });
    return { ok: true, id };
  }

  async function list() {
    return db.selectFrom('content_uploads').selectAll().orderBy('created_at', 'desc').limit(200).execute();
  }

  return { add, list, read: (name: string) => store.get(name) };
}

export type Uploads = ReturnType<typeof createUploads>;
