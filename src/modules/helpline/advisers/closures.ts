import type { AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { Actor } from './service.js';

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

  /** False if the day is already closed. */
  async function add(closure: Closure, actor: Actor): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const added = await trx
        .insertInto('helpline_closures')
        .values({ date: closure.date, reason: closure.reason, created_by: actor.principal.id })
        .onConflict((oc) => oc.column('date').doNothing())
        .returning('date')
        .executeTakeFirst();
      if (!added) return false;
      await audit.record(
        {
          actorId: actor.principal.id,
          actorLabel: actor.principal.email,
          ip: actor.ip,
          action: 'helpline.closure.added',
          details: { ...closure },
        },
        trx,
      );
      return true;
    });
  }

  async function remove(date: string, actor: Actor): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom('helpline_closures').where('date', '=', date).returning('reason').executeTakeFirst();
      if (!removed) return false;
      await audit.record(
        {
          actorId: actor.principal.id,
          actorLabel: actor.principal.email,
          ip: actor.ip,
          action: 'helpline.closure.removed',
          details: { date, reason: removed.reason },
        },
        trx,
      );
      return true;
    });
  }

  return { list, add, remove };
}
