import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { RefusedWrite } from './crash-writes.js';
import type { HearthProcess } from './hearth-process.js';

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

/** Each callback request adds about a kilobyte; a full page or index needs a new block within a few dozen. */
const MOST_WRITES_UNTIL_FULL = 300;

/**
 * Fills the filesystem with `filler`, then writes until Hearth refuses a write for want of space, and checks that the
 * refusal is the clear one: 503 with Retry-After, the storage-full page, and the line that tells the operator. A write
 * that hangs fails the test: the client gives up and throws something other than RefusedWrite. Answers how many
 * writes it took.
 */
export async function writeUntilTheDiskIsFull(
  filler: string,
  write: () => Promise<void>,
  hearth: HearthProcess,
  whatHappened: () => string = () => hearth.output(),
): Promise<number> {
  fillUp(filler);
  for (let attempt = 1; attempt <= MOST_WRITES_UNTIL_FULL; attempt += 1) {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof RefusedWrite)) throw error;
      assert.equal(error.response.status, 503, `${error.message}\n${whatHappened()}`);
      assert.equal(error.response.retryAfter, '10');
      assert.match(error.response.body, /Sorry, nothing can be saved at the moment/);
      assert.match(error.response.body, /run out of storage space, so what you sent was not saved/);
      await hearth.waitForOutput(/storage full: nothing can be written/);
      return attempt;
    }
  }
  assert.fail(`${MOST_WRITES_UNTIL_FULL} writes were all saved on a full disk:\n${whatHappened()}`);
}
