import type { Db } from '../../../platform/db/database.js';
import type { ContentFields, ContentType, WorkflowState } from '../types.js';

export interface ContentItem {
  id: string;
  type: ContentType;
  fields: ContentFields;
  state: WorkflowState;
  version: number;
  submittedBy: string | null;
  approvedBy: string | null;
  approvedVersion: number | null;
  scheduledFor: Date | null;
  updatedBy: string | null;
  updatedAt: Date;
  /** What visitors see now, if anything: its revision, slug and when it was published. */
  published: { revision: number; slug: string; publishedAt: Date; updatedAt: Date } | null;
}

export type Refusal = { ok: false; reason: string; field?: string };
export type Outcome<T = object> = ({ ok: true } & T) | Refusal;

/** When someone else saved first: who, when, and where the text that was not applied is kept. */
export interface Conflict {
  ok: false;
  conflict: { by: string; at: Date; keptAsRevision: number };
}

/** Reading content items and their history, for the workflow, the editors' pages and the API. Nothing here writes. */
export function createContentItems(db: Db) {
  async function find(id: string, trx: Db = db): Promise<ContentItem | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await trx
      .selectFrom('content_items as i')
      .leftJoin('content_published as p', 'p.item_id', 'i.id')
      .select([
        'i.id',
        'i.type',
        'i.fields',
        'i.state',
        'i.version',
        'i.submitted_by',
        'i.approved_by',
        'i.approved_version',
        'i.scheduled_for',
        'i.updated_by',
        'i.updated_at',
        'p.revision',
        'p.slug',
        'p.published_at',
        'p.updated_at as published_updated_at',
      ])
      .where('i.id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      type: row.type as ContentType,
      fields: row.fields,
      state: row.state,
      version: row.version,
      submittedBy: row.submitted_by,
      approvedBy: row.approved_by,
      approvedVersion: row.approved_version,
      scheduledFor: row.scheduled_for,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
      published:
        row.revision !== null && row.slug !== null && row.published_at !== null && row.published_updated_at !== null
          ? { revision: row.revision, slug: row.slug, publishedAt: row.published_at, updatedAt: row.published_updated_at }
          : null,
    };
  }

  async function revisions(id: string) {
    return db
      .selectFrom('content_revisions')
      .select(['number', 'note', 'created_by_label', 'created_at'])
      .where('item_id', '=', id)
      .orderBy('number', 'desc')
      .execute();
  }

  async function revision(id: string, number: number) {
    if (!Number.isSafeInteger(number)) return null;
    return (
      (await db.selectFrom('content_revisions').selectAll().where('item_id', '=', id).where('number', '=', number).executeTakeFirst()) ??
      null
    );
  }

  async function list(filter: { type?: ContentType; state?: WorkflowState } = {}) {
    let query = db
      .selectFrom('content_items as i')
      .leftJoin('content_published as p', 'p.item_id', 'i.id')
      .select(['i.id', 'i.type', 'i.fields', 'i.state', 'i.updated_at', 'i.scheduled_for', 'p.published_at'])
      .orderBy('i.updated_at', 'desc')
      .limit(500);
    if (filter.type) query = query.where('i.type', '=', filter.type);
    if (filter.state) query = query.where('i.state', '=', filter.state);
    return query.execute();
  }

  return { find, revisions, revision, list };
}
