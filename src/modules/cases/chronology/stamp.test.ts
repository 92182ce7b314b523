import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { addDays, londonDay } from '../../../platform/time.js';
import { anEvent, practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';
import { familyFlags } from '../flags/flags.js';
import { FamilyBuilder } from '../generator/builder.js';
import { seededRandom } from '../generator/random.js';
import { storeFamilies } from '../synthetic/store.js';
import { createCases, type Cases } from '../service.js';

/**
 * A family's chronology stamp must move with every change to what its chronology pages show, or a kept page would be
 * sent stale; and only with its own family's changes, or keeping pages would be worth nothing.
 */
describe('cases: the chronology stamp of a family', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let cases: Cases;
  let childId: string;
  let familyId: string;
  let otherFamilyId: string;
  const today = londonDay(new Date());
  const event = anEvent;
  const stampOf = async (id: string, db: Db = t.app.services.db) =>
    (
      await db
        .selectFrom('case_families')
        .select(sql<string>`chronology_stamp::text`.as('stamp'))
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).stamp;
  /** Runs a change and says whether it moved this family's stamp, checking that the other family's stayed put. */
  async function moves(change: () => Promise<unknown>): Promise<boolean> {
    const [before, otherBefore] = [await stampOf(familyId), await stampOf(otherFamilyId)];
    await change();
    assert.equal(await stampOf(otherFamilyId), otherBefore, 'another family’s stamp moved');
    return (await stampOf(familyId)) !== before;
  }

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    cases = createCases(t.app.services, { newFlagDays: 14 }, familyFlags);
    const newChild = (givenName: string) =>
      cases.records.createChild(world.viewer('worker'), { givenName, familyName: 'Stampton', dateOfBirth: '2019-01-01', familyId: null });
    const child = await newChild('Ash');
    const other = await newChild('Oak');
    assert.ok(child.ok && other.ok);
    childId = child.id;
    familyId = child.familyId;
    otherFamilyId = other.familyId;
  });
  after(() => t.close());

  it('moves with a new event, a correction and an analysis note', async () => {
    let eventId = '';
    assert.ok(
      await moves(async () => {
        const recorded = await cases.chronology.recordEvent(world.viewer('worker'), childId, event());
        assert.ok(recorded.ok);
        eventId = recorded.id;
      }),
    );
    assert.ok(
      await moves(async () =>
        assert.ok(
          (await cases.chronology.correctEvent(world.viewer('worker'), childId, eventId, event({ significance: 'high' }), 'Typo')).ok,
        ),
      ),
    );
    assert.ok(
      await moves(async () =>
        assert.ok((await cases.chronology.addNote(world.viewer('worker'), childId, eventId, 'Third this month.')).ok),
      ),
    );
  });

  it('moves when the flags change, and when the people an entry names change', async () => {
    const db = t.app.services.db;
    assert.ok(
      await moves(() =>
        db
          .insertInto('case_flags')
          .values({ family_id: familyId, child_id: childId, rule: 'not-seen', event_ids: JSON.stringify([]), explanation: 'By hand' })
          .execute(),
      ),
    );
    assert.ok(await moves(() => db.updateTable('case_flags').set({ explanation: 'Changed' }).where('family_id', '=', familyId).execute()));
    assert.ok(await moves(() => db.deleteFrom('case_flags').where('family_id', '=', familyId).execute()));
    assert.ok(await moves(() => db.updateTable('case_people').set({ given_name: 'Ashley' }).where('id', '=', childId).execute()));
    assert.ok(
      await moves(async () =>
        assert.ok(
          (
            await cases.records.createChild(world.viewer('worker'), {
              givenName: 'Elm',
              familyName: 'Stampton',
              dateOfBirth: '2021-01-01',
              familyId,
            })
          ).ok,
        ),
      ),
    );
  });

  it('moves when whom an event concerns changes, or a version or a note is changed or removed by hand', async () => {
    const db = t.app.services.db;
    const { id: eventId } = await db
      .selectFrom('case_events')
      .select('id')
      .where('family_id', '=', familyId)
      .limit(1)
      .executeTakeFirstOrThrow();
    const adult = await db
      .insertInto('case_people')
      .values({
        organisation_id: world.councils.northmoor,
        family_id: familyId,
        kind: 'adult',
        given_name: 'Parent',
        family_name: 'Stampton',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(await moves(() => db.insertInto('case_event_people').values({ event_id: eventId, person_id: adult.id }).execute()));
    assert.ok(await moves(() => db.deleteFrom('case_event_people').where('person_id', '=', adult.id).execute()));
    assert.ok(
      await moves(() => db.updateTable('case_event_versions').set({ summary: 'Rewritten' }).where('event_id', '=', eventId).execute()),
    );
    assert.ok(await moves(() => db.updateTable('case_event_notes').set({ body: 'Rewritten' }).where('event_id', '=', eventId).execute()));
    assert.ok(await moves(() => db.deleteFrom('case_event_notes').where('event_id', '=', eventId).execute()));
  });

  it('moves once for each new family written in bulk, and with every change after it in the same transaction', async () => {
    const db = t.app.services.db;
    const family = new FamilyBuilder(seededRandom('stamp-bulk'), today, 'Bulkton');
    const child = family.child('Bulk child', addDays(today, -3000));
    for (let i = 0; i < 30; i++) family.event('home-visit-not-seen', addDays(today, -i - 1), { childIds: [child] });
    const placement = {
      organisationId: world.councils.northmoor,
      teamId: world.teams.north,
      allocatedWorkerId: null,
      recordedByLabel: 'test',
    };
    const [before, after] = await db.transaction().execute(async (trx) => {
      await storeFamilies(trx, [family.family], placement, familyFlags, today);
      const stored = await stampOf(family.family.id, trx);
      await trx.updateTable('case_people').set({ given_name: 'Renamed' }).where('id', '=', child).execute();
      return [stored, await stampOf(family.family.id, trx)];
    });
    assert.equal(before, '1');
    assert.equal(after, '2');
  });

  it('stays put when nothing of the family changes, and when a change is rolled back', async () => {
    assert.equal(await moves(() => cases.chronology.ofChild(world.viewer('worker'), childId)), false);
    assert.equal(await moves(() => cases.refreshAllFlags()), false);
    const before = await stampOf(familyId);
    const rolledBack = t.app.services.db.transaction().execute(async (trx) => {
      await trx.updateTable('case_people').set({ given_name: 'Never' }).where('id', '=', childId).execute();
      assert.notEqual(await stampOf(familyId, trx), before, 'the stamp moves inside the transaction');
      throw new Error('rolled back');
    });
    await assert.rejects(rolledBack, /rolled back/);
    assert.equal(await stampOf(familyId), before);
  });
});
