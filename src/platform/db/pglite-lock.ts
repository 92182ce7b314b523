import fs from 'node:fs';

/**
 * PGlite is PostgreSQL in one process with no server to arbitrate: two processes that open the same data directory
 * both write to it, and corrupt it. So whoever opens it first writes its process id into `<data directory>.pid` (made
 * with O_EXCL, so only one can), and anyone else is refused with a message naming that process. A file left by a
 * process that was killed is taken over: its process is gone, or the number now belongs to a process started later
 * (as in a container, where Hearth is process 1 on every start).
 */
export class DatabaseInUseError extends Error {}

export interface PgliteLock {
  release(): void;
}

// Held by this process: a second open from the same process would corrupt the directory just the same.
const held = new Set<string>();

export function lockFileFor(dataDir: string): string {
  return `${dataDir}.pid`;
}

/** When the process began, in clock ticks since boot (Linux); with the pid, it names one process for good. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name in brackets may hold spaces; the fields after it are plain. The start time is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(pid: number, startTime: string | undefined): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const now = startTimeOf(pid);
  return !startTime || !now || now === startTime;
}

function readHolder(file: string): { pid: number; startTime?: string } | null {
  try {
    const [pid, startTime] = fs.readFileSync(file, 'utf8').trim().split(/\s+/);
    return Number.isInteger(Number(pid)) && Number(pid) > 0 ? { pid: Number(pid), startTime } : null;
  } catch {
    return null;
  }
}

function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function inUse(dataDir: string, file: string, pid: number | undefined) {
  return new DatabaseInUseError(
    `The embedded database in ${dataDir} is in use by ${pid ? `process ${pid}` : 'another process'}, and two processes ` +
      `writing to it would corrupt it. Stop that process first (it may be \`hearth start\`), or use PostgreSQL ` +
      `(DATABASE_URL) to run more than one. If no such process is running, delete ${file}.`,
  );
}

export function lockPgliteDirectory(dataDir: string): PgliteLock {
  const file = lockFileFor(dataDir);
  if (held.has(file)) throw new DatabaseInUseError(`This process already has the embedded database in ${dataDir} open.`);
  const mine = `${process.pid} ${startTimeOf(process.pid) ?? ''}\n`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A file with no process id in it yet is another process between creating it and writing to it.
    let holder = readHolder(file);
    if (!holder) {
      pause(100);
      holder = readHolder(file);
    }
    if ((holder && isRunning(holder.pid, holder.startTime)) || attempt >= 3) throw inUse(dataDir, file, holder?.pid);
    // Left by a process that is gone: take it over.
    fs.rmSync(file, { force: true });
  }
  held.add(file);
  return {
    release() {
      held.delete(file);
      if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}
