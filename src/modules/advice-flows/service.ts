import { sql } from 'kysely';
import { systemActor, type Actor, type AuditLog } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { SiteMap } from '../../platform/modules.js';
import { checkFlow, type FlowProblem } from './engine/checker.js';
import { visibleBlocks, visibleSources } from './engine/evaluate.js';
import type { Answers, Block, FlowDefinition, Outcome, Source } from './engine/flow-types.js';
import './schema.js';

export interface PublishedFlow {
  slug: string;
  version: number;
  definition: FlowDefinition;
}

/** JSON with every object's keys sorted: PostgreSQL's jsonb does not keep keys in the order they were written. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export type SaveResult = { ok: true } | { ok: false; problems: FlowProblem[] };

/**
 * Guided advice: the published versions families use, editors' drafts, and the anonymous counts. Every change is
 * checked before it is stored and audited after.
 */
export function createAdviceFlows(db: Db, audit: AuditLog, site: SiteMap, onPublicPagesChanged: (listener: () => void) => void = () => {}) {
  /** Links may point at other flows, so a flow's own slug and every stored slug count as pages. */
  async function check(definition: FlowDefinition): Promise<FlowProblem[]> {
    const slugs = new Set((await db.selectFrom('advice_flows').select('slug').execute()).map((r) => r.slug));
    slugs.add(definition.slug);
    const exists = (path: string) => site.pathExists(path) || [...slugs].some((slug) => path === `/advice/guided/${slug}`);
    return checkFlow(definition, { pathExists: exists, moduleEnabled: site.moduleEnabled, knownModules: site.knownModules });
  }

  /** The blocks of an outcome that these answers show, without links to the pages of modules switched off here. */
  function outcomeBlocks(outcome: Outcome, answers: Answers): Block[] {
    return visibleBlocks(outcome, answers).map((block) =>
      block.links ? { ...block, links: block.links.filter((l) => !('module' in l) || !l.module || site.moduleEnabled(l.module)) } : block,
    );
  }

  /** The sources these answers show, without their conditions (the answers already chose them). */
  function outcomeSources(outcome: Outcome, answers: Answers): Omit<Source, 'when'>[] {
    return visibleSources(outcome, answers).map(({ when: _when, ...source }) => source);
  }

  async function listPublished(): Promise<PublishedFlow[]> {
    const rows = await db
      .selectFrom('advice_flows as f')
      .innerJoin('advice_flow_versions as v', (join) => join.onRef('v.slug', '=', 'f.slug').onRef('v.version', '=', 'f.published_version'))
      .select(['f.slug', 'v.version', 'v.definition'])
      // The order they were added: the built-in flows in the order they are listed, then editors' own.
      .orderBy('f.created_at')
      .orderBy('f.slug')
      .execute();
    return rows;
  }

  /**
   * A published version never changes, so it is kept in memory once read. Which version is current can change, so
   * that is trusted for a few seconds only, and forgotten at once when any instance announces that public pages
   * changed (as every publish does): the page cache, emptied by the same announcement, must not be filled again from
   * what was current before it. Only a process that hears no announcements (a worker) waits out the few seconds.
   */
  const versions = new Map<string, PublishedFlow>();
  const current = new Map<string, { version: number | null; until: number }>();
  const CURRENT_FOR_MS = 5_000;
  let changesHeard = 0;
  onPublicPagesChanged(() => {
    changesHeard += 1;
    current.clear();
  });

  async function published(slug: string): Promise<PublishedFlow | null> {
    const known = current.get(slug);
    if (known && known.until > Date.now()) return known.version === null ? null : version(slug, known.version);
    // Counted before the read, so that a read overtaken by a publish is not kept as current.
    const heardBefore = changesHeard;
    const row = await db
      .selectFrom('advice_flows as f')
      .innerJoin('advice_flow_versions as v', (join) => join.onRef('v.slug', '=', 'f.slug').onRef('v.version', '=', 'f.published_version'))
      .select(['f.slug', 'v.version', 'v.definition'])
      .where('f.slug', '=', slug)
      .executeTakeFirst();
    if (heardBefore === changesHeard) current.set(slug, { version: row?.version ?? null, until: Date.now() + CURRENT_FOR_MS });
    if (row) versions.set(`${slug}@${row.version}`, row);
    return row ?? null;
  }

  /** A particular version, for a family who started before a newer one was published. */
  async function version(slug: string, number: number): Promise<PublishedFlow | null> {
    const cached = versions.get(`${slug}@${number}`);
    if (cached) return cached;
    const row = await db
      .selectFrom('advice_flow_versions')
      .select(['slug', 'version', 'definition'])
      .where('slug', '=', slug)
      .where('version', '=', number)
      .executeTakeFirst();
    if (row) versions.set(`${slug}@${number}`, row);
    return row ?? null;
  }

  /** What an editor works on: the draft if there is one, otherwise the published version. */
  async function forEditing(slug: string) {
    const row = await db.selectFrom('advice_flows').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (!row) return null;
    const current = row.published_version !== null ? await version(slug, row.published_version) : null;
    return {
      slug,
      publishedVersion: row.published_version,
      draft: row.draft,
      definition: row.draft ?? current?.definition ?? null,
      draftUpdatedAt: row.draft_updated_at,
    };
  }

  /** Every unpublished draft, including those of flows never published, for `hearth flows check`. */
  async function drafts(): Promise<{ slug: string; definition: FlowDefinition }[]> {
    const rows = await db.selectFrom('advice_flows').select(['slug', 'draft']).where('draft', 'is not', null).orderBy('slug').execute();
    return rows.map((r) => ({ slug: r.slug, definition: r.draft! }));
  }

  async function saveDraft(definition: FlowDefinition, editor: Actor): Promise<SaveResult> {
    const problems = await check(definition);
    if (problems.length > 0) return { ok: false, problems };
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('advice_flows')
        .values({ slug: definition.slug, draft: JSON.stringify(definition), draft_updated_at: new Date(), draft_updated_by: editor.id })
        .onConflict((oc) =>
          oc.column('slug').doUpdateSet({ draft: JSON.stringify(definition), draft_updated_at: new Date(), draft_updated_by: editor.id }),
        )
        .execute();
      await audit.record({ actor: editor, action: 'advice-flow.draft-saved', subjectType: 'advice-flow', subjectId: definition.slug }, trx);
    });
    return { ok: true };
  }

  /** Publishes the draft as the next version. Families already part-way through keep the version they started. */
  async function publish(slug: string, editor: Actor): Promise<{ ok: true; version: number } | { ok: false; problems: FlowProblem[] }> {
    const flow = await db.selectFrom('advice_flows').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (!flow?.draft) return { ok: false, problems: [{ at: 'flow', message: 'There are no changes to publish' }] };
    const problems = await check(flow.draft);
    if (problems.length > 0) return { ok: false, problems };
    const next = await db.transaction().execute(async (trx) => {
      const latest = await trx
        .selectFrom('advice_flow_versions')
        .select(sql<number>`coalesce(max(version), 0)`.as('v'))
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      const number = Number(latest.v) + 1;
      await trx
        .insertInto('advice_flow_versions')
        .values({ slug, version: number, definition: JSON.stringify(flow.draft), published_by: editor.id })
        .execute();
      await trx
        .updateTable('advice_flows')
        .set({ published_version: number, draft: null, draft_updated_at: null, draft_updated_by: null })
        .where('slug', '=', slug)
        .execute();
      await audit.record(
        {
          actor: editor,
          action: 'advice-flow.published',
          subjectType: 'advice-flow',
          subjectId: slug,
          details: { version: number },
        },
        trx,
      );
      return number;
    });
    current.delete(slug);
    return { ok: true, version: next };
  }

  /**
   * The flows written for Hearth are published on first start. When Hearth later ships a corrected flow (the advice
   * changed, or the law did), the correction is published as the next version, so that families are not left with
   * advice known to be wrong; but only while every version so far came from Hearth itself and no editor has a draft.
   * An editor's own versions and drafts are never replaced. Returns the slugs installed or corrected.
   */
  async function installBuiltIn(flows: readonly FlowDefinition[]): Promise<string[]> {
    const changed: string[] = [];
    for (const definition of flows) {
      const flow = await db
        .selectFrom('advice_flows')
        .select(['published_version', 'draft'])
        .where('slug', '=', definition.slug)
        .executeTakeFirst();
      if (!flow) {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('advice_flows').values({ slug: definition.slug, published_version: 1 }).execute();
          await trx
            .insertInto('advice_flow_versions')
            .values({ slug: definition.slug, version: 1, definition: JSON.stringify(definition) })
            .execute();
        });
        changed.push(definition.slug);
      } else if (flow.draft === null && flow.published_version !== null && (await correctBuiltIn(definition, flow.published_version))) {
        changed.push(definition.slug);
      }
      current.delete(definition.slug);
    }
    return changed;
  }

  /** Publishes a shipped correction over a version Hearth itself published. False when there is nothing to do. */
  async function correctBuiltIn(definition: FlowDefinition, publishedVersion: number): Promise<boolean> {
    const versions = await db
      .selectFrom('advice_flow_versions')
      .select(['version', 'published_by', 'definition'])
      .where('slug', '=', definition.slug)
      .orderBy('version', 'desc')
      .execute();
    const latest = versions[0];
    if (!latest || latest.version !== publishedVersion || versions.some((v) => v.published_by !== null)) return false;
    if (canonicalJson(latest.definition) === canonicalJson(definition)) return false;
    const next = latest.version + 1;
    return db.transaction().execute(async (trx) => {
      // Two instances starting together both try; the version's key lets only one of them publish it.
      const inserted = await trx
        .insertInto('advice_flow_versions')
        .values({ slug: definition.slug, version: next, definition: JSON.stringify(definition) })
        .onConflict((oc) => oc.columns(['slug', 'version']).doNothing())
        .returning('version')
        .executeTakeFirst();
      if (!inserted) return false;
      await trx.updateTable('advice_flows').set({ published_version: next }).where('slug', '=', definition.slug).execute();
      await audit.record(
        {
          actor: systemActor('hearth'),
          action: 'advice-flow.published',
          subjectType: 'advice-flow',
          subjectId: definition.slug,
          details: { version: next, reason: 'built-in flow corrected' },
        },
        trx,
      );
      return true;
    });
  }

  async function count(
    slug: string,
    versionNumber: number,
    step: string,
    event: 'started' | 'reached' | 'answered' | 'finished',
  ): Promise<void> {
    await db
      .insertInto('advice_flow_counts')
      .values({ slug, version: versionNumber, step, event, count: 1 })
      .onConflict((oc) => oc.columns(['slug', 'version', 'step', 'event']).doUpdateSet({ count: sql`advice_flow_counts.count + 1` }))
      .execute();
  }

  async function counts(slug: string) {
    return db.selectFrom('advice_flow_counts').selectAll().where('slug', '=', slug).orderBy('version', 'desc').orderBy('step').execute();
  }

  return {
    check,
    outcomeBlocks,
    outcomeSources,
    listPublished,
    published,
    version,
    forEditing,
    drafts,
    saveDraft,
    publish,
    installBuiltIn,
    count,
    counts,
  };
}

export type AdviceFlows = ReturnType<typeof createAdviceFlows>;
