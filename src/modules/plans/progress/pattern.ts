import { formatDay } from '../../../platform/time.js';
import type { Mark, OwnerKind } from '../schema.js';

/**
 * The compliance pattern of a plan: every action's progress at every review, and plain pointers to what the marks say
 * together. Feigned or partial compliance rarely shows at one review; it shows as the same marks coming back, review
 * after review (Ofsted, "In the child's time", 2014). Pure, so that each rule is tested on its own.
 */
export interface PatternAction {
  id: string;
  action: string;
  ownerKind: OwnerKind;
}

export interface PatternReview {
  id: string;
  heldOn: string;
  /** Each action's mark at this review, by action id. An action added after the review has none. */
  marks: Readonly<Record<string, Mark>>;
}

export const POINTER_RULES = ['not-done-in-a-row', 'partly-every-review', 'slipped-back', 'professionals-behind'] as const;
export type PointerRule = (typeof POINTER_RULES)[number];

export interface Pointer {
  rule: PointerRule;
  text: string;
  actionIds: string[];
}

export interface GridRow {
  action: PatternAction;
  /** One cell per review, oldest first: the mark, or null when the action was not yet in the plan. */
  marks: (Mark | null)[];
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const inWords = (n: number) => NUMBER_WORDS[n] ?? String(n);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const quoted = (text: string) => `“${text}”`;

export function progressGrid(actions: readonly PatternAction[], reviews: readonly PatternReview[]): GridRow[] {
  return actions.map((action) => ({ action, marks: reviews.map((review) => review.marks[action.id] ?? null) }));
}

/** An action's marks oldest first, skipping reviews before it joined the plan. */
const marksOf = (actionId: string, reviews: readonly PatternReview[]) =>
  reviews.flatMap((review) => (review.marks[actionId] ? [{ mark: review.marks[actionId], heldOn: review.heldOn }] : []));

/** How many reviews in a row, ending at the latest, marked the action not done. */
function notDoneStreak(actionId: string, reviews: readonly PatternReview[]): number {
  let streak = 0;
  for (let i = reviews.length - 1; i >= 0 && reviews[i]!.marks[actionId] === 'not-done'; i--) streak++;
  return streak;
}

/** "3 of 5 actions not done at two reviews in a row": the actions still not done at the latest reviews. */
function notDoneInARow(actions: readonly PatternAction[], reviews: readonly PatternReview[]): Pointer[] {
  const latest = reviews.at(-1);
  if (!latest || reviews.length < 2) return [];
  const streaks = actions.map((a) => ({ id: a.id, streak: notDoneStreak(a.id, reviews) })).filter((s) => s.streak >= 2);
  if (streaks.length === 0) return [];
  const marked = actions.filter((a) => latest.marks[a.id]).length;
  const shortest = Math.min(...streaks.map((s) => s.streak));
  return [
    {
      rule: 'not-done-in-a-row',
      text: `${streaks.length} of ${plural(marked, 'action')} not done at ${inWords(shortest)} reviews in a row`,
      actionIds: streaks.map((s) => s.id),
    },
  ];
}

/** The same action marked partly at every review, at two reviews or more: help that never quite lands, or a show of it. */
function partlyEveryReview(actions: readonly PatternAction[], reviews: readonly PatternReview[]): Pointer[] {
  return actions.flatMap((action) => {
    const marks = marksOf(action.id, reviews);
    if (marks.length < 2 || marks.some((m) => m.mark !== 'partly')) return [];
    return [
      {
        rule: 'partly-every-review' as const,
        text: `The same action marked partly at every review (${inWords(marks.length)} reviews): ${quoted(action.action)}`,
        actionIds: [action.id],
      },
    ];
  });
}

/** An action done at one review and not done, or only partly, at the latest: progress that did not last. */
function slippedBack(actions: readonly PatternAction[], reviews: readonly PatternReview[]): Pointer[] {
  return actions.flatMap((action) => {
    const marks = marksOf(action.id, reviews);
    const last = marks.at(-1);
    const done = marks.slice(0, -1).findLast((m) => m.mark === 'done');
    if (!last || !done || last.mark === 'done') return [];
    const now = last.mark === 'partly' ? 'only partly done' : 'not done';
    return [
      {
        rule: 'slipped-back' as const,
        text: `${quoted(action.action)} was done at the review on ${formatDay(done.heldOn)}, but ${now} at the review on ${formatDay(last.heldOn)}`,
        actionIds: [action.id],
      },
    ];
  });
}

/**
 * Professionals' own actions not done at the latest review. A plan asks as much of the professionals as of the family;
 * a family cannot comply with help that never came.
 */
function professionalsBehind(actions: readonly PatternAction[], reviews: readonly PatternReview[]): Pointer[] {
  const latest = reviews.at(-1);
  if (!latest) return [];
  const theirs = actions.filter((a) => a.ownerKind === 'professional' && latest.marks[a.id]);
  const behind = theirs.filter((a) => latest.marks[a.id] === 'not-done');
  if (behind.length === 0) return [];
  return [
    {
      rule: 'professionals-behind',
      text: `${behind.length} of ${plural(theirs.length, 'action')} that professionals own not done at the last review`,
      actionIds: behind.map((a) => a.id),
    },
  ];
}

/** Every pointer the marks give, in the order a worker should read them. */
export function compliancePointers(actions: readonly PatternAction[], reviews: readonly PatternReview[]): Pointer[] {
  return [
    ...notDoneInARow(actions, reviews),
    ...partlyEveryReview(actions, reviews),
    ...slippedBack(actions, reviews),
    ...professionalsBehind(actions, reviews),
  ];
}

/**
 * For each review, how many actions changed their mark since the action's mark at the review before. An action marked
 * for the first time (at the first review, or added since the last) counts as moved unless it is marked `not-done`:
 * nothing had been done before, so `done` or `partly` is a move and `not-done` is standing still.
 */
export function actionsMovedAtReviews(reviews: readonly PatternReview[]): number[] {
  const lastMark = new Map<string, Mark>();
  return reviews.map((review) => {
    let moved = 0;
    for (const [actionId, mark] of Object.entries(review.marks)) {
      const before = lastMark.get(actionId) ?? 'not-done';
      if (mark !== before) moved++;
      lastMark.set(actionId, mark);
    }
    return moved;
  });
}
