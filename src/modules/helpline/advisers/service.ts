import { sql } from 'kysely';
import type { AuditLog, SignedInActor } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import { LONDON_TIME_ZONE } from '../../../platform/time.js';

/** What happened when an adviser rang. Codes are stored; labels are what advisers and managers read. */
export const OUTCOMES = [
  { code: 'advice-given', label: 'Spoke to the caller and gave advice' },
  { code: 'referred', label: 'Spoke to the caller and referred them elsewhere' },
  { code: 'call-back-later', label: 'Spoke to the caller, who asked us to call again later' },
  { code: 'message-left', label: 'No answer: left a message' },
  { code: 'no-answer', label: 'No answer: no message left' },
  { code: 'wrong-number', label: 'Wrong number, or the number did not work' },
] as const;
export type OutcomeCode = (typeof OUTCOMES)[number]['code'];

export interface CallLog {
  outcome: OutcomeCode;
  topics: string[];
  notes: string;
  /** Null closes the request; a time puts it back in the queue, due then. */
  followUpAt: Date | null;
}

export type LogOutcome = { ok: true; closed: boolean } | { ok: false; reason: 'not-yours' | 'not-found' };
/** Claiming: `taken` when someone else got there first (or the request has gone). */
export type ClaimOutcome = { ok: true } | { ok: false; reason: 'taken' };
/** Releasing: `not-yours` when this adviser does not hold the request. */
export type ReleaseOutcome = { ok: true } | { ok: false; reason: 'not-yours' };

