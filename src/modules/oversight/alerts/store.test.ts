import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { addChild, anEvent, practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';
import type { AssessmentFact, PlanFact } from '../../../platform/practice/drift-facts.js';
import { addDays, addMonths, londonDay } from '../../../platform/time.js';
import { calendarOf } from '../../../platform/calendar/calendar.js';
import { alertClock } from './clock.js';
import { createAlertStore } from './store.js';
import { REFRESH_ALERTS_JOB, SEND_DIGESTS_JOB } from './module-part.js';

describe('oversight: drift alerts stored by the daily run', () => {
  let t: TestContext;
  let world: PracticeWorld;
  const today = londonDay(new Date());
  const children: Record<'onPlan' | 'conference' | 'quiet' | 'outsider', string> = {} as never;
  let assessments: AssessmentFact[] = [];
  let plans: PlanFact[] = [];

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    children.onPlan = (await addChild(t.app, world, 'worker', { givenName: 'Rowan', familyName: 'Fictonby' })).id;
    children.conference = (await addChild(t.app, world, 'teammate', { givenName: 'Sorrel', familyName: 'Madeupton' })).id;
    children.quiet = (await addChild(t.app, world, 'worker', { givenName: 'Ash', familyName: 'Samplefield' })).id;
    children.outsider = (await addChild(t.app, world, 'outsider', { givenName: 'Elm', familyName: 'Elsewhereton' })).id;
    const record = async (
      who: 'worker' | 'teammate' | 'outsider',
      childId: string,
      kind: string,
      daysAgo: number,
      planType: string | null = null,
    ) => {
      const recorded = await t.app.cases.chronology.recordEvent(
        world.viewer(who),
        childId,
        anEvent({ kind: kind as never, occurredOn: addDays(today, -daysAgo), planType: planType as never }),
      );
      assert.ok(recorded.ok, JSON.stringify(recorded));
    };
    await record('worker', children.onPlan, 'plan-start', 60, 'child-protection');
    await record('teammate', children.conference, 'strategy-discussion', 40);
    await record('outsider', children.outsider, 'plan-start', 60, 'child-protection');
  });
  after(() => t.close());

  // A store with pages of two children, so that four children take three pages, and facts of the test's choosing
  // standing in for the assessments and plans modules.
  const store = (options: { withFacts?: boolean } = {}) =>
    createAlertStore(
      t.app.services.db,
      {
        practiceRecords: () => t.app.practiceRecords,
        assessmentFacts: () => (options.withFacts ? async (ids) => assessments.filter((a) => ids.includes(a.childId)) : null),
        planFacts: () => (options.withFacts ? async (ids) => plans.filter((p) => ids.includes(p.childId)) : null),
      },
      async (organisationId, day) => alertClock(await t.app.oversight.nationOf(organisationId), day, 5),
      { childrenPerPage: 2 },
    );
  const stored = () => t.app.services.db.selectFrom('oversight_alerts').selectAll().orderBy('child_reference').orderBy('rule').execute();

  it('works out every child’s alerts a page at a time, with the child’s team, worker, reference and initials', async () => {
    const counted = await store().refreshAll(today);
    assert.deepEqual(counted, { children: 4, alerts: 3 });
    const rows = await stored();
    const onPlan = rows.find((r) => r.child_id === children.onPlan)!;
    assert.equal(onPlan.rule, 'not-seen-alone');
    assert.equal(onPlan.state, 'missed');
    assert.equal(onPlan.due_on, addDays(today, -32));
    assert.equal(onPlan.team_id, world.teams.north);
    assert.equal(onPlan.worker_id, world.users.worker.id);
    assert.equal(onPlan.child_initials, 'R. F.');
    assert.match(onPlan.child_reference, /\S/);
    assert.doesNotMatch(onPlan.reason, /Rowan|Fictonby/);
    const conference = rows.find((r) => r.child_id === children.conference)!;
    assert.equal(conference.rule, 'conference-overdue');
    assert.equal(conference.state, 'missed');
    assert.equal(rows.find((r) => r.child_id === children.outsider)?.organisation_id, world.councils.elsewhere);
    assert.equal(rows.filter((r) => r.child_id === children.quiet).length, 0);
  });

  it('replaces what it stored: an alert that no longer holds is gone after the next run, and a run twice changes nothing', async () => {
    const held = await t.app.cases.chronology.recordEvent(
      world.viewer('teammate'),
      children.conference,
      anEvent({ kind: 'child-protection-conference', occurredOn: addDays(today, -1) }),
    );
    assert.ok(held.ok);
    await store().refreshAll(today);
    const once = await stored();
    assert.equal(once.filter((r) => r.child_id === children.conference).length, 0);
    await store().refreshAll(today);
    assert.deepEqual(await stored(), once);
  });

  it('forgets the alerts of a child who is no longer in the records', async () => {
    const gone = '00000000-0000-4000-8000-000000000001';
    await t.app.services.db
      .insertInto('oversight_alerts')
      .values({
        child_id: gone,
        rule: 'not-seen-alone',
        state: 'missed',
        due_on: today,
        reason: 'left over',
        organisation_id: world.councils.northmoor,
        team_id: world.teams.north,
        worker_id: null,
        child_reference: 'SYN-GONE',
        child_initials: 'G. G.',
        computed_on: today,
      })
      .execute();
    const ffff = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
    await t.app.services.db
      .insertInto('oversight_alerts')
      .values({
        child_id: ffff,
        rule: 'not-seen-alone',
        state: 'missed',
        due_on: today,
        reason: 'left over',
        organisation_id: world.councils.northmoor,
        team_id: world.teams.north,
        worker_id: null,
        child_reference: 'SYN-LAST',
        child_initials: 'L. L.',
        computed_on: today,
      })
      .execute();
    await store().refreshAll(today);
    const ids = (await stored()).map((r) => r.child_id);
    assert.ok(!ids.includes(gone));
    assert.ok(!ids.includes(ffff));
  });

  it('runs the rules of the assessments and plans modules only when they serve their facts, counting by the nation', async () => {
    const started = addDays(today, -120);
    assessments = [{ childId: children.quiet, assessmentId: 'a-1', startedOn: started, completedOn: null, authorisedOn: null }];
    plans = [
      {
        childId: children.quiet,
        planId: 'p-1',
        type: 'child-in-need',
        category: null,
        startedOn: addMonths(today, -19),
        endedOn: null,
        initialConferenceOn: null,
        coreGroupsOn: [],
        reviewsOn: [],
        nextReviewOn: null,
        actionsMovedAtReviews: [],
      },
    ];
    await store().refreshAll(today);
    assert.equal((await stored()).filter((r) => r.child_id === children.quiet).length, 0, 'without the modules, their rules do not run');

    await store({ withFacts: true }).refreshAll(today);
    const quiet = (await stored()).filter((r) => r.child_id === children.quiet);
    assert.deepEqual(quiet.map((r) => r.rule).sort(), ['assessment-overdue', 'plan-over-18-months']);
    const englishDue = calendarOf('england').addWorkingDays(started, 45);
    assert.ok(englishDue.ok);
    assert.equal(quiet.find((r) => r.rule === 'assessment-overdue')?.due_on, englishDue.date);

    await t.app.oversight.setNation(world.viewer('manager').actor, world.councils.northmoor, 'wales');
    try {
      await store({ withFacts: true }).refreshAll(today);
      const welshDue = calendarOf('wales').addWorkingDays(started, 42);
      assert.ok(welshDue.ok);
      const welsh = (await stored()).find((r) => r.child_id === children.quiet && r.rule === 'assessment-overdue');
      assert.equal(welsh?.due_on, welshDue.date);
    } finally {
      await t.app.oversight.setNation(world.viewer('manager').actor, world.councils.northmoor, 'england');
    }
  });

  it('works one child out again on demand, leaving the others as they were', async () => {
    const before = (await stored()).filter((r) => r.child_id !== children.quiet);
    const child = (await t.app.practiceRecords!.heldChildren(world.viewer('worker'))).children.find((c) => c.id === children.quiet)!;
    const alerts = await store().refreshChild(child, today);
    assert.deepEqual(alerts, []);
    assert.deepEqual(await stored(), before);
  });

  it('is the daily job, which then queues the digest', async () => {
    await t.app.services.db.deleteFrom('oversight_alerts').execute();
    await t.app.services.jobs.enqueue(REFRESH_ALERTS_JOB, {});
    await t.app.worker.drain();
    assert.ok((await stored()).some((r) => r.child_id === children.onPlan && r.rule === 'not-seen-alone'));
    const jobs = await t.app.services.db
      .selectFrom('jobs')
      .select(['kind', 'status'])
      .where('kind', 'in', [REFRESH_ALERTS_JOB, SEND_DIGESTS_JOB])
      .execute();
    assert.ok(
      jobs.some((j) => j.kind === SEND_DIGESTS_JOB && j.status === 'done'),
      JSON.stringify(jobs),
    );
  });
});
