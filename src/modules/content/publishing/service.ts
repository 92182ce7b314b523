import { systemActor, type Actor } from '../../../platform/audit.js';
import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { JobQueue } from '../../../platform/jobs.js';
import { markdownToText } from '../../../platform/markdown.js';
import { indexForSearch } from '../search/search-index.js';
import { CONTENT_TYPES, authorSlug, type ContentFields, type ContentType } from '../types.js';
import { createContentItems, type Conflict, type ContentItem, type Outcome, type Refusal } from './items.js';

export const SCHEDULED_PUBLISH_JOB = 'content.publish-scheduled';

const refuse = (reason: string, field?: string): Refusal => ({ ok: false, reason, ...(field ? { field } : {}) });

/**
 * The publishing workflow: drafts, revisions, review, a second editor's approval, publishing now or later, and
 * unpublishing. Every action is audited in the same transaction as the change. `onPublicChange` runs after anything
 * visitors can see has changed (it empties the page cache).
 */
export function createContentWorkflow(
  db: Db,
  audit: AuditLog,
  jobs: JobQueue,
  options: { secondApproval: boolean; onPublicChange: () => Promise<void> },
) {
  const needsApproval = (type: ContentType) => options.secondApproval && CONTENT_TYPES[type].needsApproval;

  const items = createContentItems(db);
  const { find, revision } = items;

  async function addRevision(trx: Db, itemId: string, number: number, fields: ContentFields, note: string, actor: Actor) {
    await trx
      .insertInto('content_revisions')
      .values({ item_id: itemId, number, fields: JSON.stringify(fields), note, created_by: actor.id, created_by_label: actor.label })
      .execute();
  }

  async function record(trx: Db, actor: Actor, action: string, itemId: string, details: Record<string, unknown> = {}) {
    await audit.record({ actor, action, subjectType: 'content', subjectId: itemId, details }, trx);
  }

  async function create(fields: ContentFields, actor: Actor): Promise<string> {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('content_items')
        .values({ type: fields.type, fields: JSON.stringify(fields), state: 'draft', created_by: actor.id, updated_by: actor.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addRevision(trx, row.id, 1, fields, 'Created', actor);
      await record(trx, actor, 'content.created', row.id, { type: fields.type, title: fields.title });
      return row.id;
    });
  }

  /**
   * Saves the editor's copy if nobody else saved since they opened it. If someone did, their text is kept as a
   * revision that was not applied, so nothing is lost, and the editor is told who saved first.
   */
  async function save(
    id: string,
    fields: ContentFields,
    expectedVersion: number,
    actor: Actor,
    note = 'Saved',
  ): Promise<Outcome<{ version: number }> | Conflict> {
    return db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('content_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current) return refuse('This item no longer exists');
      if (current.type !== fields.type) return refuse('The type of an item cannot change', 'type');
      if (current.version !== expectedVersion) {
        const by = current.updated_by
          ? ((await trx.selectFrom('users').select('email').where('id', '=', current.updated_by).executeTakeFirst())?.email ??
            'another editor')
          : 'another editor';
        const number = await nextRevision(trx, id);
        await addRevision(trx, id, number, fields, `Not applied: ${actor.label} saved over a newer version`, actor);
        await record(trx, actor, 'content.save-conflict', id, { expectedVersion, actualVersion: current.version, keptAsRevision: number });
        return { ok: false, conflict: { by, at: current.updated_at, keptAsRevision: number } } satisfies Conflict;
      }
      const version = current.version + 1;
      // A change after approval needs approving again; a change to a scheduled item stops the schedule.
      await trx
        .updateTable('content_items')
        .set({ fields: JSON.stringify(fields), version, state: 'draft', scheduled_for: null, updated_by: actor.id, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await addRevision(trx, id, await nextRevision(trx, id), fields, note, actor);
      await record(trx, actor, 'content.saved', id, { version, note });
      return { ok: true, version };
    });
  }

  async function nextRevision(trx: Db, id: string): Promise<number> {
    const row = await trx
      .selectFrom('content_revisions')
      .select(sql<number>`coalesce(max(number), 0) + 1`.as('next'))
      .where('item_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.next);
  }

  async function submit(id: string, actor: Actor): Promise<Outcome> {
    return db.transaction().execute(async (trx) => {
      const item = await find(id, trx);
      if (!item) return refuse('This item no longer exists');
      if (item.state !== 'draft') return refuse(`Only a draft can be sent for review; this item is ${item.state}`);
      await trx
        .updateTable('content_items')
        .set({ state: 'in-review', submitted_by: actor.id, submitted_at: new Date() })
        .where('id', '=', id)
        .execute();
      await record(trx, actor, 'content.submitted', id, { version: item.version });
      return { ok: true };
    });
  }

  /** A second pair of eyes: the approver must be neither the last person to change the text nor the one who sent it. */
  async function approve(id: string, actor: Actor): Promise<Outcome> {
    return db.transaction().execute(async (trx) => {
      const item = await find(id, trx);
      if (!item) return refuse('This item no longer exists');
      if (item.state !== 'in-review') return refuse('Only an item waiting for review can be approved');
      if (actor.id !== null && (actor.id === item.updatedBy || actor.id === item.submittedBy)) {
        return refuse('Another editor must approve this: you wrote or submitted this version');
      }
      await trx
        .updateTable('content_items')
        .set({ state: 'approved', approved_by: actor.id, approved_version: item.version })
        .where('id', '=', id)
        .execute();
      await record(trx, actor, 'content.approved', id, { version: item.version });
      return { ok: true };
    });
  }

  function publishRefusal(item: ContentItem): Refusal | null {
    if (needsApproval(item.type) && (item.state !== 'approved' || item.approvedVersion !== item.version)) {
      return refuse(`${CONTENT_TYPES[item.type].plural} must be approved by a second editor before they are published`);
    }
    if (item.state === 'published') return refuse('This version is already published');
    return null;
  }

  /** Publishes now, or queues a job for a time in the future. */
  async function publish(id: string, actor: Actor, at: Date | null = null): Promise<Outcome<{ scheduled: boolean }>> {
    if (at && at.getTime() > Date.now()) {
      const outcome = await db.transaction().execute(async (trx) => {
        const item = await find(id, trx);
        if (!item) return refuse('This item no longer exists');
        const refusal = publishRefusal(item) ?? (await addressTaken(trx, item));
        if (refusal) return refusal;
        await trx.updateTable('content_items').set({ state: 'scheduled', scheduled_for: at }).where('id', '=', id).execute();
        await jobs.enqueue(SCHEDULED_PUBLISH_JOB, { id, version: item.version }, { runAt: at }, trx);
        await record(trx, actor, 'content.scheduled', id, { version: item.version, at: at.toISOString() });
        return { ok: true as const, scheduled: true };
      });
      return outcome;
    }
    const outcome = await db.transaction().execute(async (trx) => {
      const item = await find(id, trx);
      if (!item) return refuse('This item no longer exists');
      const refusal = publishRefusal(item);
      if (refusal) return refusal;
      return publishIn(trx, item, actor);
    });
    if (outcome.ok) await options.onPublicChange();
    return outcome.ok ? { ok: true, scheduled: false } : outcome;
  }

  async function addressTaken(trx: Db, item: ContentItem): Promise<Refusal | null> {
    const section = CONTENT_TYPES[item.type].section;
    const other = await trx
      .selectFrom('content_published')
      .select('title')
      .where('section', '=', section)
      .where('slug', '=', item.fields.slug)
      .where('item_id', '!=', item.id)
      .executeTakeFirst();
    return other
      ? refuse(`The address ${section}/${item.fields.slug} is already used by "${other.title}". Choose another web address name`, 'slug')
      : null;
  }

  async function publishIn(trx: Db, item: ContentItem, actor: Actor): Promise<Outcome> {
    const taken = await addressTaken(trx, item);
    if (taken) return taken;
    const { fields } = item;
    const section = CONTENT_TYPES[item.type].section;
    const revision = (await nextRevision(trx, item.id)) - 1;
    const now = new Date();
    const bodyText = [markdownToText(fields.body), fields.transcript, fields.notesToEditors].filter(Boolean).join('\n\n');
    const values = {
      type: item.type,
      section,
      slug: fields.slug,
      subject: fields.subject,
      tags: fields.tags,
      author_slug: fields.authorName ? authorSlug(fields.authorName) : null,
      title: fields.title,
      summary: fields.summary,
      body_text: bodyText,
      fields: JSON.stringify(fields),
      revision,
      updated_at: now,
    };
    await trx
      .insertInto('content_published')
      .values({ item_id: item.id, published_at: now, ...values })
      .onConflict((oc) => oc.column('item_id').doUpdateSet(values))
      .execute();
    await indexForSearch(trx, item.id);
    // The old address keeps working: it answers 301 to the new one. A new item taking an old address wins it back.
    if (item.published && item.published.slug !== fields.slug) {
      await trx
        .insertInto('content_redirects')
        .values({ section, slug: item.published.slug, item_id: item.id })
        .onConflict((oc) => oc.columns(['section', 'slug']).doUpdateSet({ item_id: item.id }))
        .execute();
    }
    await trx.deleteFrom('content_redirects').where('section', '=', section).where('slug', '=', fields.slug).execute();
    await trx.deleteFrom('content_pdfs').where('item_id', '=', item.id).execute();
    await addWords(trx, `${fields.title} ${fields.summary} ${bodyText}`);
    await trx.updateTable('content_items').set({ state: 'published', scheduled_for: null }).where('id', '=', item.id).execute();
    await record(trx, actor, 'content.published', item.id, { version: item.version, revision, path: `${section}/${fields.slug}` });
    return { ok: true };
  }

  /** Words for "did you mean": distinct, lower-case, long enough to be worth suggesting. */
  async function addWords(trx: Db, text: string) {
    const words = [...new Set(text.toLowerCase().match(/[a-z][a-z'-]{3,30}/g) ?? [])].map((w) => w.replace(/['-]+$/, ''));
    for (let start = 0; start < words.length; start += 500) {
      const batch = words.slice(start, start + 500).map((word) => ({ word }));
      if (batch.length > 0)
        await trx
          .insertInto('content_lexicon')
          .values(batch)
          .onConflict((oc) => oc.doNothing())
          .execute();
    }
  }

  /** The job behind scheduled publishing: publishes only if nobody changed or cancelled the item since. */
  async function publishScheduled(payload: Record<string, unknown>): Promise<void> {
    const id = String(payload.id ?? '');
    const published = await db.transaction().execute(async (trx) => {
      const item = await find(id, trx);
      if (!item || item.state !== 'scheduled' || item.version !== payload.version) return false;
      if (item.scheduledFor && item.scheduledFor.getTime() > Date.now() + 1000) return false;
      const outcome = await publishIn(trx, item, systemActor('scheduled publishing'));
      return outcome.ok;
    });
    if (published) await options.onPublicChange();
  }

  async function unpublish(id: string, actor: Actor): Promise<Outcome> {
    const outcome = await db.transaction().execute(async (trx) => {
      const item = await find(id, trx);
      if (!item) return refuse('This item no longer exists');
      if (!item.published) return refuse('This item is not published');
      await trx.deleteFrom('content_published').where('item_id', '=', id).execute();
      await trx.deleteFrom('content_redirects').where('item_id', '=', id).execute();
      await trx.deleteFrom('content_pdfs').where('item_id', '=', id).execute();
      await trx.updateTable('content_items').set({ state: 'draft', scheduled_for: null }).where('id', '=', id).execute();
      await record(trx, actor, 'content.unpublished', id, { path: `${CONTENT_TYPES[item.type].section}/${item.published.slug}` });
      return { ok: true as const };
    });
    if (outcome.ok) await options.onPublicChange();
    return outcome;
  }

  async function cancelSchedule(id: string, actor: Actor): Promise<Outcome> {
    return db.transaction().execute(async (trx) => {
      const item = await find(id, trx);
      if (!item || item.state !== 'scheduled') return refuse('This item is not scheduled');
      const state = needsApproval(item.type) ? 'approved' : 'draft';
      await trx.updateTable('content_items').set({ state, scheduled_for: null }).where('id', '=', id).execute();
      await record(trx, actor, 'content.schedule-cancelled', id);
      return { ok: true };
    });
  }

  /** Restoring is a new save of an old text, so the history only ever grows. */
  async function restore(id: string, number: number, expectedVersion: number, actor: Actor) {
    const old = await revision(id, number);
    if (!old) return refuse('That revision does not exist');
    return save(id, old.fields, expectedVersion, actor, `Restored revision ${number}`);
  }

  return {
    ...items,
    needsApproval,
    create,
    save,
    submit,
    approve,
    publish,
    publishScheduled,
    unpublish,
    cancelSchedule,
    restore,
  };
}

export type ContentWorkflow = ReturnType<typeof createContentWorkflow>;