export function createAdviserWork(deps: { db: Db; audit: AuditLog }) {
  const { db, audit } = deps;

  /**
   * Requests still to be called, the most overdue first. Only what is needed to choose one: the caller's details are
   * shown, and audited, one request at a time.
   */
  async function queue() {
    return db
      .selectFrom('helpline_callbacks as c')
      .leftJoin('users as u', 'u.id', 'c.claimed_by')
      .select([
        'c.id',
        'c.reference',
        'c.due_at',
        'c.slot_starts_at',
        'c.status',
        'c.claimed_by',
        'u.email as claimed_by_email',
        'c.first_called_at',
        'c.open_for_number',
      ])
      .where('c.status', '!=', 'closed')
      .where('c.purged_at', 'is', null)
      .orderBy('c.due_at')
      .orderBy('c.created_at')
      .limit(500)
      .execute();
  }

  /** Takes a waiting request for this adviser, unless someone else took it first. */
  async function claim(id: string, actor: SignedInActor): Promise<ClaimOutcome> {
    return db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('helpline_callbacks')
        .set({ status: 'claimed', claimed_by: actor.id, claimed_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'waiting')
        .where('purged_at', 'is', null)
        .returning('reference')
        .executeTakeFirst();
      if (!claimed) return { ok: false, reason: 'taken' } as const;
      await audit.record(
        {
          actor,
          action: 'helpline.callback.claimed',
          subjectType: 'helpline-callback',
          subjectId: id,
          details: { reference: claimed.reference },
        },
        trx,
      );
      return { ok: true } as const;
    });
  }

  /** Puts a request this adviser holds back in the queue, unchanged. */
  async function release(id: string, actor: SignedInActor): Promise<ReleaseOutcome> {
    return db.transaction().execute(async (trx) => {
      const released = await trx
        .updateTable('helpline_callbacks')
        .set({ status: 'waiting', claimed_by: null, claimed_at: null })
        .where('id', '=', id)
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', actor.id)
        .returning('reference')
        .executeTakeFirst();
      if (!released) return { ok: false, reason: 'not-yours' } as const;
      await audit.record(
        {
          actor,
          action: 'helpline.callback.released',
          subjectType: 'helpline-callback',
          subjectId: id,
          details: { reference: released.reference },
        },
        trx,
      );
      return { ok: true } as const;
    });
  }

  /** A request with the caller's details and the calls so far. Every look is audited, because it shows a family's details. */
  async function open(id: string, actor: SignedInActor) {
    const callback = await db.selectFrom('helpline_callbacks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!callback) return undefined;
    await audit.record({
      actor,
      action: 'helpline.callback.viewed',
      subjectType: 'helpline-callback',
      subjectId: id,
      details: { reference: callback.reference },
    });
    const calls = await db
      .selectFrom('helpline_calls as k')
      .leftJoin('users as u', 'u.id', 'k.adviser_id')
      .select(['k.id', 'k.outcome', 'k.topics', 'k.notes', 'k.follow_up_at', 'k.created_at', 'u.email as adviser_email'])
      .where('k.callback_id', '=', id)
      .orderBy('k.created_at')
      .execute();
    return { callback, calls };
  }

  /** Records a call on a request this adviser holds, then closes the request or sets its follow-up. */
  async function logCall(id: string, log: CallLog, actor: SignedInActor): Promise<LogOutcome> {
    return db.transaction().execute(async (trx): Promise<LogOutcome> => {
      const callback = await trx
        .selectFrom('helpline_callbacks')
        .select(['status', 'claimed_by', 'reference'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!callback) return { ok: false, reason: 'not-found' };
      if (callback.status !== 'claimed' || callback.claimed_by !== actor.id) return { ok: false, reason: 'not-yours' };
      const now = new Date();
      await trx
        .insertInto('helpline_calls')
        .values({
          callback_id: id,
          adviser_id: actor.id,
          outcome: log.outcome,
          topics: JSON.stringify(log.topics),
          notes: log.notes || null,
          follow_up_at: log.followUpAt,
        })
        .execute();
      const closed = log.followUpAt === null;
      await trx
        .updateTable('helpline_callbacks')
        .set({
          first_called_at: sql`coalesce(first_called_at, ${now})`,
          ...(closed
            ? { status: 'closed', closed_at: now }
            : { status: 'waiting', due_at: log.followUpAt!, claimed_by: null, claimed_at: null }),
        })
        .where('id', '=', id)
        .execute();
      await audit.record(
        {
          actor,
          action: closed ? 'helpline.callback.closed' : 'helpline.callback.follow-up-set',
          subjectType: 'helpline-callback',
          subjectId: id,
          details: {
            reference: callback.reference,
            outcome: log.outcome,
            topics: log.topics,
            ...(closed ? {} : { followUpAt: log.followUpAt!.toISOString() }),
          },
        },
        trx,
      );
      return { ok: true, closed };
    });
  }

  /**
   * For managers: requests and calls week by week (weeks start on Monday, London time), and how long callers waited.
   * "After the slot" is from the start of the chosen slot to the first call: how late the line ran.
   */
  async function weeklyFigures(weeks = 8, now = new Date()) {
    const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
    const rows = await sql<{
      week: string;
      requests: number;
      called: number;
      closed: number;
      median_minutes_after_slot: number | null;
      longest_minutes_after_slot: number | null;
      mean_hours_request_to_call: number | null;
    }>`
      select to_char(date_trunc('week', created_at at time zone ${sql.lit(LONDON_TIME_ZONE)}), 'YYYY-MM-DD') as week,
        count(*)::int as requests,
        count(first_called_at)::int as called,
        count(*) filter (where status = 'closed')::int as closed,
        percentile_cont(0.5) within group (order by extract(epoch from (first_called_at - slot_starts_at)) / 60)
          filter (where first_called_at is not null) as median_minutes_after_slot,
        max(extract(epoch from (first_called_at - slot_starts_at)) / 60) as longest_minutes_after_slot,
        avg(extract(epoch from (first_called_at - created_at)) / 3600) as mean_hours_request_to_call
      from helpline_callbacks
      where created_at >= ${since}
      group by 1
      order by 1 desc`.execute(db);
    const topics = await sql<{ topic: string; calls: number }>`
      select topic, count(*)::int as calls
      from helpline_calls, jsonb_array_elements_text(topics) as topic
      where created_at >= ${since}
      group by topic
      order by calls desc, topic`.execute(db);
    const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
    return {
      weeks: rows.rows.map((row) => ({
        week: row.week,
        requests: Number(row.requests),
        called: Number(row.called),
        closed: Number(row.closed),
        medianMinutesAfterSlot: number(row.median_minutes_after_slot),
        longestMinutesAfterSlot: number(row.longest_minutes_after_slot),
        meanHoursRequestToCall: number(row.mean_hours_request_to_call),
      })),
      topics: topics.rows.map((row) => ({ topic: row.topic, calls: Number(row.calls) })),
    };
  }

  return { queue, claim, release, open, logCall, weeklyFigures };
}
