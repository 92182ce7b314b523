import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { addDays, londonDay } from '../../../platform/time.js';
import { practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';
import { familyFlags } from '../flags/flags.js';
import { seededRandom } from '../generator/random.js';
import { createCases, type Cases } from '../service.js';
import { EVENT_KINDS, SIGNIFICANCES } from './event-kinds.js';
import type { EventInput } from './event-rules.js';

/**
 * A new event or a correction works the family's flags out from the events kept in memory under the family's stamp.
 * The flags must be exactly those the rules give from every event read afresh, whatever came before.
 */
describe('cases: flags from the kept events of a family', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let cases: Cases;
  let childIds: string[];
  let familyId: string;
  const today = londonDay(new Date());

  /** The family's flags as stored, in words, to compare. */
  const flagsIn = async (db: Db) =>
    (await db.selectFrom('case_flags').select(['child_id', 'rule', 'event_ids', 'explanation']).where('family_id', '=', familyId).execute())
      .map((f) => `${f.child_id} ${f.rule} ${[...f.event_ids].sort().join(',')} ${f.explanation}`)
      .sort();
  const storedFlags = () => flagsIn(t.app.services.db);
  /** What the rules give from every event read afresh, by a store that has kept nothing. */
  async function flagsFromScratch() {
    const fresh = createCases(t.app.services, { newFlagDays: 14 }, familyFlags);
    const db = t.app.services.db;
    let found: string[] = [];
    await db
      .transaction()
      .execute(async (trx) => {
        await fresh.flags.refreshFamily(trx, familyId, today);
        found = await flagsIn(trx);
        throw new Error('only looking');
      })
      .catch((error: unknown) => assert.match(String(error), /only looking/));
    return found;
  }

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    cases = createCases(t.app.services, { newFlagDays: 14 }, familyFlags);
    const first = await cases.records.createChild(world.viewer('worker'), {
      givenName: 'Ivy',
      familyName: 'Keptfield',
      dateOfBirth: '2016-02-02',
      familyId: null,
    });
    assert.ok(first.ok);
    familyId = first.familyId;
    const second = await cases.records.createChild(world.viewer('worker'), {
      givenName: 'Jay',
      familyName: 'Keptfield',
      dateOfBirth: '2019-02-02',
      familyId,
    });
    assert.ok(second.ok);
    childIds = [first.id, second.id];
  });
  after(() => t.close());

  it('matches the rules read afresh after each of many random events and corrections', async () => {
    const random = seededRandom('kept-flags');
    const pick = <T>(list: readonly T[]) => list[Math.floor(random.next() * list.length)]!;
    const randomEvent = (): EventInput => {
      const kind = pick(EVENT_KINDS);
      return {
        kind,
        // Few days, so that many events share one and their order matters.
        occurredOn: addDays(today, -Math.floor(random.next() * 40) * 9),
        agency: pick(['police', 'health', 'school', ' Health ']),
        significance: pick(SIGNIFICANCES),
        planType: kind === 'plan-start' || kind === 'plan-end' ? pick(['child-protection', 'child-in-need'] as const) : null,
        summary: 'A synthetic event for the test.',
      };
    };
    const recorded: { childId: string; id: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const childId = pick(childIds);
      if (recorded.length > 0 && random.next() < 0.3) {
        const { childId: of, id } = pick(recorded);
        assert.ok((await cases.chronology.correctEvent(world.viewer('worker'), of, id, randomEvent(), 'Test correction')).ok);
      } else {
        const result = await cases.chronology.recordEvent(
          world.viewer('worker'),
          childId,
          randomEvent(),
          random.next() < 0.3 ? childIds : [],
        );
        assert.ok(result.ok);
        recorded.push({ childId, id: result.id });
      }
      assert.deepEqual(await storedFlags(), await flagsFromScratch(), `after change ${i + 1}`);
    }
    assert.ok((await storedFlags()).length > 0, 'the random family raised no flag, so the test showed nothing');
  });

  it('reads every event again when the family was changed behind what was kept, or a change was rolled back', async () => {
    const db = t.app.services.db;
    const visit = (occurredOn: string): EventInput => ({
      kind: 'home-visit-not-seen',
      occurredOn,
      agency: 'children’s social care',
      significance: 'medium',
      planType: null,
      summary: 'Nobody answered.',
    });
    assert.ok((await cases.chronology.recordEvent(world.viewer('worker'), childIds[0]!, visit(addDays(today, -1)))).ok);
    // Another instance (or anything else) adds an event: the stamp moves, so what this one kept is not used.
    await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('case_events').values({ family_id: familyId }).returning('id').executeTakeFirstOrThrow();
      const version = await trx
        .insertInto('case_event_versions')
        .values({
          event_id: id,
          version: 1,
          kind: 'home-visit-not-seen',
          occurred_on: today,
          agency: 'children’s social care',
          significance: 'high',
          plan_type: null,
          summary: 'Written by another instance.',
          recorded_by: world.users.worker.id,
          recorded_by_label: 'another instance',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('case_events').set({ current_version_id: version.id }).where('id', '=', id).execute();
      await trx.insertInto('case_event_people').values({ event_id: id, person_id: childIds[0]! }).execute();
    });
    assert.ok((await cases.chronology.recordEvent(world.viewer('worker'), childIds[1]!, visit(addDays(today, -2)))).ok);
    assert.deepEqual(await storedFlags(), await flagsFromScratch());
    // A change that fails after its flags were worked out keeps nothing.
    await sql`create function fail_note() returns trigger language plpgsql as $$ begin raise exception 'no audit today'; end $$`.execute(
      db,
    );
    await sql`create trigger fail_audit before insert on audit_log for each row execute function fail_note()`.execute(db);
    try {
      await assert.rejects(cases.chronology.recordEvent(world.viewer('worker'), childIds[0]!, visit(today)), /no audit today/);
    } finally {
      await sql`drop trigger fail_audit on audit_log`.execute(db);
      await sql`drop function fail_note()`.execute(db);
    }
    assert.ok((await cases.chronology.recordEvent(world.viewer('worker'), childIds[0]!, visit(addDays(today, -3)))).ok);
    assert.deepEqual(await storedFlags(), await flagsFromScratch());
  });
});
