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

export async function seedHelplineDemo(services: Services): Promise<void> {
  const helpline = createHelpline(services, { slotCapacity: 100, retentionMonths: 12, requestsPerHour: 20 });
  const slots = await helpline.freeSlots();
  for (const [index, request] of DEMO_REQUESTS.entries()) {
    const slot = slots[index * 3];
    if (!slot) return;
    await helpline.requestCallback({ ...request, email: '', slot: slot.startsAt, forSomeoneElse: false, needs: '' });
  }
}
