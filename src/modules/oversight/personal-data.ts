import type { Services } from '../../platform/services.js';

/**
 * What oversight holds about a member of staff: what they recorded, proposed, approved, raised and answered. Deleting
 * the account keeps the records for the child (they are the child's, and the local authority's to keep), without the
 * name: the columns are set to null, which the four-eyes check allows.
 */
export function createPersonalData({ db }: Pick<Services, 'db'>) {
  async function exportFor(userId: string) {
    const [supervision, proposed, approved, raised, answered] = await Promise.all([
      db
        .selectFrom('oversight_supervisions')
        .select(['child_id as child', 'held_on as heldOn', 'attendees', 'discussion', 'actions', 'recorded_at as recordedAt'])
        .where('recorded_by', '=', userId)
        .execute(),
      db
        .selectFrom('oversight_decisions')
        .select(['child_id as child', 'decision', 'rationale', 'status', 'proposed_at as proposedAt'])
        .where('proposed_by', '=', userId)
        .execute(),
      db
        .selectFrom('oversight_decisions')
        .select(['child_id as child', 'decision', 'status', 'approver_note as note', 'approved_at as answeredAt'])
        .where('approver_id', '=', userId)
        .execute(),
      db
        .selectFrom('oversight_challenges')
        .select(['child_id as child', 'level', 'concern', 'raised_at as raisedAt'])
        .where('raised_by', '=', userId)
        .execute(),
      db
        .selectFrom('oversight_challenges')
        .select(['child_id as child', 'level', 'answer', 'answered_at as answeredAt'])
        .where('answered_by', '=', userId)
        .execute(),
    ]);
    return {
      'Supervision sessions you recorded': supervision,
      'Management decisions you proposed': proposed,
      'Management decisions you approved or did not approve': approved,
      'Challenges you raised': raised,
      'Challenges you answered': answered,
    };
  }

  async function erase(userId: string) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('oversight_supervisions').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
      await trx.updateTable('oversight_decisions').set({ proposed_by: null }).where('proposed_by', '=', userId).execute();
      await trx.updateTable('oversight_decisions').set({ approver_id: null }).where('approver_id', '=', userId).execute();
      await trx.updateTable('oversight_challenges').set({ raised_by: null }).where('raised_by', '=', userId).execute();
      await trx.updateTable('oversight_challenges').set({ answered_by: null }).where('answered_by', '=', userId).execute();
    });
  }

  return { exportFor, erase };
}
