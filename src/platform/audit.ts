import { sql } from 'kysely';
import { sha256 } from './crypto.js';
import type { Db } from './db/database.js';
import type { WriteWatch } from './db/write-watch.js';
import type { AuditLogTable } from './db/schema.js';
import type { Selectable } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { requirePrincipal } from './access.js';

/**
 * Who did something, as every audit entry records it: a person signed in, a visitor, or a command or job run by the
 * platform. Services that change something take one, and routes make it with `actorOf(request)`.
 */
export interface Actor {
  /** The account, or null for a visitor who is not signed in and for a command or a job. */
  id: string | null;
  /** Who, in words that stay meaningful after the account is deleted: the email address, or what ran. */
  label: string;
  ip: string | null;
  /** Where the person works, so that the audit of a practice record can be read organisation by organisation. */
  organisationId: string | null;
  teamId: string | null;
}

/** An actor with an account: what a service takes when the change is made in someone's name (an owner, an author). */
export type SignedInActor = Actor & { id: string };

export interface AuditEntry {
  actor: Actor;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  /** The organisation whose record this is, when it is not the actor's own (an administrator creating a team). */
  organisationId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export type AuditRow = Selectable<AuditLogTable>;

/** Who is acting in this request and from where. A visitor who is not signed in is "anonymous". */
export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (!principal) return { id: null, label: 'anonymous', ip: request.ip, organisationId: null, teamId: null };
  return personActor(principal, request.ip);
}

/** The actor for a route whose access rule lets in only people who are signed in. */
export function signedInActorOf(request: FastifyRequest): SignedInActor {
  return personActor(requirePrincipal(request), request.ip);
}

/** A person as an actor: the one signed in, or the one signing in, registering or confirming an address. */
export function personActor(
  person: { id: string; email: string; organisationId?: string | null; teamId?: string | null },
  ip: string | null,
): SignedInActor {
  return { id: person.id, label: person.email, ip, organisationId: person.organisationId ?? null, teamId: person.teamId ?? null };
}

/** What the platform does by itself (a command, a job, the demo), named so that a reader of the log knows what ran. */
export function systemActor(label: string): Actor {
  return { id: null, label, ip: null, organisationId: null, teamId: null };
}

const GENESIS = '0'.repeat(64);
// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_CHAIN_LOCK = 482_901_337;

/** The exact bytes that an entry's hash covers. Changing this breaks every existing chain, so never do. */
export function hashInput(prevHash: string, row: Omit<AuditRow, 'id' | 'hash' | 'prev_hash'>): string {
  return JSON.stringify([
    prevHash,
    new Date(row.at).toISOString(),
    row.actor_id,
    row.actor_label,
    row.action,
    row.subject_type,
    row.subject_id,
    row.organisation_id,
    row.ip,
    row.reason,
    canonical(row.details),
  ]);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * `writes` is the embedded database's write watch (null on PostgreSQL). There this process alone can open the database
 * and its transactions already take turns, so the chain needs no lock; and the chain's last hash, as this process
 * committed it, is used again for as long as nothing else has been written to the log.
 */
export function createAuditLog(db: Db, writes: WriteWatch | null = null) {
  const logGeneration = () => writes?.generation({ anyWrite: ['audit_log'] }) ?? null;
  let head: { hash: string; generation: number | null } | null = null;

  /**
   * Appends entries in order, each chained to the one before, inside the given transaction. Answers the new last hash
   * with the log's generation just after the insert, taken while the transaction still holds the embedded database.
   */
  async function append(tx: Db, entries: readonly AuditEntry[]) {
    // The advisory lock makes concurrent writers (other instances too) take turns, so each entry chains to the one
    // really before it.
    if (!writes) await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
    const known = writes && head && head.generation === logGeneration() ? head.hash : undefined;
    let prevHash =
      known ?? (await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst())?.hash ?? GENESIS;
    // Milliseconds only, because that is all a JavaScript Date can carry back out for verification.
    const at = new Date(Math.floor(Date.now()));
    const rows = entries.map((entry) => {
      const row = {
        at,
        actor_id: entry.actor.id,
        actor_label: entry.actor.label,
        action: entry.action,
        subject_type: entry.subjectType ?? null,
        subject_id: entry.subjectId ?? null,
        organisation_id: entry.organisationId ?? entry.actor.organisationId,
        ip: entry.actor.ip,
        reason: entry.reason ?? null,
        details: canonical(entry.details ?? {}) as Record<string, unknown>,
      };
      const hash = sha256(hashInput(prevHash, row));
      const written = { ...row, details: JSON.stringify(row.details), prev_hash: prevHash, hash };
      prevHash = hash;
      return written;
    });
    await tx.insertInto('audit_log').values(rows).execute();
    return { hash: prevHash, generation: logGeneration() };
  }

  /** Appends in a transaction of its own; once it commits, its last hash is the chain's head. */
  async function appendAlone(entries: readonly AuditEntry[]) {
    head = await db.transaction().execute((tx) => append(tx, entries));
  }

  // Entries that come with no transaction of their own (most are reads: a record opened, a dashboard seen) wait here
  // while one commit is under way, then go together in the next: one lock, one insert and one commit for all of them,
  // rather than each taking its turn at the lock. Each caller still resumes only once its entry is committed.
  let waiting: { entry: AuditEntry; done: () => void; failed: (error: unknown) => void }[] = [];
  let writing = false;
  const MOST_AT_ONCE = 500;

  async function writeWaiting() {
    writing = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, MOST_AT_ONCE);
        waiting = waiting.slice(batch.length);
        try {
          await appendAlone(batch.map((w) => w.entry));
          for (const w of batch) w.done();
        } catch {
          // One entry the database refuses must not take the others with it: each is tried alone.
          for (const w of batch) {
            await appendAlone([w.entry]).then(w.done, w.failed);
          }
        }
      }
    } finally {
      writing = false;
    }
  }

  /** Appends one entry. Pass a transaction to make the entry part of the change it describes. */
  async function record(entry: AuditEntry, trx?: Db): Promise<void> {
    if (trx?.isTransaction) {
      await append(trx, [entry]);
      return;
    }
    return new Promise<void>((done, failed) => {
      waiting.push({ entry, done, failed });
      if (!writing) void writeWaiting();
    });
  }

  /** Walks the whole chain in id order. Returns the first entry that does not match, or null when all do. */
  async function verify(): Promise<{ checked: number; firstBroken: { id: number; problem: string } | null }> {
    let prevHash = GENESIS;
    let afterId = 0;
    let checked = 0;
    for (;;) {
      const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(1000).execute();
      if (rows.length === 0) return { checked, firstBroken: null };
      for (const row of rows) {
        if (row.prev_hash !== prevHash) {
          return {
            checked,
            firstBroken: { id: row.id, problem: 'it does not point at the entry before it (an entry was removed or reordered)' },
          };
        }
        if (sha256(hashInput(prevHash, row)) !== row.hash) {
          return {
            checked,
            firstBroken: { id: row.id, problem: 'its contents do not match its hash (it was changed after it was written)' },
          };
        }
        prevHash = row.hash;
        afterId = row.id;
        checked += 1;
      }
    }
  }

  return { record, verify };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
