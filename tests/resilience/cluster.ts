import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The parts of a scale-out test that are not Hearth: a small round-robin load balancer in front of the instances, and
 * `hearth worker` processes beside them.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const HEARTH = path.join(ROOT, 'bin', 'hearth.mjs');
const START_WITHIN_MS = 90_000;

export interface LoadBalancer {
  url: string;
  /** Which instance (its index in the list) each request went to, in order. */
  served: number[];
  close(): Promise<void>;
}

/**
 * Sends each request to the next instance in turn, whatever connection it came on, with no stickiness: as a load
 * balancer that knows nothing of sessions does. It forwards the request as it came, like a TCP balancer would.
 */
export async function startRoundRobin(instances: readonly string[]): Promise<LoadBalancer> {
  const served: number[] = [];
  let next = 0;
  const server = http.createServer((request, response) => {
    const index = next;
    next = (next + 1) % instances.length;
    served.push(index);
    const target = new URL(instances[index]!);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface WorkerProcess {
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `hearth worker` and resolves once it has said it started (its log must be at `info` for that). */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [HEARTH, 'worker'], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const deadline = Date.now() + START_WITHIN_MS;
  while (!output.includes('worker started')) {
    if (child.exitCode !== null) throw new Error(`hearth worker exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`hearth worker did not start within ${START_WITHIN_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { output: () => output, stop };
}

/** Waits for something another process does; fails, saying what never happened, if it does not come. */
export async function eventually(what: string, done: () => Promise<boolean> | boolean, withinMs = 30_000) {
  const deadline = Date.now() + withinMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
