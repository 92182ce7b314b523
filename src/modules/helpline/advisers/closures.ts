import type { AuditLog, SignedInActor } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';

export interface Closure {
  date: string;
  reason: string;
}

/** Days the charity closes the line on top of the bank holidays. Adding or removing one is audited. */
export function createClosures(deps: { db: Db; audit: AuditLog }) {
  const { db, audit } = deps;

  async function list(from?: string): Promise<Closure[]> {
    let query = db.selectFrom('helpline_closures').select(['date', 'reason']).orderBy('date');
    if (from) query = query.where('date', '>=', from);
    return query.execute();
  }

  async function add(closure: Closure, actor: SignedInActor): Promise<{ ok: true } | { ok: false; reason: 'already-closed' }> {
    return db.transaction().execute(async (trx) => {
      const added = await trx
        .insertInto('helpline_closures')
        .values({ date: closure.date, reason: closure.reason, created_by: actor.id })
        .onConflict((oc) => oc.column('date').doNothing())
        .returning('date')
        .executeTakeFirst();
      if (!added) return { ok: false, reason: 'already-closed' } as const;
      await audit.record({ actor, action: 'helpline.closure.added', details: { ...closure } }, trx);
      return { ok: true } as const;
    });
  }

  async function remove(date: string, actor: SignedInActor): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
    return db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom('helpline_closures').where('date', '=', date).returning('reason').executeTakeFirst();
      if (!removed) return { ok: false, reason: 'not-found' } as const;
      await audit.record({ actor, action: 'helpline.closure.removed', details: { date, reason: removed.reason } }, trx);
      return { ok: true } as const;
    });
  }

  return { list, add, remove };
}
