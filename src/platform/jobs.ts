import os from 'node:os';
import { sql, type QueryCreator } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db/database.js';
import type { Database } from './db/schema.js';

export type JobHandler = (payload: Record<string, unknown>, job: { id: number; attempts: number }) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

function queuedJob(kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}) {
  return {
    kind,
    payload: JSON.stringify(payload),
    status: 'queued' as const,
    run_at: options.runAt ?? new Date(),
    ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
  };
}

/**
 * Queues a job of this kind unless one is already waiting: for a job whose every run does all the work outstanding
 * (telling watchers about every new post, say), so that a burst of changes costs one run rather than one each. It is
 * a query, not a call, so that it can run in the same statement as the change it is about. Two changes at the same
 * moment may each queue one; the second run then finds nothing left to do, which such a job must allow anyway.
 */
export function queueUnlessWaiting(db: QueryCreator<Database>, kind: string) {
  return db
    .insertInto('jobs')
    .columns(['kind', 'payload', 'status', 'run_at'])
    .expression(
      sql`select ${kind}, '{}'::jsonb, 'queued', now() where not exists (select 1 from jobs where kind = ${kind} and status = 'queued')`,
    );
}

export function createJobQueue(db: Db) {
  async function enqueue(kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}, trx?: Db) {
    const row = await (trx ?? db)
      .insertInto('jobs')
      .values(queuedJob(kind, payload, options))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  /** Queues the next run of each recurring job unless one is already queued. Safe to call from every worker. */
  async function ensureRecurring(jobs: readonly RecurringJob[], trx?: Db) {
    for (const job of jobs) {
      await (trx ?? db)
        .insertInto('jobs')
        .values({ kind: job.kind, payload: '{}', status: 'queued', run_at: new Date(), recurring_seconds: job.everySeconds })
        .onConflict((oc) => oc.column('kind').where('status', '=', 'queued').where('recurring_seconds', 'is not', null).doNothing())
        .execute();
    }
  }

  /**
   * A job still marked running long after it was claimed belonged to a worker that died. Put it back in the queue;
   * handlers are written to be safe to run twice for exactly this reason.
   */
  async function requeueStuck(olderThanMinutes = 15): Promise<number> {
    const result = await db
      .updateTable('jobs')
      .set({ status: 'queued', locked_by: null, locked_at: null, last_error: 'requeued: its worker stopped before finishing' })
      .where('status', '=', 'running')
      .where('locked_at', '<', new Date(Date.now() - olderThanMinutes * 60_000))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  return { enqueue, ensureRecurring, requeueStuck };
}

export interface RecurringJob {
  kind: string;
  everySeconds: number;
}

export type JobQueue = ReturnType<typeof createJobQueue>;

/** Seconds to wait before retry n: 30 s, 2 min, 8 min, 32 min, about 2 hours, then capped at 6 hours. */
export function backoffSeconds(attempt: number): number {
  return Math.min(30 * 4 ** (attempt - 1), 6 * 60 * 60);
}

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  log: FastifyBaseLogger;
  pollMs?: number;
  batchSize?: number;
  name?: string;
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED, so that any number of workers on any number of machines share one
 * table without taking the same job twice. The claim is its own short transaction: on PGlite an open transaction
 * would hold up every web request while a job ran.
 */
export function createWorker({ db, handlers, log, pollMs = 1000, batchSize = 10, name }: WorkerOptions) {
  const workerName = name ?? `${os.hostname()}:${process.pid}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function claim() {
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', new Date())
        .orderBy('run_at')
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      return trx
        .updateTable('jobs')
        .set({ status: 'running', locked_by: workerName, locked_at: new Date(), attempts: sql`attempts + 1` })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts', 'recurring_seconds'])
        .execute();
    });
  }

  type ClaimedJob = {
    id: number;
    kind: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
    recurring_seconds: number | null;
  };

  /** A recurring job is never retried: the next scheduled run is its retry. */
  async function finishRecurring(job: ClaimedJob, error: string | null) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('jobs')
        .set({ status: error ? 'failed' : 'done', finished_at: new Date(), locked_by: null, last_error: error })
        .where('id', '=', job.id)
        .execute();
      await trx
        .insertInto('jobs')
        .values({
          kind: job.kind,
          payload: JSON.stringify(job.payload),
          status: 'queued',
          run_at: new Date(Date.now() + job.recurring_seconds! * 1000),
          recurring_seconds: job.recurring_seconds,
        })
        .onConflict((oc) => oc.column('kind').where('status', '=', 'queued').where('recurring_seconds', 'is not', null).doNothing())
        .execute();
    });
  }

  async function runOne(job: ClaimedJob) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind "${job.kind}".`);
      await handler(job.payload, { id: job.id, attempts: job.attempts });
      if (job.recurring_seconds !== null) return await finishRecurring(job, null);
      await db
        .updateTable('jobs')
        .set({ status: 'done', finished_at: new Date(), locked_by: null, last_error: null })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.recurring_seconds !== null) {
        log.warn({ jobId: job.id, kind: job.kind, err: message }, 'recurring job failed; it will run again at its next time');
        return finishRecurring(job, message.slice(0, 2000));
      }
      const giveUp = job.attempts >= job.max_attempts;
      log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, giveUp, err: message }, 'job failed');
      await db
        .updateTable('jobs')
        .set({
          status: giveUp ? 'failed' : 'queued',
          run_at: new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
          locked_by: null,
          last_error: message.slice(0, 2000),
          ...(giveUp ? { finished_at: new Date() } : {}),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }

  /** Runs every job that is due now, batch by batch, and returns how many ran. */
  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await claim();
      if (jobs.length === 0) return total;
      for (const job of jobs) await runOne(job);
      total += jobs.length;
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = drain().catch((error: unknown) => {
        log.error({ err: error }, 'job worker could not claim jobs');
        return 0;
      });
      void running.finally(() => schedule());
    }, pollMs);
    timer.unref();
  }

  return {
    drain,
    start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
