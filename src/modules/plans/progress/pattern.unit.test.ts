import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mark } from '../schema.js';
import { actionsMovedAtReviews, compliancePointers, progressGrid, type PatternAction, type PatternReview } from './pattern.js';

const action = (id: string, ownerKind: PatternAction['ownerKind'] = 'family-member'): PatternAction => ({
  id,
  action: `Action ${id}`,
  ownerKind,
});
/** Reviews from rows of marks, one string per review: "d" done, "p" partly, "n" not done, "-" not yet in the plan. */
function reviewsOf(ids: string[], ...rows: string[]): PatternReview[] {
  const marks: Record<string, Mark> = { d: 'done', p: 'partly', n: 'not-done' };
  return rows.map((row, i) => ({
    id: `r${i}`,
    heldOn: `2026-0${i + 1}-15`,
    marks: Object.fromEntries(ids.flatMap((id, j) => (row[j] === '-' ? [] : [[id, marks[row[j]!]!]]))),
  }));
}
const rules = (actions: PatternAction[], reviews: PatternReview[]) => compliancePointers(actions, reviews).map((p) => p.rule);

describe('plans: the compliance pattern', () => {
  const five = ['a', 'b', 'c', 'd', 'e'].map((id) => action(id));
  const ids = five.map((a) => a.id);

  it('counts the actions not done at two reviews in a row, of those reviewed', () => {
    const pointers = compliancePointers(five, reviewsOf(ids, 'nnndd', 'nnndd'));
    assert.deepEqual(pointers, [
      { rule: 'not-done-in-a-row', text: '3 of 5 actions not done at two reviews in a row', actionIds: ['a', 'b', 'c'] },
    ]);
    assert.equal(
      compliancePointers(five, reviewsOf(ids, 'nnnnn', 'nnnnn', 'nnndd'))[0]!.text,
      '3 of 5 actions not done at three reviews in a row',
    );
  });

  it('says nothing of one review, or of actions done since', () => {
    assert.deepEqual(compliancePointers(five, reviewsOf(ids, 'nnnnn')), []);
    assert.deepEqual(rules(five, reviewsOf(ids, 'nnnnn', 'ddddd')), []);
    assert.deepEqual(compliancePointers(five, []), []);
  });

  it('points to the same action marked partly at every review', () => {
    const pointers = compliancePointers(five, reviewsOf(ids, 'pdddd', 'pdddd', 'pdddd'));
    assert.deepEqual(pointers, [
      { rule: 'partly-every-review', text: 'The same action marked partly at every review (three reviews): “Action a”', actionIds: ['a'] },
    ]);
    assert.deepEqual(rules(five, reviewsOf(ids, 'pdddd', 'ddddd')), [], 'partly then done is progress');
    // An action added after the first review counts from the review it joined.
    assert.deepEqual(rules(five, reviewsOf(ids, 'dddd-', 'ddddp', 'ddddp')), ['partly-every-review']);
  });

  it('points to an action done once and slipping back since', () => {
    const pointers = compliancePointers(five, reviewsOf(ids, 'ddddd', 'pdddd', 'ndddd'));
    assert.deepEqual(
      pointers.map((p) => [p.rule, p.actionIds]),
      [['slipped-back', ['a']]],
    );
    assert.equal(pointers[0]!.text, '“Action a” was done at the review on 15 January 2026, but not done at the review on 15 March 2026');
  });

  it('points to professionals’ own actions not done, so that a family is not blamed for help that never came', () => {
    const mixed = [action('a', 'professional'), action('b', 'professional'), action('c')];
    const pointers = compliancePointers(mixed, reviewsOf(['a', 'b', 'c'], 'ndd'));
    assert.deepEqual(pointers, [
      { rule: 'professionals-behind', text: '1 of 2 actions that professionals own not done at the last review', actionIds: ['a'] },
    ]);
  });

  it('lays the marks out as a grid of actions by reviews, with a gap before an action joined', () => {
    const grid = progressGrid(five.slice(0, 2), reviewsOf(['a', 'b'], 'n-', 'pd'));
    assert.deepEqual(
      grid.map((row) => row.marks),
      [
        ['not-done', 'partly'],
        [null, 'done'],
      ],
    );
  });

  it('counts the actions that moved at each review, a first mark moving unless it is not done', () => {
    assert.deepEqual(actionsMovedAtReviews(reviewsOf(ids, 'nnpdd', 'nnpdd', 'dnppp', 'dnppp')), [3, 0, 3, 0]);
    assert.deepEqual(actionsMovedAtReviews(reviewsOf(['a', 'b'], 'n-', 'np')), [0, 1]);
    assert.deepEqual(actionsMovedAtReviews([]), []);
  });
});
