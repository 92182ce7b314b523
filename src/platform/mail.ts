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

/**
 * Every message is written to mail_messages first. With SMTP_URL set, a job delivers it (and retries with backoff);
 * without it, the message is kept there for admins to read at /admin/outbox, which is how demo mode shows its emails.
 */
export function createMailer(db: Db, jobs: JobQueue, options: { smtpUrl: string | undefined; from: string }) {
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

  /** The job handler: delivers one stored message over SMTP. */
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
      });
      await db
        .updateTable('mail_messages')
        .set({ status: 'sent', sent_at: new Date(), last_error: null })
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
   * Needs SMTP_URL; the caller decides what to do without it.
   */
  async function deliverDirect(mail: OutgoingMail): Promise<void> {
    if (!options.smtpUrl) throw new Error('deliverDirect needs SMTP_URL.');
    await pool().sendMail({
      from: options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      headers: mail.headers ?? {},
    });
  }

  function close() {
    transporter?.close();
    pooled?.close();
    transporter = undefined;
    pooled = undefined;
  }

  return { send, deliver, deliverDirect, close, smtpConfigured: !!options.smtpUrl };
}

export type Mailer = ReturnType<typeof createMailer>;
