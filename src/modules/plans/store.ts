import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Contracts } from '../../platform/modules.js';
import type { PracticeChild, PracticeEvent, PracticeRecords, RefusedReason } from '../../platform/practice/records.js';
import type { Viewer } from '../../platform/practice/viewer.js';
import type { Services } from '../../platform/services.js';
import { formatDay } from '../../platform/time.js';
import { isUuid, type FieldError } from '../../platform/validation.js';
import type { PlansTable } from './schema.js';

export type PlanRow = Selectable<PlansTable>;
export type Refused = { ok: false; reason: RefusedReason };
export type Rejected = { ok: false; reason: 'invalid' | 'conflict'; errors: FieldError[] };
/** What a change to a plan comes to: done, refused like the child's record (hidden is a 404), or its mistakes. */
export type Changed<T> = ({ ok: true } & T) | Refused | Rejected;

const hidden: Refused = { ok: false, reason: 'hidden' };
export const invalid = (errors: FieldError[]): Rejected => ({ ok: false, reason: 'invalid', errors });
export const conflict = (field: string, text: string): Rejected => ({ ok: false, reason: 'conflict', errors: [{ field, text }] });

/** The chronology refused the event: the change it belongs to must not stand alone, so the transaction rolls back. */
class ChronologyRefused extends Error {
  constructor(readonly result: Refused | Rejected) {
    super('The chronology refused the plan’s event');
  }
}

function isUniqueViolation(error: unknown, index: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === index || !!e.message?.includes(index));
}

const PLAN_NAMES = { 'early-help': 'early help plan', 'child-in-need': 'child in need plan', 'child-protection': 'child protection plan' };
export const planName = (type: PlanRow['type']) => PLAN_NAMES[type];

/**
 * What every plans service shares: the child's record opened through the practice records contract (the one access
 * check), the plan found under that child alone, chronology events written in the change's own transaction, and the
 * audit entry of each read and change.
 */
export function createPlanStore(platform: Services, contracts: Contracts) {
  const { db, audit } = platform;

  /** The children's records, or null while the cases module is switched off: then no child opens. */
  const records = (): PracticeRecords | null => contracts.practiceRecords();

  async function openChild(viewer: Viewer, childId: string): Promise<{ ok: true; child: PracticeChild } | Refused> {
    return records()?.openChild(viewer, childId) ?? { ok: false, reason: 'hidden' };
  }

  /** A plan of this child: another child's plan, or no id at all, is answered as a missing one. */
  async function planOf(reader: Db, childId: string, planId: string, lock = false): Promise<PlanRow | undefined> {
    if (!isUuid(planId)) return undefined;
    return reader
      .selectFrom('plans')
      .selectAll()
      .where('id', '=', planId.toLowerCase())
      .where('child_id', '=', childId)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst();
  }

  /** Adds the plan's event to the child's chronology inside the change's transaction, or rolls the change back. */
  async function chronicle(trx: Db, viewer: Viewer, childId: string, event: PracticeEvent): Promise<void> {
    // Only reached after the child opened, which needs the records.
    const recorded = await records()!.recordEvent(viewer, childId, event, trx);
    if (recorded.ok) return;
    throw new ChronologyRefused(recorded.reason === 'invalid' ? invalid(recorded.errors) : { ok: false, reason: recorded.reason });
  }

  /** Runs a change in one transaction; a refused chronology event or a second current plan of a type undoes all of it. */
  async function inTransaction<T>(work: (trx: Db) => Promise<Changed<T>>): Promise<Changed<T>> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (error instanceof ChronologyRefused) return error.result;
      if (isUniqueViolation(error, 'plans_one_current_per_type')) {
        return conflict('type', 'The child already has a current plan of this type. End it before starting another');
      }
      throw error;
    }
  }

  /**
   * A change to one current plan of the child: the child opened for this viewer, then the plan locked in the change's
   * transaction, so that two reviews or an end at once take turns. An ended plan is kept as it ended.
   */
  async function changePlan<T>(
    viewer: Viewer,
    childId: string,
    planId: string,
    work: (trx: Db, plan: PlanRow, child: PracticeChild) => Promise<Changed<T>>,
  ): Promise<Changed<T>> {
    const opened = await openChild(viewer, childId);
    if (!opened.ok) return opened;
    return inTransaction(async (trx) => {
      const plan = await planOf(trx, childId, planId, true);
      if (!plan) return hidden;
      if (plan.ended_on) {
        return conflict('plan', `This plan ended on ${formatDay(plan.ended_on)}. An ended plan is kept as it was: start a new one instead`);
      }
      return work(trx, plan, opened.child);
    });
  }

  async function audited(viewer: Viewer, action: string, child: PracticeChild, details: Record<string, unknown>, trx?: Db): Promise<void> {
    await audit.record(
      { actor: viewer.actor, action, subjectType: 'child', subjectId: child.id, organisationId: child.organisationId, details },
      trx,
    );
  }

  return { db, records, openChild, planOf, chronicle, inTransaction, changePlan, audited };
}

export type PlanStore = ReturnType<typeof createPlanStore>;
