import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, anEvent, practiceWorld, type PracticeWorld } from '../../../tests/support/practice.js';
import type { PracticeRecords } from '../../platform/practice/records.js';

/** The contract the other practice modules use: the same access check and chronology as the cases module's own pages. */
describe('cases: the children’s records contract', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let records: PracticeRecords;
  let child: { id: string; familyId: string };
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    records = t.app.practiceRecords!;
    child = await addChild(t.app, world, 'worker', { givenName: 'Ada', familyName: 'Fictonby' });
  });
  after(() => t.close());

  it('opens a child for their worker and team, asks others to break the glass, and hides them from other councils', async () => {
    const opened = await records.openChild(world.viewer('teammate'), child.id);
    assert.ok(opened.ok);
    assert.equal(opened.child.givenName, 'Ada');
    assert.equal(opened.child.workerId, world.users.worker.id);
    assert.equal(opened.child.teamId, world.teams.north);
    assert.deepEqual(await records.openChild(world.viewer('colleague'), child.id), { ok: false, reason: 'break-glass' });
    assert.deepEqual(await records.openChild(world.viewer('outsider'), child.id), { ok: false, reason: 'hidden' });
    assert.deepEqual(await records.openChild(world.viewer('analyst'), child.id), { ok: false, reason: 'counts-only' });
    assert.deepEqual(await records.openChild(world.viewer('worker'), 'not-a-uuid-at-all'), { ok: false, reason: 'hidden' });
  });

  it('lists the children someone holds, and pages through every child for daily jobs', async () => {
    const sibling = await addChild(t.app, world, 'teammate', { givenName: 'Bea', familyId: child.familyId });
    assert.deepEqual(
      (await records.heldChildren(world.viewer('manager'))).children.map((c) => c.givenName),
      ['Ada', 'Bea'],
    );
    assert.deepEqual((await records.heldChildren(world.viewer('outsider'))).children, []);
    const first = await records.childrenAfter(null, 1);
    const rest = await records.childrenAfter(first[0]!.id, 10);
    assert.deepEqual([...first, ...rest].map((c) => c.id).sort(), [child.id, sibling.id].sort());
  });

  it('keeps a held list only while nothing it shows changes, whoever makes the change', async () => {
    const db = t.app.services.db;
    const manager = world.viewer('manager');
    const first = await records.heldChildren(manager);
    const again = await records.heldChildren(manager);
    assert.equal(again.stamp, first.stamp);
    assert.equal(again.children, first.children, 'the same list is used again while the stamp holds');

    // A new chronology entry moves the family's chronology stamp, but nothing a caseload shows.
    assert.ok((await records.recordEvent(world.viewer('worker'), child.id, anEvent())).ok);
    assert.equal((await records.heldChildren(manager)).stamp, first.stamp);

    await db.updateTable('users').set({ display_name: 'Renamed Worker' }).where('id', '=', world.users.worker.id).execute();
    const renamed = await records.heldChildren(manager);
    assert.notEqual(renamed.stamp, first.stamp);
    assert.equal(renamed.children.find((c) => c.id === child.id)?.worker, 'Renamed Worker');

    const moved = await addChild(t.app, world, 'worker', { givenName: 'Cal', familyName: 'Fictonby' });
    assert.ok(
      (await records.heldChildren(manager)).children.some((c) => c.id === moved.id),
      'a new child is listed',
    );
    await db.updateTable('case_families').set({ team_id: world.teams.south }).where('id', '=', moved.familyId).execute();
    await db.updateTable('case_families').set({ allocated_worker_id: null }).where('id', '=', moved.familyId).execute();
    await db.updateTable('case_people').set({ allocated_worker_id: null }).where('id', '=', moved.id).execute();
    const after = await records.heldChildren(manager);
    assert.ok(!after.children.some((c) => c.id === moved.id), 'a family moved to another team leaves the list');
  });

  it('adds an event inside the caller’s transaction, so that it rolls back with the caller’s change', async () => {
    const viewer = world.viewer('worker');
    const planStart = anEvent({ kind: 'plan-start', planType: 'child-protection', significance: 'high' });
    await assert.rejects(
      t.app.services.db.transaction().execute(async (trx) => {
        const written = await records.recordEvent(viewer, child.id, planStart, trx);
        assert.ok(written.ok);
        throw new Error('the caller’s change failed');
      }),
      /the caller’s change failed/,
    );
    assert.deepEqual(await records.eventsOf([child.id], ['plan-start']), []);
    const written = await records.recordEvent(viewer, child.id, planStart);
    assert.ok(written.ok);
    const facts = await records.eventsOf([child.id], ['plan-start', 'case-closed']);
    assert.deepEqual(facts, [
      { id: written.id, childId: child.id, kind: 'plan-start', occurredOn: planStart.occurredOn, planType: 'child-protection' },
    ]);
  });

  it('checks another module’s event as strictly as a worker’s own, and refuses it to someone who may not open the child', async () => {
    const wrong = await records.recordEvent(world.viewer('worker'), child.id, { ...anEvent(), kind: 'tea-party' });
    assert.equal(wrong.ok, false);
    assert.ok(!wrong.ok && wrong.reason === 'invalid' && wrong.errors.some((e) => e.field === 'kind'));
    assert.deepEqual(await records.recordEvent(world.viewer('outsider'), child.id, anEvent()), { ok: false, reason: 'hidden' });
  });
});
