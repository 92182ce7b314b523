import { createHmac } from 'node:crypto';
import { randomToken, safeEqual, sha256 } from '../../../platform/crypto.js';
import type { Actor, AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { Mailer } from '../../../platform/mail.js';
import type { SubscriberStatus } from '../schema.js';

/**
 * What a person agrees to when they sign up. The version is stored with their consent, so that a change of wording
 * never rewrites what earlier subscribers agreed to: bump the version whenever the text changes.
 */
export const NEWSLETTER_CONSENT = {
  version: '2026-11-a',
  text: 'Send me the Hearth newsletter by email, about once a month: news, new advice and campaigns. I can unsubscribe at any time, and Hearth will not share my email address.',
} as const;

const CONFIRM_LINK_DAYS = 7;

export interface SubscriptionLinks {
  preferences: string;
  /** For the List-Unsubscribe header (RFC 8058): a POST here unsubscribes with no further step. */
  oneClick: string;
}

/**
 * The newsletter list: double opt-in sign-up, consent records, preferences and unsubscribing. The links in emails
 * carry an HMAC of the subscriber's id, so they need nothing stored and work for as long as the secret does.
 */
/** What the mail provider reports: a bounce, or a complaint that the mail was unwanted. */
export type ProblemKind = 'bounce' | 'complaint';

export function createSubscriptions(db: Db, audit: AuditLog, mailer: Mailer, options: { baseUrl: string; secrets: readonly string[] }) {
  const [currentSecret] = options.secrets;
  const signature = (secret: string, subscriberId: string) =>
    createHmac('sha256', secret).update(`newsletter-preferences:${subscriberId}`).digest('base64url').slice(0, 32);

  function linksFor(subscriberId: string): SubscriptionLinks {
    const query = `s=${subscriberId}&t=${signature(currentSecret!, subscriberId)}`;
    return {
      preferences: `${options.baseUrl}/newsletter/preferences?${query}`,
      oneClick: `${options.baseUrl}/api/v1/newsletter/unsubscribe?${query}`,
    };
  }

  /** The subscriber a preferences link belongs to, or null if the link was altered. Old secrets still open old links. */
  async function fromLink(subscriberId: unknown, token: unknown) {
    if (typeof subscriberId !== 'string' || typeof token !== 'string' || !/^[0-9a-f-]{36}$/.test(subscriberId)) return null;
    if (!options.secrets.some((secret) => safeEqual(signature(secret, subscriberId), token))) return null;
    return (await db.selectFrom('newsletter_subscribers').selectAll().where('id', '=', subscriberId).executeTakeFirst()) ?? null;
  }

  async function recordConsentEvent(
    trx: Db,
    subscriberId: string,
    event: 'requested' | 'confirmed' | 'unsubscribed' | 'resubscribed' | 'bounced' | 'complained',
    method: string,
  ) {
    await trx
      .insertInto('newsletter_consent_events')
      .values({
        subscriber_id: subscriberId,
        event,
        method,
        wording_version: ['requested', 'confirmed', 'resubscribed'].includes(event) ? NEWSLETTER_CONSENT.version : null,
      })
      .execute();
  }

  /**
   * Someone asked to join. Whatever the address's state, the page they see is the same, so the form cannot be used
   * to find out who is on the list; the email they get says what happened.
   */
  async function requestSubscription(email: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('newsletter_subscribers').selectAll().where('email', '=', email).forUpdate().executeTakeFirst();
      if (existing?.status === 'subscribed') {
        const links = linksFor(existing.id);
        await mailer.send(
          {
            to: email,
            subject: 'You are already getting the Hearth newsletter',
            text: `Someone, probably you, asked to sign this address up to the Hearth newsletter. It is already signed up, so nothing has changed.\n\nTo change your preferences or unsubscribe:\n${links.preferences}\n`,
          },
          trx,
        );
        return;
      }
      const token = randomToken(32);
      const expires = new Date(Date.now() + CONFIRM_LINK_DAYS * 86_400_000);
      const subscriber = existing
        ? await trx
            .updateTable('newsletter_subscribers')
            // The status stays as it is (pending, or unsubscribed) until the button is pressed.
            .set({ confirm_token_hash: sha256(token), confirm_expires_at: expires })
            .where('id', '=', existing.id)
            .returning('id')
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('newsletter_subscribers')
            .values({ email, status: 'pending', confirm_token_hash: sha256(token), confirm_expires_at: expires })
            .returning('id')
            .executeTakeFirstOrThrow();
      await recordConsentEvent(trx, subscriber.id, 'requested', 'sign-up form at /newsletter');
      await mailer.send(
        {
          to: email,
          subject: 'Confirm you want the Hearth newsletter',
          text: [
            'Someone, probably you, asked to sign this address up to the Hearth newsletter.',
            '',
            'To confirm, open this link and press the button on the page:',
            `${options.baseUrl}/newsletter/confirm?token=${token}`,
            '',
            `The link works for ${CONFIRM_LINK_DAYS} days. If you did not ask for this, ignore this email and you will not hear from us again.`,
          ].join('\n'),
        },
        trx,
      );
    });
  }

  /** The pending subscriber a confirmation link belongs to, or null when it is unknown, used or expired. */
  async function pendingFor(token: unknown) {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    const row = await db
      .selectFrom('newsletter_subscribers')
      .select(['id', 'email'])
      .where('confirm_token_hash', '=', sha256(token))
      .where('confirm_expires_at', '>', new Date())
      .executeTakeFirst();
    return row ?? null;
  }

  /** The button on the confirmation page was pressed: consent is given, and recorded with its wording's version. */
  async function confirm(token: unknown): Promise<{ email: string; links: SubscriptionLinks } | null> {
    if (typeof token !== 'string') return null;
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('newsletter_subscribers')
        .set({
          status: 'subscribed',
          confirm_token_hash: null,
          confirm_expires_at: null,
          consented_at: new Date(),
          consent_wording_version: NEWSLETTER_CONSENT.version,
          consent_method: 'double opt-in: sign-up form, then the button on the emailed confirmation page',
          unsubscribed_at: null,
        })
        .where('confirm_token_hash', '=', sha256(token))
        .where('confirm_expires_at', '>', new Date())
        .returning(['id', 'email'])
        .executeTakeFirst();
      if (!row) return null;
      await recordConsentEvent(trx, row.id, 'confirmed', 'button on the emailed confirmation page');
      return { email: row.email, links: linksFor(row.id) };
    });
  }

  async function unsubscribe(subscriberId: string, method: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('newsletter_subscribers')
        .set({ status: 'unsubscribed', unsubscribed_at: new Date(), confirm_token_hash: null, confirm_expires_at: null })
        .where('id', '=', subscriberId)
        .where('status', 'in', ['subscribed', 'pending', 'bounced'])
        .returning('id')
        .executeTakeFirst();
      if (row) await recordConsentEvent(trx, subscriberId, 'unsubscribed', method);
    });
  }

  /** From the preferences page, whose link proves the address is theirs: no second confirmation is needed. */
  async function resubscribe(subscriberId: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('newsletter_subscribers')
        .set({
          status: 'subscribed',
          unsubscribed_at: null,
          consented_at: new Date(),
          consent_wording_version: NEWSLETTER_CONSENT.version,
          consent_method: 'button on the preferences page, opened from a link emailed to the address',
        })
        .where('id', '=', subscriberId)
        .where('status', '<>', 'subscribed')
        .returning('id')
        .executeTakeFirst();
      if (row) await recordConsentEvent(trx, subscriberId, 'resubscribed', 'preferences page');
    });
  }

  /**
   * A bounce or complaint reported by the mail provider. A hard bounce or a complaint stops all further sending to the
   * address, because sending on would harm the charity's ability to deliver mail at all.
   */
  async function problemWithin(trx: Db, email: string, kind: ProblemKind): Promise<SubscriberStatus | null> {
    const row = await trx
      .updateTable('newsletter_subscribers')
      .set((eb) => ({
        status: kind === 'bounce' ? 'bounced' : 'complained',
        bounce_count: kind === 'bounce' ? eb('bounce_count', '+', 1) : eb.ref('bounce_count'),
      }))
      .where('email', '=', email.trim().toLowerCase())
      .returning(['id', 'status'])
      .executeTakeFirst();
    if (!row) return null;
    await recordConsentEvent(trx, row.id, kind === 'bounce' ? 'bounced' : 'complained', 'reported by the mail provider');
    return row.status;
  }

  /**
   * A report from the mail provider, pasted by an editor or given to `hearth newsletter bounce`: every address on the
   * list is marked, and the report is audited, together. Addresses not on the list are returned as `unknown`.
   */
  async function recordProblems(actor: Actor, addresses: readonly string[], kind: ProblemKind) {
    return db.transaction().execute(async (trx) => {
      const recorded: string[] = [];
      const unknown: string[] = [];
      for (const address of addresses) ((await problemWithin(trx, address, kind)) ? recorded : unknown).push(address);
      const details = { recorded: recorded.length, unknown: unknown.length };
      await audit.record({ actor, action: `newsletter.${kind}s-recorded`, details }, trx);
      return { recorded, unknown };
    });
  }

  async function counts(): Promise<Record<SubscriberStatus, number>> {
    const rows = await db
      .selectFrom('newsletter_subscribers')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute();
    const result = { pending: 0, subscribed: 0, unsubscribed: 0, bounced: 0, complained: 0 };
    for (const row of rows) result[row.status] = Number(row.count);
    return result;
  }

  async function byEmail(email: string) {
    const subscriber = await db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    if (!subscriber) return null;
    const history = await db
      .selectFrom('newsletter_consent_events')
      .select(['event', 'wording_version', 'method', 'at'])
      .where('subscriber_id', '=', subscriber.id)
      .orderBy('id')
      .execute();
    return { subscriber, history };
  }

  async function erase(email: string): Promise<void> {
    await db.deleteFrom('newsletter_subscribers').where('email', '=', email.toLowerCase()).execute();
  }

  return { linksFor, fromLink, requestSubscription, pendingFor, confirm, unsubscribe, resubscribe, recordProblems, counts, byEmail, erase };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
