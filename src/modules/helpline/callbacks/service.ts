import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { Mailer } from '../../../platform/mail.js';
import { LINE } from '../opening-hours/line.js';
import { formatClock, formatWeekday } from '../../../platform/time.js';
import type { LineCalendar } from '../opening-hours/service.js';
import { bookableSlots, type Slot } from './slots.js';

export interface CallbackRequest {
  name: string;
  phone: string;
  email: string;
  slot: Date;
  safeToLeaveMessage: boolean;
  forSomeoneElse: boolean;
  needs: string;
  reason: string;
}

export type RequestOutcome = { ok: true; reference: string; slot: Slot } | { ok: false; problem: 'slot-gone' | 'slot-full' };

// No 0/O or 1/I, so that a reference read out over the phone is never misheard.
const REFERENCE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += REFERENCE_LETTERS[randomInt(REFERENCE_LETTERS.length)];
  return `AL-${code}`;
}

/** "Tuesday 24 November, 9.30am to 10am" */
export function describeSlot(slot: { startsAt: Date; endsAt: Date }): string {
  return `${formatWeekday(slot.startsAt)}, ${formatClock(slot.startsAt)} to ${formatClock(slot.endsAt)}`;
}

export function createCallbacks(deps: { db: Db; audit: AuditLog; mailer: Mailer; capacity: number; baseUrl: string }) {
  const { db, mailer, capacity } = deps;
  const rules = { slotMinutes: LINE.slotMinutes, leadMinutes: LINE.leadMinutes, bookingDays: LINE.bookingDays };

  /** Slots a caller may choose now: real slots of the next five open days that still have a place. */
  async function freeSlots(calendar: LineCalendar, now = new Date()): Promise<Slot[]> {
    const slots = bookableSlots(calendar, now, rules);
    if (slots.length === 0) return [];
    const full = await db
      .selectFrom('helpline_slots')
      .select('starts_at')
      .where('starts_at', '>=', slots[0]!.startsAt)
      .where('starts_at', '<=', slots.at(-1)!.startsAt)
      .where('taken', '>=', capacity)
      .execute();
    const fullTimes = new Set(full.map((row) => new Date(row.starts_at).getTime()));
    return slots.filter((slot) => !fullTimes.has(slot.startsAt.getTime()));
  }

  /**
   * Takes a place in the slot and records the request, all or nothing. The upsert's row lock makes concurrent requests
   * for the last place take turns, and its WHERE is checked again after the wait, so only one of them gets it.
   *
   * Whatever the number has waiting already, the visitor gets the same answer: anyone can type a family's number into
   * the form, and a refusal ("this number already has requests waiting") told them the family had asked for help. A
   * repeat is taken like any other request, place and all (a repeat that took no place would show in which slots
   * fill up), and marked with how many others were open, for advisers. Floods are held back per client instead, by
   * the rate limit on the form.
   */
  async function requestCallback(calendar: LineCalendar, input: CallbackRequest, now = new Date()): Promise<RequestOutcome> {
    const slot = bookableSlots(calendar, now, rules).find((s) => s.startsAt.getTime() === input.slot.getTime());
    if (!slot) return { ok: false, problem: 'slot-gone' };
    return db.transaction().execute(async (trx): Promise<RequestOutcome> => {
      const place = await trx
        .insertInto('helpline_slots')
        .values({ starts_at: slot.startsAt, taken: 1 })
        .onConflict((oc) =>
          oc
            .column('starts_at')
            .doUpdateSet({ taken: sql`helpline_slots.taken + 1` })
            .where('helpline_slots.taken', '<', capacity),
        )
        .returning('taken')
        .executeTakeFirst();
      // No row back means the slot was full and nothing was written.
      if (!place) return { ok: false, problem: 'slot-full' };
      const reference = newReference();
      const open = await trx
        .selectFrom('helpline_callbacks')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('phone', '=', input.phone)
        .where('status', '!=', 'closed')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('helpline_callbacks')
        .values({
          open_for_number: Number(open.count),
          reference,
          slot_starts_at: slot.startsAt,
          due_at: slot.startsAt,
          name: input.name,
          phone: input.phone,
          email: input.email || null,
          safe_to_leave_message: input.safeToLeaveMessage,
          for_someone_else: input.forSomeoneElse,
          needs: input.needs || null,
          reason: input.reason,
          status: 'waiting',
        })
        .execute();
      if (input.email) await mailer.send(confirmationMail(input, reference, slot), trx);
      return { ok: true, reference, slot };
    });
  }

  function confirmationMail(input: CallbackRequest, reference: string, slot: Slot) {
    return {
      to: input.email,
      subject: `Your callback request ${reference}`,
      text: [
        // No name: whoever else reads this inbox learns as little as possible.
        'Hello,',
        '',
        `We have your request for a call back from the advice line. Your reference is ${reference}.`,
        '',
        `An adviser will call you on ${describeSlot(slot)}.`,
        input.safeToLeaveMessage
          ? 'If you do not answer, the adviser may leave a short message that does not say what the call is about.'
          : 'If you do not answer, the adviser will not leave a message, and will try again later.',
        '',
        `If you need to change the time, or you no longer need the call, phone the advice line free on ${LINE.number} and give your reference.`,
        '',
        `About the advice line: ${deps.baseUrl}/advice-line`,
        '',
        'We give general information, not legal advice.',
      ].join('\n'),
    };
  }

  return { freeSlots, requestCallback };
}

export type Callbacks = ReturnType<typeof createCallbacks>;
