import { type FlagEvent } from '../chronology/event-kinds.js';

/** A case closed, then the referral that opened it again. */
export interface Reopening {
  closed: FlagEvent;
  referral: FlagEvent;
}

/**
 * Each closure paired with the first referral on a later day, before any other closure. A referral on the day of the
 * closure is left out: that is the same-day "no further action" closure of the referral itself, not a return. Two
 * referrals after one closure are one reopening, not two.
 */
export function reopenings(events: readonly FlagEvent[]): Reopening[] {
  const found: Reopening[] = [];
  let closed: FlagEvent | null = null;
  for (const event of events) {
    if (event.kind === 'case-closed') closed = event;
    else if (event.kind === 'referral' && closed && event.occurredOn > closed.occurredOn) {
      found.push({ closed, referral: event });
      closed = null;
    }
  }
  return found;
}
