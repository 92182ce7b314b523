import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/hearth.mjs');

/** A `hearth` command running as a process of its own, as it runs on a server, with its output kept for the test. */
export interface HearthProcess {
  child: ChildProcess;
  /** Everything it has written so far, standard output and error together. */
  output(): string;
  /** Resolves once its output matches, and rejects if it exits first or `withinMs` passes. */
  waitForOutput(pattern: RegExp, withinMs?: number): Promise<void>;
  /** Its exit code (null when killed by a signal), once it exits. */
  exited: Promise<number | null>;
}

export function runHearth(args: string[], env: Record<string, string>): HearthProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HEARTH_DEMO: 'false',
      HOST: '127.0.0.1',
      BASE_URL: 'http://hearth.test',
      HEARTH_SECRET: 'a-secret-for-the-resilience-tests-0123456789abcdef',
      MAIL_FROM: 'Hearth <no-reply@hearth.example>',
      // Shedding load is another fault's test; here every request must be served.
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exited,
    waitForOutput(pattern, withinMs = 120_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${withinMs} ms:\n${text}`)), withinMs);
        const check = () => pattern.test(text) && finish();
        function finish(error?: Error) {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        }
        listeners.add(check);
        void exited.then((code) => finish(new Error(`exited (${code}) before ${pattern}:\n${text}`)));
        check();
      });
    },
  };
}

/** Resolves to the exit code, or rejects if the process is still running after `withinMs`. */
export async function exitWithin(hearth: HearthProcess, withinMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${withinMs} ms after being told to stop:\n${hearth.output()}`)), withinMs);
  });
  try {
    return await Promise.race([hearth.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until `check` holds, for what a test waits on in another process. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, withinMs = 60_000): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > until) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
