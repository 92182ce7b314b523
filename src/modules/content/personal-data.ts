import type { PersonalDataHooks } from '../../platform/modules.js';

/**
 * What the content module holds about a person: only editors' work. Published text belongs to the charity and stays;
 * the person's name and address come off its history when their account is deleted.
 */
export const contentPersonalData: PersonalDataHooks = {
  async export({ platform: services }, userId) {
    const { db } = services;
    const revisions = await db
      .selectFrom('content_revisions as r')
      .innerJoin('content_items as i', 'i.id', 'r.item_id')
      .select(['r.item_id', 'r.number', 'r.note', 'r.created_at', 'i.type'])
      .where('r.created_by', '=', userId)
      .orderBy('r.created_at')
      .execute();
    const uploads = await db
      .selectFrom('content_uploads')
      .select(['id', 'kind', 'title', 'created_at'])
      .where('created_by', '=', userId)
      .execute();
    return {
      'Content you saved': revisions.map((r) => ({ item: r.item_id, type: r.type, revision: r.number, what: r.note, when: r.created_at })),
      'Files you uploaded': uploads.map((u) => ({ id: u.id, kind: u.kind, title: u.title, when: u.created_at })),
    };
  },
  async erase({ platform: services }, userId) {
    await services.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('content_revisions')
        .set({ created_by: null, created_by_label: 'a deleted account' })
        .where('created_by', '=', userId)
        .execute();
      await trx.updateTable('content_items').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx.updateTable('content_items').set({ updated_by: null }).where('updated_by', '=', userId).execute();
      await trx.updateTable('content_items').set({ submitted_by: null }).where('submitted_by', '=', userId).execute();
      await trx.updateTable('content_items').set({ approved_by: null }).where('approved_by', '=', userId).execute();
      await trx.updateTable('content_uploads').set({ created_by: null }).where('created_by', '=', userId).execute();
    });
  },
};
