import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ByteRange } from '../../../platform/http/byte-range.js';

/**
 * Where uploaded files live: a directory under HEARTH_DATA_DIR, or an S3-compatible bucket (s3-upload-store.ts),
 * chosen by UPLOAD_STORE. Files are written once and never changed, so nothing here needs to handle an update.
 */
export interface UploadStore {
  put(name: string, bytes: Buffer): Promise<void>;
  /** The file's size, or null when there is no such file. */
  size(name: string): Promise<number | null>;
  /** The file (or the range of it) as a stream, with how many bytes the stream holds; null when there is no such file. */
  open(name: string, range?: ByteRange): Promise<{ body: Readable; length: number } | null>;
  /** Removes the file; removing one that is not there is not an error. */
  delete(name: string): Promise<void>;
}

/** The store could not do what was asked. The message says what to check and never holds a secret. */
export class UploadStoreError extends Error {
  override name = 'UploadStoreError';
}

/** A file name Hearth made itself: an id, what the file is, and its extension. Anything else is never looked up. */
export const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[a-z0-9]+\.(webp|pdf|mp4|webm|vtt)$/;

export function assertStoredName(name: string): void {
  if (!STORED_NAME.test(name)) throw new Error(`Not a stored file name: ${name}`);
}

export function directoryStore(directory: string): UploadStore {
  const file = (name: string) => {
    assertStoredName(name);
    return path.join(directory, name);
  };
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
  return {
    async put(name, bytes) {
      await fs.mkdir(directory, { recursive: true });
      // Written under a temporary name and renamed, so a reader never sees half a file.
      const temporary = `${file(name)}.partial`;
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, file(name));
    },
    async size(name) {
      try {
        return (await fs.stat(file(name))).size;
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async open(name, range) {
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(file(name), 'r');
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
      const { size } = await handle.stat().catch(async (error: unknown) => {
        await handle.close();
        throw error;
      });
      const body = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      return { body, length: range ? range.end - range.start + 1 : size };
    },
    async delete(name) {
      await fs.rm(file(name), { force: true });
    },
  };
}
