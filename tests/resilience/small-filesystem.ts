import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * A small filesystem of a test's own for a database to fill: a tmpfs (`mount -t tmpfs -o size=…`), so it needs root
 * or CAP_SYS_ADMIN. A machine that cannot mount one fails the test with the reason rather than skipping it.
 */
export function mountSmallFilesystem(dir: string, size: string) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'hearth-disk-full', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `This test mounts a ${size} tmpfs for the database's files, which needs root (or CAP_SYS_ADMIN): ${String((error as { stderr?: Buffer }).stderr ?? error)}`,
      { cause: error },
    );
  }
}

/** Unmounts and removes the mount point; harmless if it was never mounted. */
export function removeSmallFilesystem(dir: string) {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    // Never mounted.
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes until the filesystem has not one byte left, in ever smaller pieces. */
export function fillUp(file: string) {
  const fd = fs.openSync(file, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}
