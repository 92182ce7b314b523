import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CeilingMessage, RecordedResponse } from './ceiling-server.js';
import type { HearthProcessCommand, HearthProcessMessage, HearthProcessRequest } from './hearth-process.js';
import { BenchFailure, ROOT, type DatabaseKind } from './support.js';

/** Headers node:http writes by itself on every response; copying them would send them twice. */
const ADDED_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function firstMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: T) => resolve(message));
    child.once('error', reject);
    child.once('exit', (code) => reject(new BenchFailure(`${what} stopped (exit code ${code}) before it was ready.`)));
  });
}

export interface HearthProcess {
  /** http://127.0.0.1:<port>, with no trailing slash. */
  origin: string;
  database: DatabaseKind;
  /** What the scenario's prepare function returned (a thread id, say). */
  prepared: unknown;
  /** The process id, to read its memory from /proc. */
  pid: number;
  /** Hearth's process.cpuUsage(), in microseconds of user and system time since it started. */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  close(): Promise<void>;
}

/**
 * Hearth as `startHearth()` starts it, in a child process: the scenario's prepare function runs there with the app (the
 * embedded database can be opened by one process only), and the bench reaches Hearth over loopback like anyone else.
 */
export async function startHearthProcess(
  options: { env?: Record<string, string>; prepare?: { module: string; exportName: string } } = {},
): Promise<HearthProcess> {
  const child = fork(fileURLToPath(new URL('./hearth-process.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_CPU_PROFILE=<directory> has Hearth write a .cpuprofile of the load there (see hearth-process.ts).
    env: {
      ...process.env,
      ...(process.env.BENCH_CPU_PROFILE ? { BENCH_CPU_PROFILE: path.resolve(ROOT, process.env.BENCH_CPU_PROFILE) } : {}),
    },
  });
  const ready = firstMessage<HearthProcessMessage>(child, 'The Hearth process');
  child.send({ env: options.env ?? {}, ...(options.prepare ? { prepare: options.prepare } : {}) } satisfies HearthProcessRequest);
  const message = await ready.catch(async (error: unknown) => {
    child.kill();
    throw error;
  });
  if (!message.ok) {
    await waitForExit(child, 30_000);
    throw new BenchFailure(`Hearth did not start: ${message.error}`);
  }
  return {
    origin: message.origin,
    database: message.database,
    prepared: message.prepared,
    pid: child.pid!,
    async cpuUsage() {
      const answer = new Promise<NodeJS.CpuUsage>((resolve) =>
        child.once('message', (reply: { cpuUsage: NodeJS.CpuUsage }) => resolve(reply.cpuUsage)),
      );
      child.send('cpu-usage' satisfies HearthProcessCommand);
      return answer;
    },
    async close() {
      // Hearth closes its database (and drops a scratch PostgreSQL database) before it leaves; give it time to.
      if (child.connected) child.send('close' satisfies HearthProcessCommand);
      await waitForExit(child, 60_000);
    },
  };
}

/** One response as it came off the wire, for the ceiling to repeat. */
export function recordResponse(url: string, headers: Record<string, string> = {}): Promise<RecordedResponse & { bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < response.rawHeaders.length; i += 2) {
            const name = response.rawHeaders[i]!;
            if (!ADDED_BY_NODE.has(name.toLowerCase())) pairs.push([name, response.rawHeaders[i + 1]!]);
          }
          const bytes = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, headers: pairs, body: bytes.toString('base64'), bytes });
        });
      })
      .on('error', reject);
  });
}

export interface Ceiling {
  /** http://127.0.0.1:<port>/ */
  url: string;
  close(): Promise<void>;
}

/** Starts a bare node:http server, in its own process, that answers every request with `recorded`. */
export async function startCeiling(recorded: RecordedResponse): Promise<Ceiling> {
  const child = fork(fileURLToPath(new URL('./ceiling-server.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = firstMessage<CeilingMessage>(child, 'The ceiling server');
  child.send({ status: recorded.status, headers: recorded.headers, body: recorded.body } satisfies RecordedResponse);
  const message = await ready.catch((error: unknown) => {
    child.kill();
    throw error;
  });
  if (!message.ok) throw new BenchFailure(`The ceiling server did not start: ${message.error}`);
  const ceiling: Ceiling = {
    url: `http://127.0.0.1:${message.port}/`,
    async close() {
      if (child.connected) child.disconnect();
      await waitForExit(child, 10_000);
    },
  };
  // The ceiling must send what Hearth sent, or the ratio compares different work.
  const echoed = await recordResponse(ceiling.url);
  const same =
    echoed.status === recorded.status &&
    echoed.body === recorded.body &&
    JSON.stringify(echoed.headers) === JSON.stringify(recorded.headers);
  if (!same) {
    await ceiling.close();
    throw new BenchFailure('The ceiling server does not send the same bytes as Hearth.');
  }
  return ceiling;
}
