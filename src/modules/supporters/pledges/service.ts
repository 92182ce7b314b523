import { randomBytes } from 'node:crypto';
import type { Actor, AuditLog, SignedInActor } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { Mailer } from '../../../platform/mail.js';
import { claimScheduleCsv, GIFT_AID_WORDING, type ClaimLine } from './gift-aid.js';
import type { PaymentProvider } from './payment-providers.js';

export interface GiftAidDetails {
  title: string;
  firstName: string;
  lastName: string;
  houseNameOrNumber: string;
  address: string;
  postcode: string;
}

export interface NewPledge {
  amountPence: number;
  frequency: 'one-off' | 'monthly';
  giftAid: GiftAidDetails | null;
}

const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

// No 0, O, 1 or I, so a reference read out over the phone or typed into a bank's form cannot be mistaken.
const REFERENCE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReference(): string {
  const bytes = randomBytes(8);
  return `HP-${[...bytes].map((b) => REFERENCE_LETTERS[b % REFERENCE_LETTERS.length]).join('')}`;
}

/** Pledges, Gift Aid declarations and the payments received against them. */
export function createPledges(deps: { db: Db; mailer: Mailer; audit: AuditLog; provider: PaymentProvider; baseUrl: string }) {
  const { db, mailer, audit, provider } = deps;

  /** The supporter is signed in, and is written to at the address they are signed in with. */
  async function create(pledge: NewPledge, supporter: SignedInActor) {
    const reference = newReference();
    const toStart = { reference, amountPence: pledge.amountPence, frequency: pledge.frequency };
    const { providerReference } = await provider.start(toStart);
    return db.transaction().execute(async (trx) => {
      let declarationId: string | null = null;
      if (pledge.giftAid) {
        const declaration = await trx
          .insertInto('gift_aid_declarations')
          .values({
            user_id: supporter.id,
            title: pledge.giftAid.title,
            first_name: pledge.giftAid.firstName,
            last_name: pledge.giftAid.lastName,
            house_name_or_number: pledge.giftAid.houseNameOrNumber,
            address: pledge.giftAid.address,
            postcode: pledge.giftAid.postcode,
            wording_version: GIFT_AID_WORDING.version,
            wording: GIFT_AID_WORDING.text,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        declarationId = declaration.id;
      }
      const row = await trx
        .insertInto('pledges')
        .values({
          reference,
          user_id: supporter.id,
          amount_pence: pledge.amountPence,
          frequency: pledge.frequency,
          provider: provider.name,
          provider_reference: providerReference,
          status: 'awaiting-payment',
          gift_aid_declaration_id: declarationId,
        })
        .returning(['id', 'reference'])
        .executeTakeFirstOrThrow();
      await mailer.send(
        {
          to: supporter.label,
          subject: 'Thank you for your pledge to Hearth',
          text: [
            `Thank you for pledging ${pounds(pledge.amountPence)}${pledge.frequency === 'monthly' ? ' a month' : ''}. It helps families get advice when they need it most.`,
            '',
            'How to pay:',
            ...provider.howToPay(toStart),
            '',
            pledge.giftAid ? 'You made a Gift Aid declaration, so we can claim an extra 25p for every £1 you give.' : '',
            `See or cancel your pledges at any time: ${deps.baseUrl}/support/pledges`,
          ].join('\n'),
        },
        trx,
      );
      await audit.record(
        {
          actor: supporter,
          action: 'supporters.pledged',
          subjectType: 'pledge',
          subjectId: row.id,
          details: { giftAid: !!declarationId },
        },
        trx,
      );
      return row;
    });
  }

  async function mine(userId: string) {
    return db.selectFrom('pledges').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  }

  async function byReference(reference: string, userId: string) {
    return (
      (await db.selectFrom('pledges').selectAll().where('reference', '=', reference).where('user_id', '=', userId).executeTakeFirst()) ??
      null
    );
  }

  /** Only the supporter's own pledge, and only one not already finished. */
  async function cancel(pledgeId: string, supporter: SignedInActor): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
    if (!/^[0-9a-f-]{36}$/.test(pledgeId)) return { ok: false, reason: 'not-found' };
    const pledge = await db
      .selectFrom('pledges')
      .selectAll()
      .where('id', '=', pledgeId)
      .where('user_id', '=', supporter.id)
      .where('status', 'in', ['awaiting-payment', 'active'])
      .executeTakeFirst();
    if (!pledge) return { ok: false, reason: 'not-found' };
    await provider.cancel({ reference: pledge.reference, amountPence: pledge.amount_pence, frequency: pledge.frequency });
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('pledges').set({ status: 'cancelled', cancelled_at: new Date() }).where('id', '=', pledgeId).execute();
      await mailer.send(
        {
          to: supporter.label,
          subject: 'Your pledge to Hearth is cancelled',
          text: `Your pledge ${pledge.reference} of ${pounds(pledge.amount_pence)}${pledge.frequency === 'monthly' ? ' a month' : ''} is cancelled.${pledge.frequency === 'monthly' ? ' Please also cancel the standing order with your bank.' : ''}\n\nThank you for your support.`,
        },
        trx,
      );
      await audit.record(
        {
          actor: supporter,
          action: 'supporters.pledge-cancelled',
          subjectType: 'pledge',
          subjectId: pledgeId,
        },
        trx,
      );
    });
    return { ok: true };
  }

  async function declarationsOf(userId: string) {
    return db.selectFrom('gift_aid_declarations').selectAll().where('user_id', '=', userId).orderBy('declared_at').execute();
  }

  /** All pledges, newest first, for staff. */
  async function all() {
    return db
      .selectFrom('pledges as p')
      .leftJoin('pledge_payments as pp', 'pp.pledge_id', 'p.id')
      .select(['p.id', 'p.reference', 'p.amount_pence', 'p.frequency', 'p.status', 'p.created_at', 'p.gift_aid_declaration_id'])
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('pp.amount_pence'), eb.lit(0)).as('received_pence'))
      .groupBy(['p.id'])
      .orderBy('p.created_at', 'desc')
      .limit(500)
      .execute();
  }

  /** Staff record money that reached the bank. The first payment makes a pledge active (monthly) or completed (one-off). */
  async function recordPayment(
    reference: string,
    amountPence: number,
    receivedOn: string,
    staff: SignedInActor,
  ): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
    return db.transaction().execute(async (trx) => {
      const pledge = await trx.selectFrom('pledges').selectAll().where('reference', '=', reference).forUpdate().executeTakeFirst();
      if (!pledge) return { ok: false, reason: 'not-found' } as const;
      const payment = await trx
        .insertInto('pledge_payments')
        .values({ pledge_id: pledge.id, amount_pence: amountPence, received_on: receivedOn, recorded_by: staff.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (pledge.status === 'awaiting-payment') {
        await trx
          .updateTable('pledges')
          .set({ status: pledge.frequency === 'monthly' ? 'active' : 'completed' })
          .where('id', '=', pledge.id)
          .execute();
      }
      const supporter = pledge.user_id
        ? await trx.selectFrom('users').select('email').where('id', '=', pledge.user_id).executeTakeFirst()
        : undefined;
      if (supporter) {
        await mailer.send(
          {
            to: supporter.email,
            subject: 'We have received your donation: thank you',
            text: `Your donation of ${pounds(amountPence)} (reference ${pledge.reference}) reached us on ${receivedOn}. Thank you: it keeps our advice free for families.`,
          },
          trx,
        );
      }
      await audit.record(
        {
          actor: staff,
          action: 'supporters.payment-recorded',
          subjectType: 'pledge',
          subjectId: pledge.id,
          details: { paymentId: payment.id, amountPence },
        },
        trx,
      );
      return { ok: true } as const;
    });
  }

  /**
   * Every payment covered by a Gift Aid declaration and not claimed yet, as HMRC's schedule, and marks them claimed in
   * the same transaction, so the same donation can never be put in two claims.
   */
  async function claimGiftAid(staff: Actor): Promise<{ csv: string; lines: number }> {
    return db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('pledge_payments as pp')
        .innerJoin('pledges as p', 'p.id', 'pp.pledge_id')
        .innerJoin('gift_aid_declarations as d', 'd.id', 'p.gift_aid_declaration_id')
        .select([
          'pp.id',
          'pp.amount_pence',
          'pp.received_on',
          'd.title',
          'd.first_name',
          'd.last_name',
          'd.house_name_or_number',
          'd.postcode',
        ])
        .where('pp.gift_aid_claimed_at', 'is', null)
        .where((eb) => eb.or([eb('d.cancelled_at', 'is', null), eb('d.cancelled_at', '>', eb.ref('pp.created_at'))]))
        .orderBy('pp.received_on')
        .orderBy('pp.id')
        .forUpdate('pp')
        .execute();
      const lines: ClaimLine[] = rows.map((r) => ({
        title: r.title,
        firstName: r.first_name,
        lastName: r.last_name,
        houseNameOrNumber: r.house_name_or_number,
        postcode: r.postcode,
        donationDate: r.received_on,
        amountPence: r.amount_pence,
      }));
      if (rows.length > 0) {
        await trx
          .updateTable('pledge_payments')
          .set({ gift_aid_claimed_at: new Date() })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
      }
      await audit.record({ actor: staff, action: 'supporters.gift-aid-claim-exported', details: { lines: rows.length } }, trx);
      return { csv: claimScheduleCsv(lines), lines: rows.length };
    });
  }

  async function paymentsOf(userId: string) {
    return db
      .selectFrom('pledge_payments as pp')
      .innerJoin('pledges as p', 'p.id', 'pp.pledge_id')
      .select(['p.reference', 'pp.amount_pence', 'pp.received_on', 'pp.gift_aid_claimed_at'])
      .where('p.user_id', '=', userId)
      .orderBy('pp.received_on')
      .execute();
  }

  /**
   * For deleting an account: open pledges are cancelled and every pledge is detached from the person. Gift Aid
   * declarations and the payments they cover stay, without the account link, because HMRC can ask to see them for
   * 6 years after a claim (a legal obligation, so the right to erasure does not reach them).
   */
  async function erasePerson(userId: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('pledges')
        .set({ status: 'cancelled', cancelled_at: new Date() })
        .where('user_id', '=', userId)
        .where('status', 'in', ['awaiting-payment', 'active'])
        .execute();
      await trx.updateTable('pledges').set({ user_id: null }).where('user_id', '=', userId).execute();
      // A declaration that never covered a payment is not needed for HMRC, so it goes.
      const unused = await trx
        .selectFrom('gift_aid_declarations as d')
        .select('d.id')
        .where('d.user_id', '=', userId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('pledges as p')
                .innerJoin('pledge_payments as pp', 'pp.pledge_id', 'p.id')
                .select('p.id')
                .whereRef('p.gift_aid_declaration_id', '=', 'd.id'),
            ),
          ),
        )
        .execute();
      const unusedIds = unused.map((d) => d.id);
      if (unusedIds.length > 0) {
        await trx.updateTable('pledges').set({ gift_aid_declaration_id: null }).where('gift_aid_declaration_id', 'in', unusedIds).execute();
        await trx.deleteFrom('gift_aid_declarations').where('id', 'in', unusedIds).execute();
      }
      await trx.updateTable('gift_aid_declarations').set({ user_id: null }).where('user_id', '=', userId).execute();
    });
  }

  return { create, mine, byReference, cancel, declarationsOf, all, recordPayment, claimGiftAid, paymentsOf, erasePerson };
}

export type Pledges = ReturnType<typeof createPledges>;
