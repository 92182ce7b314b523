import type { Principal } from '../access.js';
import type { Role } from '../roles.js';

/** How many items wait in a queue, and when the oldest began waiting (or fell due). Null when nothing waits. */
export interface QueueMeasure {
  count: number;
  oldest: Date | null;
}

/**
 * A piece of staff work that waits for someone: held posts, callbacks due, invitations nobody has accepted. A module
 * offers its queues through `staffQueues` in its HearthModule, and the workspace at /staff shows each one to the
 * roles it names, with how many wait and how long the oldest has.
 */
export interface StaffQueue {
  /** Stable and unique, such as "boards.held-posts": the page uses it as an id, tests find the queue by it. */
  key: string;
  /** What waits, in the words of the person who deals with it: "Posts waiting for a moderator". */
  title: string;
  /** Who the queue is for: someone holding one of these roles sees it. */
  roles: readonly Role[];
  /** The page where the work is done, and the words of the link to it. */
  href: string;
  linkText: string;
  /**
   * How the oldest item's time reads. "waiting": since it arrived ("oldest waiting 3 hours"); "due": since it fell due
   * ("oldest due 2 days ago").
   */
  age: 'waiting' | 'due';
  /**
   * One small aggregate query in the module that owns the items. `now` is passed in so that tests choose the time;
   * `principal` is the person looking, for work that belongs to their team or their cases alone.
   */
  measure(now: Date, principal: Principal): Promise<QueueMeasure>;
}

/** The one row of a queue's aggregate query, `count(*)::int as count` and `min(...) as oldest`, as a measure. */
export function queueMeasure(row: { count: number | string; oldest: Date | string | null } | undefined): QueueMeasure {
  const count = Number(row?.count ?? 0);
  return { count, oldest: count > 0 && row?.oldest ? new Date(row.oldest) : null };
}

/** A queue as the workspace shows it. */
export interface MeasuredQueue {
  key: string;
  title: string;
  href: string;
  linkText: string;
  count: number;
  /** "oldest waiting 3 hours", or null when nothing waits. */
  oldest: string | null;
}

/** The queues this person's roles give them, in the order the modules offer them. */
export function queuesFor(queues: readonly StaffQueue[], principal: Principal): StaffQueue[] {
  return queues.filter((queue) => queue.roles.some((role) => principal.roles.includes(role)));
}

/** Measures each queue with its own query. A handful per person, so they simply run one after another. */
export async function measureQueues(queues: readonly StaffQueue[], now: Date, principal: Principal): Promise<MeasuredQueue[]> {
  const measured: MeasuredQueue[] = [];
  for (const queue of queues) {
    const { count, oldest } = await queue.measure(now, principal);
    measured.push({
      key: queue.key,
      title: queue.title,
      href: queue.href,
      linkText: queue.linkText,
      count,
      oldest: count > 0 && oldest ? describeOldest(queue.age, oldest, now) : null,
    });
  }
  return measured;
}

export function describeOldest(age: StaffQueue['age'], oldest: Date, now: Date): string {
  const span = timeSpanInWords(now.getTime() - oldest.getTime());
  if (age === 'waiting') return `oldest waiting ${span}`;
  return span === 'less than a minute' ? 'oldest due just now' : `oldest due ${span} ago`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A length of time as a person would say it, rounded down to the largest unit that reads naturally: "3 hours", not
 * "3.4 hours" or "204 minutes". Hours run to two days, days to two weeks and weeks to two months, because "36 hours"
 * tells a moderator more than "1 day".
 */
export function timeSpanInWords(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return 'less than a minute';
  if (span < HOUR) return plural(Math.floor(span / MINUTE), 'minute');
  if (span < 2 * DAY) return plural(Math.floor(span / HOUR), 'hour');
  if (span < 14 * DAY) return plural(Math.floor(span / DAY), 'day');
  if (span < 61 * DAY) return plural(Math.floor(span / (7 * DAY)), 'week');
  if (span < 365 * DAY) return plural(Math.floor(span / (30 * DAY)), 'month');
  return plural(Math.floor(span / (365 * DAY)), 'year');
}
