import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from './db/database.js';
import type { JobQueue } from './jobs.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, for example List-Unsubscribe on newsletters. */
  headers?: Record<string, string>;
}

/** Once a message has gone, only this much of it is kept: who it went to, what it was about, and when. */
const SENT_BODY = { text_body: '', html_body: null, headers: '{}' };

/**
 * Every message is written to mail_messages first. With SMTP_URL set, a job delivers it (and retries with backoff);
 * without it, the message is kept there for admins to read at /admin/outbox, which is how demo mode shows its emails.
 *
 * Mail says who asked Hearth for help, and carries links that sign people in, so little of it is kept: a message's
 * body and headers are blanked as soon as it is sent (a reset or invitation link must not outlive its delivery), every
 * message is deleted `retentionDays` after it was written, and mail to an address is erased when the account is
 * deleted or the advice line purges the caller. Mail that was never sent (no SMTP) keeps its body until then, because
 * the outbox is the only way it reaches anyone.
 */
export function createMailer(db: Db, jobs: JobQueue, options: { smtpUrl: string | undefined; from: string; retentionDays?: number }) {
  const retentionDays = options.retentionDays ?? 30;
  let transporter: Transporter | undefined;
  const transport = () => (transporter ??= nodemailer.createTransport(options.smtpUrl));
  let pooled: Transporter | undefined;
  const pool = () => (pooled ??= nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 5, maxMessages: 1000 }));

  async function send(mail: OutgoingMail, trx?: Db): Promise<string> {
    const handle = trx ?? db;
    const { id } = await handle
      .insertInto('mail_messages')
      .values({
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html ?? null,
        headers: JSON.stringify(mail.headers ?? {}),
        status: options.smtpUrl ? 'queued' : 'kept',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (options.smtpUrl) await jobs.enqueue('mail.send', { messageId: id }, { maxAttempts: 8 }, handle);
    return id;
  }

  /**
   * The idempotency key of a message, sent as its Message-ID. SMTP has no way to ask whether a message was taken: a
   * worker killed after handing one over and before recording it as sent leaves a job that runs again and sends it
   * again. The copy carries the same Message-ID, by which mail servers and clients recognise it as the same message.
   */
  const messageIdFor = (key: string) => `<${key}@${options.from.match(/@([^\s>]+)/)?.[1] ?? 'hearth.invalid'}>`;

  /** The job handler: delivers one stored message over SMTP, once: a message already sent is not sent again. */
  async function deliver(payload: Record<string, unknown>): Promise<void> {
    const message = await db.selectFrom('mail_messages').selectAll().where('id', '=', String(payload.messageId)).executeTakeFirst();
    if (!message || message.status === 'sent') return;
    try {
      await transport().sendMail({
        from: options.from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        ...(message.html_body ? { html: message.html_body } : {}),
        headers: message.headers,
        messageId: messageIdFor(message.id),
      });
      await db
        .updateTable('mail_messages')
        .set({ status: 'sent', sent_at: new Date(), last_error: null, ...SENT_BODY })
        .where('id', '=', message.id)
        .execute();
    } catch (error) {
      await db
        .updateTable('mail_messages')
        .set({ status: 'failed', last_error: error instanceof Error ? error.message : String(error) })
        .where('id', '=', message.id)
        .execute();
      throw error;
    }
  }

  /**
   * Bulk mail (newsletters) whose record is kept by its sender: delivered at once over pooled SMTP connections, with
   * no mail_messages row each, because a row and a job per message would not keep up with a list of 100,000.
   * Needs SMTP_URL; the caller decides what to do without it. `key`, unique to this message (the issue and the
   * recipient, say), becomes its Message-ID, so that a copy sent again by a job run twice is known for the same one.
   */
  async function deliverDirect(mail: OutgoingMail, key?: string): Promise<void> {
    if (!options.smtpUrl) throw new Error('deliverDirect needs SMTP_URL.');
    await pool().sendMail({
      ...(key ? { messageId: messageIdFor(key) } : {}),
      from: options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      headers: mail.headers ?? {},
    });
  }

  /**
   * Erases every message to these addresses, whatever case they were written in, in the caller's transaction. With
   * `before`, only messages written before then: the advice line's purge leaves mail about a newer request alone.
   */
  async function eraseTo(addresses: readonly string[], options: { before?: Date } = {}, trx?: Db): Promise<number> {
    const lower = [...new Set(addresses.filter(Boolean).map((a) => a.toLowerCase()))];
    if (lower.length === 0) return 0;
    let query = (trx ?? db).deleteFrom('mail_messages').where(sql<string>`lower(to_address)`, 'in', lower);
    if (options.before) query = query.where('created_at', '<', options.before);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The daily job `mail.clean`: messages past the retention period go, and a sent message never keeps its body. */
  async function clean(now = new Date()): Promise<{ deleted: number; blanked: number }> {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const deleted = await db.deleteFrom('mail_messages').where('created_at', '<', cutoff).executeTakeFirst();
    // Messages sent before bodies were blanked on sending.
    const blanked = await db
      .updateTable('mail_messages')
      .set(SENT_BODY)
      .where('status', '=', 'sent')
      .where((eb) => eb.or([eb('text_body', '!=', ''), eb('html_body', 'is not', null)]))
      .executeTakeFirst();
    return { deleted: Number(deleted.numDeletedRows), blanked: Number(blanked.numUpdatedRows) };
  }

  function close() {
    transporter?.close();
    pooled?.close();
    transporter = undefined;
    pooled = undefined;
  }

  return { send, deliver, deliverDirect, eraseTo, clean, close, smtpConfigured: !!options.smtpUrl };
}

export type Mailer = ReturnType<typeof createMailer>;
