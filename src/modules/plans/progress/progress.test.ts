import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ANY_VIEWER, testApp, type TestContext } from '../../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';
import { addDays, formatDay, londonDay } from '../../../platform/time.js';
import type { Mark } from '../schema.js';
import type { Plans } from '../service.js';

describe('plans: reviews, progress, facts and the review queue', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let plans: Plans;
  let child: { id: string; familyId: string };
  let planId: string;
  let actionIds: string[];
  const today = londonDay(new Date());
  const startedOn = addDays(today, -200);

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    plans = t.app.plans;
    child = await addChild(t.app, world, 'worker', { givenName: 'Ivy', familyName: 'Fictonby' });
    const started = await plans.start(world.viewer('worker'), child.id, {
      type: 'child-protection',
      category: 'MUL',
      startedOn,
      initialConferenceOn: startedOn,
      nextReviewOn: addDays(startedOn, 90),
    });
    assert.ok(started.ok);
    planId = started.id;
    actionIds = [];
    for (const [action, ownerKind] of [
      ['Take Ivy to the dentist', 'family-member'],
      ['Walk Ivy to school by 8.50am', 'family-member'],
      ['Apply for the support fund with the family', 'professional'],
    ] as const) {
      const added = await plans.addAction(world.viewer('worker'), child.id, planId, {
        action,
        ownerKind,
        owner: 'Mum',
        dueOn: addDays(startedOn, 30),
      });
      assert.ok(added.ok);
      actionIds.push(added.id);
    }
    assert.ok((await plans.addOutcome(world.viewer('worker'), child.id, planId, 'Ivy’s teeth are looked after.')).ok);
    assert.ok(
      (await plans.recordCoreGroup(world.viewer('teammate'), child.id, planId, { heldOn: addDays(startedOn, 10), note: 'Agreed.' })).ok,
    );
  });
  after(() => t.close());

  const progressOf = (marks: Mark[]) => actionIds.map((actionId, i) => ({ actionId, mark: marks[i]!, evidence: `Evidence ${i}` }));
  const review = (heldOn: string, marks: Mark[], nextReviewOn: string | null = null) =>
    plans.recordReview(world.viewer('worker'), child.id, planId, { heldOn, nextReviewOn, progress: progressOf(marks) });
  const storedProgress = () =>
    t.app.services.db.selectFrom('plan_progress').select(['review_id', 'action_id', 'mark', 'evidence']).execute();

  it('records progress for every action at once, or nothing', async () => {
    const missing = await plans.recordReview(world.viewer('worker'), child.id, planId, {
      heldOn: addDays(startedOn, 90),
      nextReviewOn: null,
      progress: progressOf(['done', 'partly', 'not-done']).slice(0, 2),
    });
    assert.ok(!missing.ok && missing.reason === 'invalid' && missing.errors.some((e) => e.field === `mark-${actionIds[2]}`));
    const stranger = await plans.recordReview(world.viewer('worker'), child.id, planId, {
      heldOn: addDays(startedOn, 90),
      nextReviewOn: null,
      progress: [
        ...progressOf(['done', 'partly', 'not-done']),
        { actionId: '00000000-0000-4000-8000-000000000000', mark: 'done', evidence: 'x' },
      ],
    });
    assert.ok(!stranger.ok && stranger.reason === 'invalid');
    const early = await review(addDays(startedOn, -1), ['done', 'partly', 'not-done']);
    assert.ok(!early.ok && early.reason === 'invalid' && early.errors[0]!.field === 'heldOn-day');
    assert.deepEqual(await storedProgress(), []);
    assert.equal((await t.app.services.db.selectFrom('plan_reviews').select('id').execute()).length, 0);
  });

  it('adds each review’s own marks and never overwrites an earlier one, with a conference in the chronology', async () => {
    const first = await review(addDays(startedOn, 90), ['partly', 'not-done', 'done'], addDays(startedOn, 150));
    assert.ok(first.ok);
    const sameDay = await review(addDays(startedOn, 90), ['done', 'done', 'done']);
    assert.ok(!sameDay.ok && sameDay.reason === 'invalid' && sameDay.errors[0]!.field === 'heldOn-day');
    const second = await review(addDays(startedOn, 150), ['partly', 'not-done', 'not-done'], addDays(today, 5));
    assert.ok(second.ok);
    const stored = await storedProgress();
    assert.equal(stored.length, 6);
    assert.deepEqual(
      stored
        .filter((p) => p.review_id === first.id)
        .map((p) => p.mark)
        .sort(),
      ['done', 'not-done', 'partly'],
      'the first review keeps its marks',
    );
    const conferences = await t.app.practiceRecords!.eventsOf([child.id], ['child-protection-conference']);
    assert.deepEqual(
      conferences.map((e) => e.occurredOn),
      [startedOn, addDays(startedOn, 90), addDays(startedOn, 150)],
    );
  });

  it('reads the plan with its grid and plain pointers', async () => {
    const read = await plans.read(world.viewer('manager'), child.id, planId);
    assert.ok(read.ok);
    assert.equal(read.plan.reviews.length, 2);
    assert.equal(read.plan.nextReviewOn, addDays(today, 5));
    assert.deepEqual(
      read.plan.outcomes.map((o) => o.outcome),
      ['Ivy’s teeth are looked after.'],
    );
    assert.deepEqual(
      read.pattern.grid.map((row) => row.marks),
      [
        ['partly', 'partly'],
        ['not-done', 'not-done'],
        ['done', 'not-done'],
      ],
    );
    assert.deepEqual(
      read.pattern.pointers.map((p) => p.text),
      [
        '1 of 3 actions not done at two reviews in a row',
        'The same action marked partly at every review (two reviews): “Take Ivy to the dentist”',
        `“Apply for the support fund with the family” was done at the review on ${formatDay(addDays(startedOn, 90))}, but not done at the review on ${formatDay(addDays(startedOn, 150))}`,
        '1 of 1 action that professionals own not done at the last review',
      ],
    );
  });

  it('tells oversight every fact of the plan', async () => {
    const facts = await plans.facts([child.id, '00000000-0000-4000-8000-000000000000']);
    assert.deepEqual(facts, [
      {
        childId: child.id,
        planId,
        type: 'child-protection',
        category: 'MUL',
        startedOn,
        endedOn: null,
        initialConferenceOn: startedOn,
        coreGroupsOn: [addDays(startedOn, 10)],
        reviewsOn: [addDays(startedOn, 90), addDays(startedOn, 150)],
        nextReviewOn: addDays(today, 5),
        // First review: two actions not `not-done`; second: the third action slipped from done to not done.
        actionsMovedAtReviews: [2, 1],
      },
    ]);
    assert.deepEqual(await t.app.planFacts!([]), []);
    assert.deepEqual(await t.app.planFacts!([child.id]), facts, 'the module serves the contract');
  });

  it('counts reviews due within 10 days or overdue for the worker’s own children and the manager’s team', async () => {
    const queue = t.app.plans.staffQueues().find((q) => q.key === 'plans.reviews-due')!;
    const now = new Date();
    assert.equal((await queue.measure(now, world.users.worker.principal)).count, 1);
    assert.equal((await queue.measure(now, world.users.manager.principal)).count, 1);
    assert.equal((await queue.measure(now, world.users.teammate.principal)).count, 0, 'not the teammate’s own child');
    assert.equal((await queue.measure(now, world.users.southManager.principal)).count, 0);
    assert.equal((await queue.measure(now, world.users.outsider.principal)).count, 0);
    assert.equal((await queue.measure(now, ANY_VIEWER)).count, 0);
    const in20Days = new Date(now.getTime() + 20 * 86_400_000);
    const overdue = await queue.measure(in20Days, world.users.worker.principal);
    assert.equal(overdue.count, 1);
    assert.ok(overdue.oldest && overdue.oldest < in20Days);
  });

  it('exports what a person recorded, and keeps the plans when their account goes', async () => {
    const written = await plans.writtenBy(world.users.worker.id);
    assert.equal(written.plansStarted.length, 1);
    assert.equal(written.reviewsRecorded.length, 2);
    assert.equal(written.actionsAdded, 3);
    await plans.forgetAuthor(world.users.worker.id);
    const row = await t.app.services.db
      .selectFrom('plans')
      .select(['started_by', 'started_by_label'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    assert.equal(row.started_by, null);
    assert.equal(row.started_by_label, world.users.worker.email);
    assert.equal((await plans.writtenBy(world.users.worker.id)).reviewsRecorded.length, 0);
  });
});
