// Runs Hearth in a process of its own, started by `startHearthProcess()` in support.ts. In the bench's own process,
// Hearth would share an event loop with the scenario (and with the ceiling's bookkeeping), and a profile of it would
// hold the bench as well as Hearth.
import type { FastifyInstance } from 'fastify';
import { startHearth, type DatabaseKind } from './support.js';

export interface HearthProcessRequest {
  env: Record<string, string>;
  /** A module (file URL) and the name of a function it exports, called with the running app before any load. */
  prepare?: { module: string; exportName: string };
}

export type HearthProcessMessage = { ok: true; origin: string; database: DatabaseKind; prepared: unknown } | { ok: false; error: string };

type Prepare = (app: FastifyInstance) => Promise<unknown>;

async function serve(request: HearthProcessRequest): Promise<HearthProcessMessage> {
  const hearth = await startHearth(request.env);
  try {
    let prepared: unknown = null;
    if (request.prepare) {
      const module = (await import(request.prepare.module)) as Record<string, Prepare>;
      prepared = await module[request.prepare.exportName]!(hearth.app);
    }
    // Closing on disconnect as well, so that a scenario that dies does not leave Hearth holding its database.
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= hearth.close().finally(() => {
        if (process.connected) process.disconnect();
        // A handle left open somewhere must not keep the process (and its CPU profile) from finishing.
        setTimeout(() => process.exit(0), 5_000).unref();
      }));
    process.once('message', () => void close());
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
