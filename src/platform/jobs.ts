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

/**
 * Recurring jobs that earlier versions queued and that no longer exist: a recurring job queues its own next run, so
 * one left queued would fail for want of a handler at every turn. `jobs.requeue-stuck` is now the worker's lease.
 */
const RETIRED_RECURRING_KINDS = ['jobs.requeue-stuck'];

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
    await (trx ?? db)
      .deleteFrom('jobs')
      .where('kind', 'in', RETIRED_RECURRING_KINDS)
      .where('status', '=', 'queued')
      .where('recurring_seconds', 'is not', null)
      .execute();
    for (const job of jobs) {
      await (trx ?? db)
        .insertInto('jobs')
        .values({ kind: job.kind, payload: '{}', status: 'queued', run_at: new Date(), recurring_seconds: job.everySeconds })
        .onConflict((oc) => oc.column('kind').where('status', '=', 'queued').where('recurring_seconds', 'is not', null).doNothing())
        .execute();
    }
  }

  return { enqueue, ensureRecurring };
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

/**
 * How long a claimed job stays its worker's without word from it. A working worker renews the lease of every job it
 * holds three times a lease; one that died (killed, its machine gone) stops renewing, and once the lease has run out
 * any worker takes the job again. Handlers are written to be safe to run twice for exactly this reason.
 */
export const DEFAULT_LEASE_SECONDS = 300;

/**
 * How long a stopping worker waits for the job under way before handing it back. A platform that sends SIGTERM sends
 * SIGKILL about 10 s later, and `hearth` gives up at 8 s (main.ts): this leaves time to hand the job back and close.
 */
export const FINISH_WITHIN_MS = 5000;

/**
 * A recurring job is never put back in the queue: another worker starting meanwhile may have queued its next run
 * already (ensureRecurring), and there is only ever one. Its next run is queued now instead, unless there is one.
 */
async function queueNextRuns(db: Db, jobs: readonly { kind: string; payload: unknown; recurring_seconds: number | null }[]) {
  for (const job of jobs) {
    if (job.recurring_seconds === null) continue;
    await db
      .insertInto('jobs')
      .values({
        kind: job.kind,
        payload: JSON.stringify(job.payload),
        status: 'queued',
        run_at: new Date(),
        recurring_seconds: job.recurring_seconds,
      })
      .onConflict((oc) => oc.column('kind').where('status', '=', 'queued').where('recurring_seconds', 'is not', null).doNothing())
      .execute();
  }
}

/**
 * Puts back in the queue the jobs whose lease ran out: their worker stopped before finishing. A job that has used its
 * every attempt this way (it takes its worker down each time, say) fails instead, so that it cannot do so for ever.
 */
export async function releaseExpiredLeases(db: Db, leaseSeconds: number): Promise<number> {
  // The worker's clock, as locked_at is written by the worker's clock.
  const lapsedBefore = new Date(Date.now() - leaseSeconds * 1000);
  const requeued = await db
    .updateTable('jobs')
    .set({ status: 'queued', locked_by: null, locked_at: null, run_at: new Date(), last_error: 'its worker stopped before finishing' })
    .where('status', '=', 'running')
    .where('locked_at', '<', lapsedBefore)
    .where('recurring_seconds', 'is', null)
    .where('attempts', '<', sql<number>`max_attempts`)
    .executeTakeFirst();
  const failed = await db
    .updateTable('jobs')
    .set({ status: 'failed', locked_by: null, finished_at: new Date(), last_error: 'its worker stopped before finishing' })
    .where('status', '=', 'running')
    .where('locked_at', '<', lapsedBefore)
    .returning(['kind', 'payload', 'recurring_seconds'])
    .execute();
  await queueNextRuns(db, failed);
  return Number(requeued.numUpdatedRows) + failed.length;
}

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  log: FastifyBaseLogger;
  pollMs?: number;
  batchSize?: number;
  name?: string;
  leaseSeconds?: number;
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED, so that any number of workers on any number of machines share one
 * table without taking the same job twice. The claim is its own short transaction: on PGlite an open transaction
 * would hold up every web request while a job ran. A claim is a lease (DEFAULT_LEASE_SECONDS), renewed while the
 * worker lives; a worker told to stop runs no further job and hands back at once the jobs it claimed but had not begun.
 */
