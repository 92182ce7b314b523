import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld } from '../../../tests/support/practice.js';
import { addDays, londonDay } from '../../platform/time.js';
import type { NewPlan } from './rules.js';
import type { Plans } from './service.js';

describe('plans: starting, changing and ending plans', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let plans: Plans;
  let child: { id: string; familyId: string };
  const today = londonDay(new Date());
  const protection: NewPlan = {
    type: 'child-protection',
    category: 'NEG',
    startedOn: addDays(today, -60),
    initialConferenceOn: addDays(today, -60),
    nextReviewOn: addDays(today, 30),
  };
  const inNeed: NewPlan = {
    type: 'child-in-need',
    category: null,
    startedOn: addDays(today, -20),
    initialConferenceOn: null,
    nextReviewOn: null,
  };

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    plans = t.app.plans;
    child = await addChild(t.app, world, 'worker', { givenName: 'Ada', familyName: 'Fictonby' });
  });
  after(() => t.close());

  const events = (kinds: string[]) => t.app.practiceRecords!.eventsOf([child.id], kinds);
  const auditActions = async () =>
    (await t.app.services.db.selectFrom('audit_log').select('action').where('subject_id', '=', child.id).execute()).map((a) => a.action);

  it('starts a child protection plan with its category, and writes the conference and the start to the chronology', async () => {
    const started = await plans.start(world.viewer('worker'), child.id, protection);
    assert.ok(started.ok);
    const written = await events(['plan-start', 'child-protection-conference']);
    assert.deepEqual(
      written.map((e) => [e.kind, e.occurredOn, e.planType]),
      [
        ['child-protection-conference', protection.initialConferenceOn, null],
        ['plan-start', protection.startedOn, 'child-protection'],
      ],
    );
    assert.ok((await auditActions()).includes('plans.plan-started'));
  });

  it('allows one current plan of each type per child, and another type beside it', async () => {
    const again = await plans.start(world.viewer('teammate'), child.id, {
      ...protection,
      startedOn: addDays(today, -1),
      initialConferenceOn: addDays(today, -1),
    });
    assert.equal(again.ok, false);
    assert.ok(!again.ok && again.reason === 'conflict' && /already|current child protection plan/.test(again.errors[0]!.text));
    assert.ok((await plans.start(world.viewer('teammate'), child.id, inNeed)).ok);
    // The database holds the rule too, whoever writes.
    await assert.rejects(
      t.app.services.db
        .insertInto('plans')
        .values({ child_id: child.id, type: 'child-in-need', started_on: today, started_by_label: 'test' })
        .execute(),
      /plans_one_current_per_type/,
    );
  });

  it('asks a category and an initial conference of a child protection plan only', async () => {
    const cases: [Partial<NewPlan>, string][] = [
      [{ category: null }, 'category'],
      [{ initialConferenceOn: null }, 'initialConferenceOn-day'],
      [{ initialConferenceOn: addDays(protection.startedOn, 1) }, 'initialConferenceOn-day'],
      [{ type: 'early-help' }, 'category'],
      [{ type: 'early-help', category: null }, 'initialConferenceOn-day'],
      [{ nextReviewOn: protection.startedOn }, 'nextReviewOn-day'],
    ];
    const other = await addChild(t.app, world, 'worker', { givenName: 'Cy', familyName: 'Madeupton' });
    for (const [change, field] of cases) {
      const result = await plans.start(world.viewer('worker'), other.id, { ...protection, ...change });
      assert.ok(!result.ok && result.reason === 'invalid' && result.errors.some((e) => e.field === field), JSON.stringify(change));
    }
    assert.deepEqual(await t.app.practiceRecords!.eventsOf([other.id], ['plan-start']), []);
  });

  it('rolls the plan back with its chronology event when the chronology refuses it', async () => {
    const other = await addChild(t.app, world, 'worker', { givenName: 'Dee', familyName: 'Samplefield' });
    // The chronology takes no event dated in the future; the plan's own form would not either, but the service is asked directly.
    const result = await plans.start(world.viewer('worker'), other.id, { ...inNeed, startedOn: addDays(today, 3) });
    assert.equal(result.ok, false);
    assert.equal((await t.app.services.db.selectFrom('plans').select('id').where('child_id', '=', other.id).execute()).length, 0);
  });

  it('rolls the chronology event back when the plan change fails after it', async () => {
    const other = await addChild(t.app, world, 'worker', { givenName: 'Eli', familyName: 'Samplefield' });
    const started = await plans.start(world.viewer('worker'), other.id, inNeed);
    assert.ok(started.ok);
    // The last step of ending a plan is its audit entry, written after the chronology's event: make it fail.
    const db = t.app.services.db;
    await sql`create function plans_test_refuse() returns trigger language plpgsql as $$
      begin if new.action = 'plans.plan-ended' then raise exception 'refused by the test'; end if; return new; end $$`.execute(db);
    await sql`create trigger plans_test_refuse before insert on audit_log for each row execute function plans_test_refuse()`.execute(db);
    try {
      await assert.rejects(
        plans.end(world.viewer('worker'), other.id, started.id, { endedOn: today, reason: 'Outcomes met.' }),
        /refused by the test/,
      );
    } finally {
      await sql`drop trigger plans_test_refuse on audit_log`.execute(db);
      await sql`drop function plans_test_refuse()`.execute(db);
    }
    assert.deepEqual(await t.app.practiceRecords!.eventsOf([other.id], ['plan-end']), []);
    const plan = await db.selectFrom('plans').select('ended_on').where('id', '=', started.id).executeTakeFirstOrThrow();
    assert.equal(plan.ended_on, null);
    const ended = await plans.end(world.viewer('worker'), other.id, started.id, { endedOn: today, reason: 'Outcomes met.' });
    assert.ok(ended.ok);
    const written = await t.app.practiceRecords!.eventsOf([other.id], ['plan-end']);
    assert.deepEqual(
      written.map((e) => [e.occurredOn, e.planType]),
      [[today, 'child-in-need']],
    );
  });

  it('keeps an ended plan as it ended, and lets a new plan of its type start', async () => {
    const other = await addChild(t.app, world, 'worker', { givenName: 'Fen', familyName: 'Samplefield' });
    const first = await plans.start(world.viewer('worker'), other.id, inNeed);
    assert.ok(first.ok);
    const early = await plans.end(world.viewer('worker'), other.id, first.id, {
      endedOn: addDays(inNeed.startedOn, -1),
      reason: 'Too early.',
    });
    assert.ok(!early.ok && early.reason === 'invalid' && early.errors[0]!.field === 'endedOn-day');
    assert.ok((await plans.end(world.viewer('worker'), other.id, first.id, { endedOn: today, reason: 'Stepped down to early help.' })).ok);
    const after = await plans.addOutcome(world.viewer('worker'), other.id, first.id, 'Too late.');
    assert.ok(!after.ok && after.reason === 'conflict');
    assert.ok(!(await plans.end(world.viewer('worker'), other.id, first.id, { endedOn: today, reason: 'Twice.' })).ok);
    assert.ok((await plans.start(world.viewer('worker'), other.id, { ...inNeed, startedOn: today })).ok);
    const listed = await plans.list(world.viewer('worker'), other.id);
    assert.ok(listed.ok);
    assert.deepEqual(
      listed.plans.map((p) => p.endedOn),
      [null, today],
      'the current plan first',
    );
  });

  it('opens plans to the worker, team and manager; asks another team to break the glass; hides them from others', async () => {
    const listed = await plans.list(world.viewer('worker'), child.id);
    assert.ok(listed.ok);
    const planId = listed.plans[0]!.id;
    for (const who of ['worker', 'teammate', 'manager'] as const) {
      assert.ok((await plans.read(world.viewer(who), child.id, planId)).ok, who);
    }
    assert.deepEqual(await plans.read(world.viewer('colleague'), child.id, planId), { ok: false, reason: 'break-glass' });
    assert.deepEqual(await plans.list(world.viewer('outsider'), child.id), { ok: false, reason: 'hidden' });
    assert.deepEqual(await plans.read(world.viewer('outsideManager'), child.id, planId), { ok: false, reason: 'hidden' });
    assert.deepEqual(await plans.read(world.viewer('analyst'), child.id, planId), { ok: false, reason: 'counts-only' });
    assert.deepEqual(await plans.addOutcome(world.viewer('outsider'), child.id, planId, 'x'), { ok: false, reason: 'hidden' });
    assert.deepEqual(await plans.addOutcome(world.viewer('colleague'), child.id, planId, 'x'), { ok: false, reason: 'break-glass' });
    // Another child's plan, a plan id that is no id at all, and a child id that is none: all a missing plan.
    const other = await addChild(t.app, world, 'worker', { givenName: 'Gus', familyName: 'Madeupton' });
    assert.deepEqual(await plans.read(world.viewer('worker'), other.id, planId), { ok: false, reason: 'hidden' });
    assert.deepEqual(await plans.read(world.viewer('worker'), child.id, "1' or '1'='1"), { ok: false, reason: 'hidden' });
    assert.deepEqual(await plans.list(world.viewer('worker'), 'not-an-id'), { ok: false, reason: 'hidden' });
    // With the glass broken in this session, the colleague may read it.
    const glass = await t.app.cases.breakGlass.breakGlass(
      world.viewer('colleague'),
      child.id,
      'Covering the duty desk today.',
      'break-glass',
    );
    assert.ok(glass.ok);
    assert.ok((await plans.read(world.viewer('colleague'), child.id, planId)).ok);
    assert.equal((await plans.read(world.viewer('colleague', 'another-session'), child.id, planId)).ok, false);
    assert.ok((await auditActions()).includes('plans.plan-viewed'));
  });
});
