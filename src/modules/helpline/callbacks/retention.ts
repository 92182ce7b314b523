import { systemActor, type AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { Mailer } from '../../../platform/mail.js';

/** The day a request made at `now` minus this many months stops being kept, in whole calendar months. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Empties the personal details of requests older than the retention period: the caller's name, number, email, needs,
 * reason and the advisers' notes. What stays (dates, outcomes, topics) carries no one's identity and feeds the weekly
 * figures. A request still open that old is closed too. The emails Hearth wrote to those callers go as well (only
 * those written before the cutoff, so the email about a newer request from the same person stays). Safe to run twice;
 * each run is audited with its count.
 */
export async function purgeExpiredCallbacks(
  deps: { db: Db; audit: AuditLog; mailer: Pick<Mailer, 'eraseTo'> },
  months: number,
  now = new Date(),
): Promise<number> {
  const cutoff = retentionCutoff(now, months);
  return deps.db.transaction().execute(async (trx) => {
    const addresses = await trx
      .selectFrom('helpline_callbacks')
      .select('email')
      .where('created_at', '<', cutoff)
      .where('purged_at', 'is', null)
      .where('email', 'is not', null)
      .execute();
    const purged = await trx
      .updateTable('helpline_callbacks')
      .set({
        name: null,
        phone: null,
        email: null,
        needs: null,
        reason: null,
        safe_to_leave_message: null,
        for_someone_else: null,
        status: 'closed',
        claimed_by: null,
        closed_at: now,
        purged_at: now,
      })
      .where('created_at', '<', cutoff)
      .where('purged_at', 'is', null)
      .returning('id')
      .execute();
    const ids = purged.map((row) => row.id);
    if (ids.length > 0) await trx.updateTable('helpline_calls').set({ notes: null }).where('callback_id', 'in', ids).execute();
    const emails = await deps.mailer.eraseTo(
      addresses.map((row) => row.email!),
      { before: cutoff },
      trx,
    );
    await deps.audit.record(
      {
        actor: systemActor('hearth job helpline.purge'),
        action: 'helpline.purged',
        details: { requests: ids.length, emails, createdBefore: cutoff.toISOString(), retentionMonths: months },
      },
      trx,
    );
    return ids.length;
  });
}
