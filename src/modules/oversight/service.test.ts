import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createUser, testApp, type TestContext } from '../../../tests/support/app.js';
import { personActor } from '../../platform/audit.js';
import { addChild, practiceWorld, type PracticeWorld } from '../../../tests/support/practice.js';

describe('oversight: supervision, decisions and challenges', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let childId: string;
  let southChild: string;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    ({ id: childId } = await addChild(t.app, world, 'worker', { givenName: 'Wren', familyName: 'Fictonby' }));
    ({ id: southChild } = await addChild(t.app, world, 'colleague', { givenName: 'Ash', familyName: 'Madeupton' }));
  });
  after(() => t.close());

  const audited = async (action: string) =>
    (await t.app.services.db.selectFrom('audit_log').select('subject_id').where('action', '=', action).execute()).map((r) => r.subject_id);

  it('lets a manager record supervision, and nobody else', async () => {
    const session = {
      heldOn: '2026-11-30',
      attendees: 'Demo Manager, the worker',
      discussion: 'Home conditions.',
      actions: 'Visit weekly.',
    };
    const recorded = await t.app.oversight.supervision.record(world.viewer('manager'), childId, session);
    assert.ok(recorded.ok);
    assert.deepEqual(await t.app.oversight.supervision.record(world.viewer('worker'), childId, session), {
      ok: false,
      reason: 'not-a-manager',
    });
    assert.deepEqual(await t.app.oversight.supervision.record(world.viewer('outsideManager'), childId, session), {
      ok: false,
      reason: 'hidden',
    });
    assert.deepEqual(await t.app.oversight.supervision.record(world.viewer('southManager'), childId, session), {
      ok: false,
      reason: 'break-glass',
    });
    assert.deepEqual(await t.app.oversight.supervision.record(world.viewer('analyst'), childId, session), {
      ok: false,
      reason: 'counts-only',
    });
    const [row] = await t.app.oversight.supervision.ofChild(childId);
    assert.equal(row?.discussion, 'Home conditions.');
    assert.ok((await audited('oversight.supervision-recorded')).includes(childId));
  });

  it('keeps four eyes on a decision: the proposer never approves it', async () => {
    const { decisions } = t.app.oversight;
    const proposed = await decisions.propose(world.viewer('manager'), childId, {
      decision: 'Step down to a child in need plan',
      rationale: 'Three months of good progress.',
      needsApproval: 'yes',
    });
    assert.ok(proposed.ok && proposed.status === 'awaiting-approval');
    const note = { outcome: 'approved' as const, note: 'Agreed.' };
    assert.deepEqual(await decisions.answer(world.viewer('manager'), childId, proposed.id, note), { ok: false, reason: 'own-decision' });
    assert.deepEqual(await decisions.answer(world.viewer('worker'), childId, proposed.id, note), { ok: false, reason: 'not-a-manager' });
    assert.deepEqual(await decisions.answer(world.viewer('outsideManager'), childId, proposed.id, note), { ok: false, reason: 'hidden' });
    // A decision of another child, through this child's address, is not found.
    assert.deepEqual(await decisions.answer(world.viewer('southManager'), southChild, proposed.id, note), {
      ok: false,
      reason: 'not-found',
    });
    assert.deepEqual(await decisions.answer(world.viewer('southManager'), childId, proposed.id, note), {
      ok: false,
      reason: 'break-glass',
    });

    // Another manager of the team approves it, once.
    const otherManager = await secondManager();
    assert.deepEqual(await decisions.answer(otherManager, childId, proposed.id, note), { ok: true, status: 'approved' });
    assert.deepEqual(await decisions.answer(otherManager, childId, proposed.id, note), { ok: false, reason: 'not-awaiting' });
    const [shown] = await decisions.ofChild(childId);
    assert.equal(shown?.status, 'approved');
    assert.equal(shown?.approverNote, 'Agreed.');
    assert.ok((await audited('oversight.decision-approved')).includes(childId));
  });

  it('refuses a practitioner’s decision without approval, and lets a manager record one', async () => {
    const { decisions } = t.app.oversight;
    const alone = { decision: 'Close the case', rationale: 'All goals met.', needsApproval: 'no' as const };
    const refused = await decisions.propose(world.viewer('worker'), childId, alone);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.reason, 'invalid');
    const recorded = await decisions.propose(world.viewer('manager'), childId, alone);
    assert.ok(recorded.ok && recorded.status === 'recorded');
    const byWorker = await decisions.propose(world.viewer('worker'), childId, { ...alone, needsApproval: 'yes' });
    assert.ok(byWorker.ok && byWorker.status === 'awaiting-approval');
    // The worker's manager may approve what the worker proposed.
    assert.deepEqual(await decisions.answer(world.viewer('manager'), childId, byWorker.id, { outcome: 'not-approved', note: 'Not yet.' }), {
      ok: true,
      status: 'not-approved',
    });
  });

  it('has the database refuse self-approval whatever the code says', async () => {
    const { db } = t.app.services;
    const { id } = await db
      .insertInto('oversight_decisions')
      .values({
        organisation_id: world.councils.northmoor,
        team_id: world.teams.north,
        child_id: childId,
        decision: 'Test',
        rationale: 'Test',
        status: 'awaiting-approval',
        proposed_by: world.users.manager.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await assert.rejects(
      db
        .updateTable('oversight_decisions')
        .set({ status: 'approved', approver_id: world.users.manager.id, approved_at: new Date() })
        .where('id', '=', id)
        .execute(),
      /oversight_decisions_four_eyes|proposed it/,
    );
    await assert.rejects(
      db.updateTable('oversight_decisions').set({ proposed_by: world.users.worker.id }).where('id', '=', id).execute(),
      /cannot be changed/,
    );
    await db.deleteFrom('oversight_decisions').where('id', '=', id).execute();
  });

  it('keeps the whole chain of a challenge: raised, answered, escalated, answered again by someone else', async () => {
    const { challenges, decisions } = t.app.oversight;
    const [decision] = await decisions.ofChild(childId);
    const raised = await challenges.raise(world.viewer('worker'), childId, { about: decision!.id, concern: 'The step-down is too soon.' });
    assert.ok(raised.ok);
    assert.deepEqual(await challenges.answer(world.viewer('teammate'), childId, raised.id, 'No.'), { ok: false, reason: 'not-a-manager' });
    assert.deepEqual(await challenges.escalate(world.viewer('worker'), childId, raised.id, 'Still too soon.'), {
      ok: false,
      reason: 'not-answered',
    });
    assert.deepEqual(await challenges.answer(world.viewer('manager'), childId, raised.id, 'The plan keeps weekly visits.'), { ok: true });
    assert.deepEqual(await challenges.answer(world.viewer('manager'), childId, raised.id, 'Again.'), {
      ok: false,
      reason: 'already-answered',
    });
    assert.deepEqual(await challenges.escalate(world.viewer('manager'), childId, raised.id, 'Mine.'), { ok: false, reason: 'own-answer' });

    const escalated = await challenges.escalate(world.viewer('worker'), childId, raised.id, 'Weekly visits are not enough.');
    assert.ok(escalated.ok && escalated.level === 2);
    assert.deepEqual(await challenges.escalate(world.viewer('worker'), childId, raised.id, 'Twice.'), {
      ok: false,
      reason: 'already-escalated',
    });
    // The manager who answered level 1 does not answer level 2.
    assert.deepEqual(await challenges.answer(world.viewer('manager'), childId, escalated.id, 'Same answer.'), {
      ok: false,
      reason: 'answered-earlier',
    });
    const other = await secondManager();
    assert.deepEqual(await challenges.answer(other, childId, escalated.id, 'Agreed: visits twice a week.'), { ok: true });

    const [chain] = await challenges.ofChild(childId);
    assert.deepEqual(
      chain?.steps.map((s) => [s.level, s.concern, s.answer]),
      [
        [1, 'The step-down is too soon.', 'The plan keeps weekly visits.'],
        [2, 'Weekly visits are not enough.', 'Agreed: visits twice a week.'],
      ],
    );
    assert.equal(chain?.decisionId, decision!.id);
    assert.equal(chain?.open, null);
    assert.equal(chain?.canEscalate, true);
  });

  it('takes a challenge about the plan, refuses one about another child’s decision, and stops at level 3', async () => {
    const { challenges, decisions } = t.app.oversight;
    const other = await decisions.propose(world.viewer('colleague'), southChild, { decision: 'X', rationale: 'Y', needsApproval: 'yes' });
    assert.ok(other.ok);
    const wrong = await challenges.raise(world.viewer('worker'), childId, { about: other.id, concern: 'Not theirs.' });
    assert.equal(!wrong.ok && wrong.reason, 'invalid');
    const notAnId = await challenges.raise(world.viewer('worker'), childId, { about: "plan' or 1=1", concern: 'x' });
    assert.equal(!notAnId.ok && notAnId.reason, 'invalid');
    assert.deepEqual(await challenges.raise(world.viewer('outsider'), childId, { about: 'plan', concern: 'x' }), {
      ok: false,
      reason: 'hidden',
    });

    let step = await challenges.raise(world.viewer('worker'), childId, { about: 'plan', concern: 'The plan has no date for the review.' });
    assert.ok(step.ok);
    const answerers = [world.viewer('manager'), await secondManager(), await secondManager()];
    for (let level = 1; level <= 3; level++) {
      assert.deepEqual(await challenges.answer(answerers[level - 1]!, childId, step.id, `Answer ${level}`), { ok: true });
      const next = await challenges.escalate(world.viewer('worker'), childId, step.id, `Escalation ${level}`);
      if (level === 3) {
        assert.deepEqual(next, { ok: false, reason: 'top-level' });
        break;
      }
      assert.ok(next.ok);
      step = { ok: true, id: next.id };
    }
    assert.deepEqual(await challenges.answer(world.viewer('worker'), childId, step.id, 'x'), { ok: false, reason: 'not-a-manager' });
  });

  it('lists what waits for a manager’s team, and counts it on /staff for that team only', async () => {
    const { oversight } = t.app;
    const open = await oversight.challenges.raise(world.viewer('worker'), childId, { about: 'plan', concern: 'Open question.' });
    assert.ok(open.ok);
    const waiting = await oversight.waitingFor(world.viewer('manager'));
    assert.ok(waiting.challenges.some((c) => c.open?.id === open.id && c.child.id === childId));
    assert.ok(waiting.decisions.every((d) => d.child.teamId === world.teams.north));
    const south = await oversight.waitingFor(world.viewer('southManager'));
    assert.ok(south.challenges.every((c) => c.child.id !== childId));
    assert.ok((await audited('oversight.team-queue-viewed')).includes(world.teams.north));

    const [decisionsQueue, challengesQueue] = oversight.staffQueues();
    const north = await challengesQueue!.measure(new Date(), world.users.manager.principal);
    assert.ok(north.count >= 1);
    assert.equal((await challengesQueue!.measure(new Date(), world.users.outsideManager.principal)).count, 0);
    const awaiting = await t.app.services.db
      .selectFrom('oversight_decisions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('team_id', '=', world.teams.north)
      .where('status', '=', 'awaiting-approval')
      .executeTakeFirstOrThrow();
    assert.equal((await decisionsQueue!.measure(new Date(), world.users.manager.principal)).count, awaiting.n);
  });

  it('audits every reading of a child’s oversight, and refuses other organisations as missing', async () => {
    const read = await t.app.oversight.oversightOf(world.viewer('teammate'), childId);
    assert.ok(read.ok && read.supervision.length > 0 && read.decisions.length > 0 && read.challenges.length > 0);
    assert.ok((await audited('oversight.viewed')).includes(childId));
    assert.deepEqual(await t.app.oversight.oversightOf(world.viewer('outsider'), childId), { ok: false, reason: 'hidden' });
    assert.deepEqual(await t.app.oversight.oversightOf(world.viewer('analyst'), childId), { ok: false, reason: 'counts-only' });
    assert.deepEqual(await t.app.oversight.oversightOf(world.viewer('worker'), '00000000-0000-4000-8000-000000000000'), {
      ok: false,
      reason: 'hidden',
    });
  });

  it('exports what a person wrote, and erases their name but keeps the child’s records', async () => {
    const exported = await t.app.oversight.personalData.exportFor(world.users.worker.id);
    assert.ok(exported['Challenges you raised'].length >= 3);
    assert.ok(exported['Management decisions you proposed'].length >= 1);
    await t.app.oversight.personalData.erase(world.users.manager.id);
    const read = await t.app.oversight.oversightOf(world.viewer('worker'), childId);
    assert.ok(read.ok);
    assert.equal(read.supervision[0]?.recordedBy, 'A former member of staff');
    const after = await t.app.oversight.personalData.exportFor(world.users.manager.id);
    assert.equal(after['Supervision sessions you recorded'].length, 0);
  });

  /** Another manager in the north team, made for the test: the four-eyes rule needs a second pair. */
  let managers = 0;
  async function secondManager() {
    managers++;
    const user = await createUser(t.app, { roles: ['manager'], organisationId: world.councils.northmoor, teamId: world.teams.north });
    const principal = {
      id: user.id,
      email: user.email,
      roles: ['manager' as const],
      organisationId: world.councils.northmoor,
      teamId: world.teams.north,
    };
    return { principal, sessionHash: `second-manager-${managers}`, actor: personActor(principal, '192.0.2.1') };
  }
});
