import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_SECRET } from '../support/app.js';
import { freePort } from '../support/free-port.js';

/**
 * Real `hearth` processes for the resilience tests: started from bin/hearth.mjs as an operator would, reached over
 * real HTTP on a port of their own, and killed with real signals.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const HEARTH = path.join(ROOT, 'bin', 'hearth.mjs');
/** A start on a busy two-core machine (tsx, the app's imports, migrations checked) takes seconds; this catches a hang. */
const START_WITHIN_MS = 90_000;

/** The environment of a test's Hearth: its own data folder or PostgreSQL, quiet logs, no load shedding. */
export function hearthEnvironment(options: { dataDir: string; databaseUrl?: string; extra?: Record<string, string> }) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'development',
    HEARTH_SECRET: TEST_SECRET,
    HEARTH_DEMO: 'false',
    HEARTH_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? '',
    LOG_LEVEL: 'warn',
    // PGlite works on the main thread: a busy test machine must not turn into 503s from load shedding.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    ...options.extra,
  };
}

export interface HearthProcess {
  url: string;
  pid: number;
  /** What it has printed so far, both streams, for failure messages. */
  output(): string;
  /** Resolves once the output matches (the log is written a moment after the response), or fails after a while. */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** SIGKILL: no handler runs, nothing is flushed or closed. Resolves once the process has gone. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `hearth start` and resolves once it answers /readyz with 200. */
export async function startHearth(env: Record<string, string>): Promise<HearthProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [HEARTH, 'start'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const handle: HearthProcess = {
    url,
    pid: child.pid!,
    output: () => output,
    exited,
    async waitForOutput(pattern) {
      for (let tries = 0; !pattern.test(output); tries += 1) {
        if (tries >= 100) throw new Error(`hearth never printed ${pattern}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  await waitUntilReady(handle, child);
  return handle;
}

async function waitUntilReady(handle: HearthProcess, child: ChildProcess) {
  const deadline = Date.now() + START_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hearth start exited with ${child.exitCode}:\n${handle.output()}`);
    try {
      const response = await fetch(`${handle.url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await handle.kill();
  throw new Error(`hearth start was not ready within ${START_WITHIN_MS} ms:\n${handle.output()}`);
}

/** Runs a one-off `hearth` command (migrate, audit verify) to the end. */
export function runHearth(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [HEARTH, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A browser without JavaScript, over real HTTP: keeps cookies, puts the CSRF token of the last page it read into each
 * form it sends, and never follows redirects (a 303 is how Hearth says a form was saved).
 */
export class HttpFormClient {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  /** The same person against a new process (after a restart): the session lives in the database. */
  withBaseUrl(baseUrl: string): HttpFormClient {
    const copy = new HttpFormClient(baseUrl, this.timeoutMs);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    copy.csrf = this.csrf;
    return copy;
  }

  private async send(pathname: string, init: RequestInit) {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const body = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(body);
    if (token) this.csrf = token[1]!;
    return {
      status: response.status,
      location: response.headers.get('location') ?? '',
      retryAfter: response.headers.get('retry-after'),
      body,
    };
  }

  get(pathname: string) {
    return this.send(pathname, { method: 'GET' });
  }

  post(pathname: string, fields: Record<string, string>) {
    return this.send(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    });
  }

  /** Opens the form's page first, for its CSRF token, as a person would. */
  async submit(page: string, fields: Record<string, string>, action = page) {
    await this.get(page);
    return this.post(action, fields);
  }
}

/** A small deterministic generator (mulberry32), so that a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
