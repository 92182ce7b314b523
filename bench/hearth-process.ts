// Runs Hearth in a process of its own, started by `startHearthProcess()` in support.ts. In the bench's own process,
// Hearth would share an event loop with the scenario (and with the ceiling's bookkeeping), and a profile of it would
// hold the bench as well as Hearth.
import fs from 'node:fs/promises';
import inspector from 'node:inspector';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startHearth, type DatabaseKind } from './support.js';

export interface HearthProcessRequest {
  env: Record<string, string>;
  /** A module (file URL) and the name of a function it exports, called with the running app before any load. */
  prepare?: { module: string; exportName: string };
}

export type HearthProcessMessage = { ok: true; origin: string; database: DatabaseKind; prepared: unknown } | { ok: false; error: string };

export type HearthProcessCommand = 'cpu-usage' | 'close';

type Prepare = (app: FastifyInstance) => Promise<unknown>;

/**
 * With BENCH_CPU_PROFILE=<directory>, profiles Hearth from when it is ready until it is told to close, as
 * `node --cpu-prof` would but without the start-up (migrations, demo data, compiling TypeScript), which would
 * otherwise outweigh the load being studied. Returns a function that writes the .cpuprofile.
 */
async function startProfiling(): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return async () => {};
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `hearth-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.cpuprofile`);
    await fs.writeFile(file, JSON.stringify(profile));
  };
}

async function serve(request: HearthProcessRequest): Promise<HearthProcessMessage> {
  const hearth = await startHearth(request.env);
  try {
    let prepared: unknown = null;
    if (request.prepare) {
      const module = (await import(request.prepare.module)) as Record<string, Prepare>;
      prepared = await module[request.prepare.exportName]!(hearth.app);
    }
    const stopProfiling = await startProfiling();
    // Closing on disconnect as well, so that a scenario that dies does not leave Hearth holding its database.
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= stopProfiling()
        .catch((error: unknown) => console.error('The CPU profile could not be written:', error))
        .then(() => hearth.close())
        .finally(() => {
          if (process.connected) process.disconnect();
          // A handle left open somewhere must not keep the process (and its CPU profile) from finishing.
          setTimeout(() => process.exit(0), 5_000).unref();
        }));
    process.on('message', (message: HearthProcessCommand) => {
      // CPU time per request varies far less with the machine's other load than requests per second do.
      if (message === 'cpu-usage') process.send!({ cpuUsage: process.cpuUsage() });
      else void close();
    });
    process.once('disconnect', () => void close());
    return { ok: true, origin: hearth.origin, database: hearth.database, prepared };
  } catch (error) {
    await hearth.close();
    throw error;
  }
}

// Started by fork(): take one request, start Hearth, say where it listens, and close it when told to (or left alone).
if (process.send) {
  process.once('message', (request: HearthProcessRequest) => {
    serve(request).then(
      (message) => process.send!(message),
      (error: unknown) =>
        process.send!(
          { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies HearthProcessMessage,
          () => process.disconnect(),
        ),
    );
  });
}