export function createWorker({
  db,
  handlers,
  log,
  pollMs = 1000,
  batchSize = 10,
  name,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
}: WorkerOptions) {
  const workerName = name ?? `${os.hostname()}:${process.pid}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let stopping: Promise<void> | undefined;
  /** Jobs this worker has claimed and not yet finished or handed back, and the one of them under way. */
  const held = new Set<number>();
  let underWay: number | undefined;
  // Looking for expired leases every poll would be a query a second per worker for something that happens rarely.
  const leaseCheckMs = Math.min(leaseSeconds * 500, 60_000);
  let leasesCheckedAt = 0;

  async function claim() {
    if (Date.now() - leasesCheckedAt >= leaseCheckMs) {
      leasesCheckedAt = Date.now();
      const released = await releaseExpiredLeases(db, leaseSeconds);
      if (released > 0) log.warn({ released }, 'jobs whose worker stopped before finishing went back in the queue');
    }
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

  /** Only while this worker still holds it: a job handed back, or taken by another worker after a lapse, is not ours. */
  const ours = (id: number) =>
    db.updateTable('jobs').where('id', '=', id).where('locked_by', '=', workerName).where('status', '=', 'running');

  async function renewLeases() {
    if (held.size === 0) return;
    await db
      .updateTable('jobs')
      .set({ locked_at: new Date() })
      .where('id', 'in', [...held])
      .where('locked_by', '=', workerName)
      .where('status', '=', 'running')
      .execute();
  }

  /**
   * Hands jobs back to the queue for any worker to take now. A job not yet begun gets its attempt back; one cut short
   * keeps it, so that a job that never finishes in time still runs out of attempts.
   */
  async function handBack(ids: number[], begun: boolean) {
    for (const id of ids) held.delete(id);
    if (ids.length === 0) return;
    await db
      .updateTable('jobs')
      .set({
        status: 'queued',
        locked_by: null,
        locked_at: null,
        run_at: new Date(),
        ...(begun ? { last_error: 'its worker stopped before the job finished' } : { attempts: sql`attempts - 1` }),
      })
      .where('id', 'in', ids)
      .where('locked_by', '=', workerName)
      .where('status', '=', 'running')
      .where('recurring_seconds', 'is', null)
      .execute();
    // A recurring run not begun leaves no trace; one cut short is recorded as failed. Either way its next run is queued.
    const recurring = begun
      ? await db
          .updateTable('jobs')
          .set({ status: 'failed', locked_by: null, finished_at: new Date(), last_error: 'its worker stopped before the job finished' })
          .where('id', 'in', ids)
          .where('locked_by', '=', workerName)
          .where('status', '=', 'running')
          .returning(['kind', 'payload', 'recurring_seconds'])
          .execute()
      : await db
          .deleteFrom('jobs')
          .where('id', 'in', ids)
          .where('locked_by', '=', workerName)
          .where('status', '=', 'running')
          .returning(['kind', 'payload', 'recurring_seconds'])
          .execute();
    await queueNextRuns(db, recurring);
  }

  const notBegun = () => [...held].filter((id) => id !== underWay);

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
      const finished = await trx
        .updateTable('jobs')
        .set({ status: error ? 'failed' : 'done', finished_at: new Date(), locked_by: null, last_error: error })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerName)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(finished.numUpdatedRows) === 0) return;
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
      await ours(job.id).set({ status: 'done', finished_at: new Date(), locked_by: null, last_error: null }).execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.recurring_seconds !== null) {
        log.warn({ jobId: job.id, kind: job.kind, err: message }, 'recurring job failed; it will run again at its next time');
        return finishRecurring(job, message.slice(0, 2000));
      }
      const giveUp = job.attempts >= job.max_attempts;
      log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, giveUp, err: message }, 'job failed');
      await ours(job.id)
        .set({
          status: giveUp ? 'failed' : 'queued',
          run_at: new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
          locked_by: null,
          last_error: message.slice(0, 2000),
          ...(giveUp ? { finished_at: new Date() } : {}),
        })
        .execute();
    }
  }

  /** Runs every job that is due now, batch by batch, and returns how many ran; stops early once told to stop. */
  async function drain(): Promise<number> {
    let total = 0;
    const renewal = setInterval(() => {
      renewLeases().catch((error: unknown) => log.error({ err: error }, 'job worker could not renew its leases'));
    }, leaseSeconds * 333);
    renewal.unref();
    try {
      while (!stopping) {
        const jobs = await claim();
        for (const job of jobs) held.add(job.id);
        for (const job of jobs) {
          if (stopping) break;
          underWay = job.id;
          await runOne(job);
          underWay = undefined;
          held.delete(job.id);
          total += 1;
        }
        if (stopping) await handBack(notBegun(), false);
        if (jobs.length === 0) return total;
      }
      return total;
    } finally {
      underWay = undefined;
      clearInterval(renewal);
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

  /**
   * Claims nothing more and hands back at once the jobs claimed but not begun; waits up to `finishWithinMs` for the
   * job under way, and hands that back too if it has not finished, to run again elsewhere. Calling it again while it
   * stops waits for the same stop.
   */
  async function stopWorking(finishWithinMs: number) {
    stopped = true;
    if (timer) clearTimeout(timer);
    await handBack(notBegun(), false);
    if (!running) return;
    let waited: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      running.then(() => true),
      new Promise<boolean>((resolve) => (waited = setTimeout(() => resolve(false), finishWithinMs))),
    ]);
    clearTimeout(waited);
    if (!finished) {
      log.warn({ jobs: [...held] }, 'a job was still under way when the worker stopped; it goes back in the queue');
      await handBack([...held], true);
    }
  }

  return {
    drain,
    start() {
      stopped = false;
      stopping = undefined;
      schedule();
    },
    stop(finishWithinMs = FINISH_WITHIN_MS): Promise<void> {
      stopping ??= stopWorking(finishWithinMs);
      return stopping;
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
