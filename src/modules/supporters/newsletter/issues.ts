import { sql } from 'kysely';
import type { AuditLog, SignedInActor } from '../../../platform/audit.js';
import type { ContentFeed } from '../../../platform/content-feed.js';
import type { Db } from '../../../platform/db/database.js';
import type { JobQueue } from '../../../platform/jobs.js';
import type { Mailer } from '../../../platform/mail.js';
import { personalise, renderIssue, type RenderedIssue } from './email.js';
import type { Subscriptions } from './subscriptions.js';
import type { IssueItem } from '../schema.js';

export const SEND_BATCH_JOB = 'newsletter.send-batch';

/** Editing or sending an issue: `not-draft` once it has been sent, when it can no longer change. */
export type IssueChange = { ok: true } | { ok: false; reason: 'not-found' | 'not-draft' };

export interface SendingSettings {
  /** Messages per minute for the whole list: batches are spread out so that the mail provider's limits are kept. */
  ratePerMinute: number;
  batchSize: number;
}

export interface IssueDraft {
  subject: string;
  intro: string;
  itemIds: string[];
}

function slugFor(subject: string, date: Date): string {
  const words = subject
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${date.toISOString().slice(0, 10)}-${words || 'newsletter'}`;
}

/**
 * Newsletter issues: editors compose them from published content and an introduction, preview them, send a test,
 * then send to the list. Sending queues one job per batch of recipients, spread out to keep to the set rate.
 */
export function createIssues(deps: {
  db: Db;
  jobs: JobQueue;
  mailer: Mailer;
  audit: AuditLog;
  subscriptions: Subscriptions;
  baseUrl: string;
  sending: SendingSettings;
  feed: () => ContentFeed | null;
}) {
  const { db, jobs, mailer, audit, subscriptions, baseUrl, sending } = deps;

  async function pickedItems(itemIds: string[], keep: IssueItem[]): Promise<IssueItem[]> {
    const feed = deps.feed();
    // Without the content module nothing new can be picked, and what a draft already holds is kept as it is.
    if (!feed) return keep;
    const items = await feed.byIds(itemIds);
    return items.map((item) => ({ title: item.title, summary: item.summary, path: item.path, type: item.type }));
  }

  async function create(draft: IssueDraft, editor: SignedInActor) {
    const items = await pickedItems(draft.itemIds, []);
    return db.transaction().execute(async (trx) => {
      const base = slugFor(draft.subject, new Date());
      const taken = await trx.selectFrom('newsletter_issues').select('slug').where('slug', 'like', `${base}%`).execute();
      const slug = taken.length === 0 ? base : `${base}-${taken.length + 1}`;
      const issue = await trx
        .insertInto('newsletter_issues')
        .values({
          slug,
          subject: draft.subject,
          intro_markdown: draft.intro,
          items: JSON.stringify(items),
          status: 'draft',
          created_by: editor.id,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(
        {
          actor: editor,
          action: 'newsletter.issue-created',
          subjectType: 'newsletter-issue',
          subjectId: issue.id,
        },
        trx,
      );
      return issue.id;
    });
  }

  async function get(id: string) {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    return (await db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async function update(id: string, draft: IssueDraft, editor: SignedInActor): Promise<IssueChange> {
    const issue = await get(id);
    if (!issue) return { ok: false, reason: 'not-found' };
    if (issue.status !== 'draft') return { ok: false, reason: 'not-draft' };
    const items = await pickedItems(draft.itemIds, issue.items);
    return db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('newsletter_issues')
        .set({ subject: draft.subject, intro_markdown: draft.intro, items: JSON.stringify(items), updated_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: 'not-draft' } as const;
      await audit.record(
        {
          actor: editor,
          action: 'newsletter.issue-edited',
          subjectType: 'newsletter-issue',
          subjectId: id,
        },
        trx,
      );
      return { ok: true } as const;
    });
  }

  async function list() {
    return db.selectFrom('newsletter_issues').selectAll().orderBy('created_at', 'desc').limit(100).execute();
  }

  async function published() {
    return db
      .selectFrom('newsletter_issues')
      .select(['slug', 'subject', 'send_started_at'])
      .where('status', 'in', ['sending', 'sent'])
      .orderBy('send_started_at', 'desc')
      .limit(100)
      .execute();
  }

  async function publishedBySlug(slug: string) {
    return (
      (await db
        .selectFrom('newsletter_issues')
        .selectAll()
        .where('slug', '=', slug)
        .where('status', 'in', ['sending', 'sent'])
        .executeTakeFirst()) ?? null
    );
  }

  /** A copy to the editor, marked as a test, with working links, so that they see exactly what subscribers will. */
  async function sendTest(id: string, editor: SignedInActor): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
    const issue = await get(id);
    if (!issue) return { ok: false, reason: 'not-found' };
    const rendered = renderIssue(issue, baseUrl);
    const mail = personalise({ ...rendered, subject: `[Test] ${rendered.subject}` }, editor.label, {
      preferences: `${baseUrl}/newsletter`,
      oneClick: `${baseUrl}/newsletter`,
    });
    await db.transaction().execute(async (trx) => {
      await mailer.send(mail, trx);
      await audit.record(
        {
          actor: editor,
          action: 'newsletter.test-sent',
          subjectType: 'newsletter-issue',
          subjectId: id,
        },
        trx,
      );
    });
    return { ok: true };
  }

  /**
   * Freezes the recipient list (everyone subscribed now), splits it into batches and queues a job for each, spaced
   * so that the list goes out at `ratePerMinute`. It all happens in one transaction: a failure queues nothing.
   */
  async function startSending(id: string, editor: SignedInActor): Promise<IssueChange> {
    return db.transaction().execute(async (trx) => {
      const issue = await trx.selectFrom('newsletter_issues').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!issue) return { ok: false, reason: 'not-found' } as const;
      if (issue.status !== 'draft') return { ok: false, reason: 'not-draft' } as const;
      await sql`
        insert into newsletter_deliveries (issue_id, subscriber_id, batch, status)
        select ${id}::uuid, id, ((row_number() over (order by id)) - 1) / ${sending.batchSize}, 'queued'
        from newsletter_subscribers where status = 'subscribed'`.execute(trx);
      const { count } = await trx
        .selectFrom('newsletter_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('issue_id', '=', id)
        .executeTakeFirstOrThrow();
      const recipients = Number(count);
      const batches = Math.ceil(recipients / sending.batchSize);
      const secondsPerBatch = (sending.batchSize / sending.ratePerMinute) * 60;
      const start = Date.now();
      for (let batch = 0; batch < batches; batch++) {
        await jobs.enqueue(
          SEND_BATCH_JOB,
          { issueId: id, batch },
          { runAt: new Date(start + batch * secondsPerBatch * 1000), maxAttempts: 8 },
          trx,
        );
      }
      await trx
        .updateTable('newsletter_issues')
        .set({
          status: batches === 0 ? 'sent' : 'sending',
          send_started_at: new Date(),
          recipient_count: recipients,
          batches_total: batches,
          batches_done: 0,
        })
        .where('id', '=', id)
        .execute();
      await audit.record(
        {
          actor: editor,
          action: 'newsletter.sent',
          subjectType: 'newsletter-issue',
          subjectId: id,
          details: { recipients, batches },
        },
        trx,
      );
      return { ok: true } as const;
    });
  }

  async function progress(id: string) {
    const rows = await db
      .selectFrom('newsletter_deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('issue_id', '=', id)
      .groupBy('status')
      .execute();
    const result = { queued: 0, sent: 0, failed: 0, skipped: 0 };
    for (const row of rows) result[row.status] = Number(row.count);
    return result;
  }

  // Rendering is the same for every recipient of an issue, so a worker does it once per issue, not once per batch.
  const renderedCache = new Map<string, RenderedIssue>();
  async function renderedFor(issueId: string): Promise<RenderedIssue | null> {
    const cached = renderedCache.get(issueId);
    if (cached) return cached;
    const issue = await get(issueId);
    if (!issue) return null;
    const rendered = renderIssue(issue, baseUrl);
    if (renderedCache.size > 20) renderedCache.clear();
    renderedCache.set(issueId, rendered);
    return rendered;
  }

  /**
   * The job: sends one batch. Rows already sent are not sent again, so a job that runs twice (a worker died part-way)
   * repeats nothing. A recipient whose address is refused outright is marked failed; a passing fault (the mail server
   * is away) leaves the unsent rows queued and fails the job, so that it is retried with backoff.
   */
  async function sendBatch(payload: Record<string, unknown>): Promise<void> {
    const issueId = String(payload.issueId);
    const batch = Number(payload.batch);
    const rendered = await renderedFor(issueId);
    if (!rendered) return;
    const rows = await db
      .selectFrom('newsletter_deliveries as d')
      .innerJoin('newsletter_subscribers as s', 's.id', 'd.subscriber_id')
      .select(['d.subscriber_id', 's.email', 's.status'])
      .where('d.issue_id', '=', issueId)
      .where('d.batch', '=', batch)
      .where('d.status', '=', 'queued')
      .execute();
    if (rows.length === 0) return;

    // Each recipient is marked sent the moment the mail server takes their copy (or, with no SMTP, with the outbox
    // row it writes), not once the batch is done: a worker killed part-way then leaves a batch whose re-run sends only
    // to those not yet sent. Only a kill in the instant between the server taking a copy and the mark repeats one,
    // with the same Message-ID.
    const markSent = (handle: Db, subscriberId: string) =>
      handle
        .updateTable('newsletter_deliveries')
        .set({ status: 'sent', sent_at: new Date() })
        .where('issue_id', '=', issueId)
        .where('subscriber_id', '=', subscriberId)
        .execute();
    const skipped: string[] = [];
    const refused: { id: string; error: string }[] = [];
    let passingFault: unknown;
    await Promise.all(
      rows.map(async (row) => {
        // Someone who unsubscribed after the list was frozen is not sent the issue.
        if (row.status !== 'subscribed') return void skipped.push(row.subscriber_id);
        const mail = personalise(rendered, row.email, subscriptions.linksFor(row.subscriber_id));
        try {
          if (mailer.smtpConfigured) {
            await mailer.deliverDirect(mail, `newsletter-${issueId}-${row.subscriber_id}`);
            await markSent(db, row.subscriber_id);
          } else {
            await db.transaction().execute(async (trx) => {
              await mailer.send(mail, trx);
              await markSent(trx, row.subscriber_id);
            });
          }
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          if (code && code >= 500) refused.push({ id: row.subscriber_id, error: String((error as Error).message).slice(0, 500) });
          else passingFault ??= error;
        }
      }),
    );

    await db.transaction().execute(async (trx) => {
      if (skipped.length > 0) {
        await trx
          .updateTable('newsletter_deliveries')
          .set({ status: 'skipped', sent_at: null })
          .where('issue_id', '=', issueId)
          .where('subscriber_id', 'in', skipped)
          .execute();
      }
      for (const { id, error } of refused) {
        await trx
          .updateTable('newsletter_deliveries')
          .set({ status: 'failed', error })
          .where('issue_id', '=', issueId)
          .where('subscriber_id', '=', id)
          .execute();
      }
      if (!passingFault) {
        await trx
          .updateTable('newsletter_issues')
          .set((eb) => ({
            batches_done: eb('batches_done', '+', 1),
            status: sql<'sending' | 'sent'>`case when batches_done + 1 >= batches_total then 'sent' else status end`,
          }))
          .where('id', '=', issueId)
          .execute();
      }
    });
    if (passingFault) throw passingFault;
  }

  return { create, get, update, list, published, publishedBySlug, sendTest, startSending, progress, sendBatch };
}
