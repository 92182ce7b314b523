import { sql } from 'kysely';
import type { Actor, AuditLog } from '../audit.js';
import type { Db } from '../db/database.js';
import type { MailStatus } from '../db/schema.js';

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxListEntry {
  id: string;
  to: string;
  subject: string;
  status: MailStatus;
  createdAt: Date;
}

/**
 * Reading mail_messages for the outbox pages. Only mail.ts writes messages; this never changes one. The cursor is a
 * message id, and its created_at is looked up in SQL, so that the comparison keeps PostgreSQL's microseconds.
 */
export function createOutboxQueries(db: Db, audit: AuditLog) {
  const position = (id: string) => sql`(select c.created_at, c.id from mail_messages c where c.id = ${id})`;

  async function page(before: string | null) {
    let query = db
      .selectFrom('mail_messages')
      .select(['id', 'to_address as to', 'subject', 'status', 'created_at as createdAt'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(OUTBOX_PAGE_SIZE + 1);
    if (before) query = query.where(sql<boolean>`(created_at, id) < ${position(before)}`);
    const rows: OutboxListEntry[] = await query.execute();
    const messages = rows.slice(0, OUTBOX_PAGE_SIZE);
    return {
      messages,
      olderBefore: rows.length > OUTBOX_PAGE_SIZE ? (messages.at(-1)?.id ?? null) : null,
      newer: before ? await newerPage(before) : null,
    };
  }

  /** Keyset pages only go one way, so the way back is found by counting a page's worth of newer messages. */
  async function newerPage(before: string) {
    const newer = await db
      .selectFrom('mail_messages')
      .select('id')
      .where(sql<boolean>`(created_at, id) >= ${position(before)}`)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(OUTBOX_PAGE_SIZE + 1)
      .execute();
    return { before: newer.length > OUTBOX_PAGE_SIZE ? newer[OUTBOX_PAGE_SIZE]!.id : null };
  }

  /** One message. An email can carry a working link (a password reset, an invitation), so reading one is recorded. */
  async function message(actor: Actor, id: string) {
    const message = await db
      .selectFrom('mail_messages')
      .select([
        'id',
        'to_address as to',
        'subject',
        'text_body as text',
        'html_body as html',
        'headers',
        'status',
        'last_error as lastError',
        'created_at as createdAt',
        'sent_at as sentAt',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!message) return undefined;
    const details = { to: message.to, subject: message.subject };
    await audit.record({ actor, action: 'mail.viewed', subjectType: 'mail', subjectId: id, details });
    return message;
  }

  return { page, message };
}
