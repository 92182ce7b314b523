import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files live. Only a directory under HEARTH_DATA_DIR exists today; an S3-compatible store would be
 * another implementation of this interface, chosen by configuration.
 */
export interface UploadStore {
  put(name: string, bytes: Buffer): Promise<void>;
  get(name: string): Promise<Buffer | null>;
}

/** A file name Hearth made itself: an id, what the file is, and its extension. Anything else is never looked up. */
export const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[a-z0-9]+\.(webp|pdf|mp4|webm|vtt)$/;

export function directoryStore(directory: string): UploadStore {
  const file = (name: string) => {
    if (!STORED_NAME.test(name)) throw new Error(`Not a stored file name: ${name}`);
    return path.join(directory, name);
  };
  return {
    async put(name, bytes) {
      await fs.mkdir(directory, { recursive: true });
      // Written under a temporary name and renamed, so a reader never sees half a file.
      const temporary = `${file(name)}.partial`;
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, file(name));
    },
    async get(name) {
      try {
        return await fs.readFile(file(name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
