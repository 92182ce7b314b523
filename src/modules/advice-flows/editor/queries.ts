import type { Db } from '../../../platform/db/database.js';
import '../schema.js';

export interface FlowForEditors {
  slug: string;
  title: string;
  publishedVersion: number | null;
  hasDraft: boolean;
  draftUpdatedAt: Date | null;
}

/**
 * Every flow, published or not. The service's listPublished is what families see; a flow that has only ever been a
 * draft is missing from it, and editors must still find it.
 */
export async function flowsForEditors(db: Db): Promise<FlowForEditors[]> {
  const rows = await db
    .selectFrom('advice_flows as f')
    .leftJoin('advice_flow_versions as v', (join) => join.onRef('v.slug', '=', 'f.slug').onRef('v.version', '=', 'f.published_version'))
    .select(['f.slug', 'f.published_version', 'f.draft', 'f.draft_updated_at', 'v.definition'])
    .orderBy('f.slug')
    .execute();
  return rows.map((row) => ({
    slug: row.slug,
    title: row.draft?.title ?? row.definition?.title ?? row.slug,
    publishedVersion: row.published_version,
    hasDraft: row.draft !== null,
    draftUpdatedAt: row.draft_updated_at,
  }));
}
