import { addMonths } from '../../../platform/time.js';
import { type FlagEvent } from '../chronology/event-kinds.js';

/**
 * Windows such as "within 12 months" are calendar months, inclusive: a later day is within `months` of an earlier one
 * when it comes no later than the same date that many months on (the month's last day if it is shorter). So 1 January
 * 2025 and 1 January 2026 are within 12 months (365 days); 2 January 2026 is not; 1 March 2024 and 1 March 2025 are
 * (366 days, over a leap day).
 */
export function withinMonths(earlier: string, later: string, months: number): boolean {
  return later <= addMonths(earlier, months);
}

/** Keeps count of the events in a sliding window and says when there are enough of them to matter. */
export interface Tally {
  add(event: FlagEvent): void;
  remove(event: FlagEvent): void;
  enough(): boolean;
}

export function atLeast(minimum: number): Tally {
  let count = 0;
  return { add: () => count++, remove: () => count--, enough: () => count >= minimum };
}

export function distinctAtLeast(minimum: number, keyOf: (event: FlagEvent) => string): Tally {
  const counts = new Map<string, number>();
  return {
    add: (event) => counts.set(keyOf(event), (counts.get(keyOf(event)) ?? 0) + 1),
    remove: (event) => {
      const left = counts.get(keyOf(event))! - 1;
      if (left === 0) counts.delete(keyOf(event));
      else counts.set(keyOf(event), left);
    },
    enough: () => counts.size >= minimum,
  };
}

/**
 * The most recent window that holds enough events: all the events (oldest first, as given) within `months` before the
 * latest event at which the tally is satisfied. The most recent is the one a worker needs to hear about now; one pass, so
 * a long chronology costs no more than reading it.
 */
export function latestWindow(events: readonly FlagEvent[], months: number, tally: Tally): FlagEvent[] | null {
  let start = 0;
  let lastDayInWindow = events.length > 0 ? addMonths(events[0]!.occurredOn, months) : '';
  let found: [number, number] | null = null;
  for (let end = 0; end < events.length; end++) {
    tally.add(events[end]!);
    while (events[end]!.occurredOn > lastDayInWindow) {
      tally.remove(events[start++]!);
      lastDayInWindow = addMonths(events[start]!.occurredOn, months);
    }
    if (tally.enough()) found = [start, end];
  }
  return found ? events.slice(found[0], found[1] + 1) : null;
}
