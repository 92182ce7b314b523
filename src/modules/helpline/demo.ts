import { sql } from 'kysely';
import type { Services } from '../../platform/services.js';
import { createHelpline } from './service.js';

/** Three plainly fictional callback requests, so that the demo adviser has a queue to work through. */
const DEMO_REQUESTS = [
  { name: 'Sam', phone: '07700900982', reason: 'A child protection conference next week about my son.', safeToLeaveMessage: true },
  {
    name: 'Alex',
    phone: '01632960001',
    reason: 'My granddaughter may come to live with me. What support is there?',
    safeToLeaveMessage: false,
  },
  { name: 'Jo', phone: '07700900123', reason: 'We got a letter about a meeting and do not understand it.', safeToLeaveMessage: true },
];

/** A fourth, asked for some days ago for a time that has now come, so that "Callbacks due now" has one too. */
const DUE_REQUEST = {
  name: 'Robin',
  phone: '07700900456',
  reason: 'The council wants to hold a family group conference. What happens there?',
  safeToLeaveMessage: true,
};

const DAY = 24 * 60 * 60_000;

export async function seedHelplineDemo(services: Services): Promise<void> {
  const helpline = createHelpline(services, { slotCapacity: 100, retentionMonths: 12, requestsPerHour: 20 });
  const slots = await helpline.freeSlots();
  for (const [index, request] of DEMO_REQUESTS.entries()) {
    const slot = slots[index * 3];
    if (!slot) return;
    await helpline.requestCallback({ ...request, email: '', slot: slot.startsAt, forSomeoneElse: false, needs: '' });
  }
  await seedDueRequest(services, helpline);
}

/**
 * Booked as the family would have booked it a few days ago, in the latest slot that has since begun. The line's hours,
 * weekends and bank holidays decide which slots there were, so the slot is looked up rather than made up, reaching
 * further back when the line was closed (over Christmas, say).
 */
async function seedDueRequest(services: Services, helpline: ReturnType<typeof createHelpline>) {
  const now = Date.now();
  for (const daysBack of [3, 7, 14, 28]) {
    const askedAt = new Date(now - daysBack * DAY);
    const begun = (await helpline.freeSlots(askedAt)).filter((slot) => slot.startsAt.getTime() <= now - 60 * 60_000);
    const slot = begun.at(-1);
    if (!slot) continue;
    const booked = await helpline.requestCallback(
      { ...DUE_REQUEST, email: '', slot: slot.startsAt, forSomeoneElse: false, needs: '' },
      askedAt,
    );
    if (!booked.ok) return;
    // A request's creation time is never changed in use; only the demo dates this one back to when it was "asked".
    await sql`update helpline_callbacks set created_at = ${askedAt} where reference = ${booked.reference}`.execute(services.db);
    return;
  }
}
