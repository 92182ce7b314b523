import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { addDays, londonDay } from '../../../platform/time.js';
import type { FamilyFlagRules } from '../flag-store.js';
import { anEvent, practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';
import { createCases, type Cases } from '../service.js';
import type { EventInput } from './event-rules.js';

/**
 * A stand-in for the pattern rules, simple enough to reason about here: two or more unseen visits flag every child they
 * concern, and a date-based rule that needs `today` (as not-seen-alone does).
 */
const testRules: FamilyFlagRules = ({ childIds, events, today }) =>
  childIds.flatMap((childId) => {
    const unseen = events.filter((e) => e.kind === 'home-visit-not-seen' && e.childIds.includes(childId));
    const old = events.filter((e) => e.kind === 'referral' && e.childIds.includes(childId) && e.occurredOn < addDays(today, -28));
    return [
      ...(unseen.length >= 2
        ? [{ rule: 'not-seen' as const, childId, eventIds: unseen.map((e) => e.id), explanation: `${unseen.length} visits not seen` }]
        : []),
      ...(old.length > 0
        ? [{ rule: 'not-seen-alone' as const, childId, eventIds: old.map((e) => e.id), explanation: 'Not seen alone for 4 weeks' }]
        : []),
    ];
  });

describe('cases: recording, correcting and reading a chronology', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let cases: Cases;
  let childId: string;
  let siblingId: string;
  let familyId: string;
  const today = londonDay(new Date());
  const event = anEvent;

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    cases = createCases(t.app.services, { newFlagDays: 14 }, testRules);
    const child = await cases.records.createChild(world.viewer('worker'), {
      givenName: 'Ash',
      familyName: 'Fictonby',
      dateOfBirth: '2018-06-01',
      familyId: null,
    });
    assert.ok(child.ok);
    childId = child.id;
    familyId = child.familyId;
    const sibling = await cases.records.createChild(world.viewer('worker'), {
      givenName: 'Bay',
      familyName: 'Fictonby',
      dateOfBirth: '2020-09-09',
      familyId,
    });
    assert.ok(sibling.ok);
    siblingId = sibling.id;
  });
  after(() => t.close());

  it('records an event for the child and whom else in the family it concerns, and audits it', async () => {
    const recorded = await cases.chronology.recordEvent(
      world.viewer('worker'),
      childId,
      event({ kind: 'household-change', significance: 'low' }),
      [siblingId],
    );
    assert.ok(recorded.ok);
    const read = await cases.chronology.ofFamily(world.viewer('worker'), familyId);
    assert.ok(read.ok);
    const entry = read.events.find((e) => e.id === recorded.id);
    assert.deepEqual(entry?.concerns.map((p) => p.name).sort(), ['Ash Fictonby', 'Bay Fictonby']);
    const audit = await t.app.services.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', childId).execute();
    assert.ok(audit.some((a) => a.action === 'cases.event-recorded'));
  });

  it('refuses each broken rule with a message for the field, and writes nothing', async () => {
    const viewer = world.viewer('worker');
    const cases_: [Partial<EventInput>, string][] = [
      [{ kind: 'tea-party' as never }, 'kind'],
      [{ occurredOn: addDays(today, 1) }, 'occurredOn-day'],
      [{ occurredOn: '2026-02-30' }, 'occurredOn-day'],
      [{ kind: 'plan-start', planType: null }, 'planType'],
      [{ kind: 'referral', planType: 'child-protection' }, 'planType'],
      [{ significance: 'enormous' as never }, 'significance'],
      [{ summary: '   ' }, 'summary'],
      [{ agency: '' }, 'agency'],
    ];
    const before_ = await t.app.services.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [changes, field] of cases_) {
      const result = await cases.chronology.recordEvent(viewer, childId, event(changes));
      assert.equal(result.ok, false, JSON.stringify(changes));
      assert.ok(!result.ok && result.reason === 'invalid' && result.errors.some((e) => e.field === field), JSON.stringify(changes));
    }
    const outsiderFamily = await cases.records.createChild(world.viewer('outsider'), {
      givenName: 'Cob',
      familyName: 'Elsewhere',
      dateOfBirth: '2017-01-01',
      familyId: null,
    });
    assert.ok(outsiderFamily.ok);
    const stranger = await cases.chronology.recordEvent(viewer, childId, event(), [outsiderFamily.id]);
    assert.ok(!stranger.ok && stranger.reason === 'invalid' && stranger.errors[0]?.field === 'concerns');
    const after_ = await t.app.services.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after_.n), Number(before_.n));
    // A plan with its type is accepted.
    assert.ok((await cases.chronology.recordEvent(viewer, childId, event({ kind: 'plan-start', planType: 'child-protection' }))).ok);
  });

  it('refuses writes and reads to anyone the record is not open to', async () => {
    for (const who of ['colleague', 'outsider', 'analyst', 'editor'] as const) {
      const viewer = world.viewer(who);
      const write = await cases.chronology.recordEvent(viewer, childId, event());
      assert.equal(write.ok, false, who);
      assert.notEqual(!write.ok && write.reason, 'invalid', `${who} learns nothing about the rules before access`);
      assert.equal((await cases.chronology.ofChild(viewer, childId)).ok, false, who);
      assert.equal((await cases.chronology.ofFamily(viewer, familyId)).ok, false, who);
    }
  });

  it('raises flags in the same transaction as the event, keeping the day a flag was first raised', async () => {
    const viewer = world.viewer('worker');
    const first = await cases.chronology.recordEvent(viewer, siblingId, event({ occurredOn: addDays(today, -10) }));
    assert.ok(first.ok);
    assert.equal((await cases.flags.ofChild(siblingId)).filter((f) => f.rule === 'not-seen').length, 0);
    const second = await cases.chronology.recordEvent(viewer, siblingId, event({ occurredOn: addDays(today, -5) }));
    assert.ok(second.ok);
    const [flag] = (await cases.flags.ofChild(siblingId)).filter((f) => f.rule === 'not-seen');
    assert.deepEqual(flag?.eventIds, [first.id, second.id]);
    // Another event that changes nothing of this flag leaves its date alone.
    await cases.chronology.recordEvent(viewer, siblingId, event({ kind: 'home-visit-seen' }));
    const [again] = (await cases.flags.ofChild(siblingId)).filter((f) => f.rule === 'not-seen');
    assert.equal(again?.raisedAt.getTime(), flag?.raisedAt.getTime());
  });

  it('keeps a correction as a new version with its reason, shows both, and recomputes the flags', async () => {
    const viewer = world.viewer('teammate');
    const visits = (await cases.flags.ofChild(siblingId)).find((f) => f.rule === 'not-seen')!;
    const wrong = visits.eventIds[0]!;
    const corrected = await cases.chronology.correctEvent(
      viewer,
      siblingId,
      wrong,
      event({ kind: 'home-visit-seen', occurredOn: addDays(today, -10) }),
      'Bay was seen: the visit note was filed under the wrong kind',
    );
    assert.deepEqual(corrected, { ok: true, version: 2 });
    const read = await cases.chronology.ofChild(viewer, siblingId);
    assert.ok(read.ok);
    const entry = read.events.find((e) => e.id === wrong)!;
    assert.equal(entry.kind, 'home-visit-seen');
    assert.equal(entry.version, 2);
    assert.match(entry.correctionReason ?? '', /filed under the wrong kind/);
    assert.equal(entry.earlier.length, 1);
    assert.equal(entry.earlier[0]?.kind, 'home-visit-not-seen');
    assert.equal(
      (await cases.flags.ofChild(siblingId)).filter((f) => f.rule === 'not-seen').length,
      0,
      'the flag went with the correction',
    );
    const noReason = await cases.chronology.correctEvent(viewer, siblingId, wrong, event(), ' ');
    assert.ok(!noReason.ok && noReason.reason === 'invalid');
    // An event of another child (or none) cannot be corrected through this child's record.
    const elsewhere = await cases.chronology.correctEvent(viewer, childId, wrong, event(), 'A reason long enough');
    assert.deepEqual(elsewhere, { ok: false, reason: 'hidden' });
  });

  it('filters by kind, agency, significance and period, and audits each read', async () => {
    const viewer = world.viewer('worker');
    await cases.chronology.recordEvent(
      viewer,
      childId,
      event({ kind: 'school-attendance-concern', agency: 'School', significance: 'high', occurredOn: '2025-03-10' }),
    );
    const byKind = await cases.chronology.ofChild(viewer, childId, { kind: 'school-attendance-concern' });
    assert.ok(byKind.ok);
    assert.deepEqual(
      byKind.events.map((e) => e.kind),
      ['school-attendance-concern'],
    );
    const byAgency = await cases.chronology.ofChild(viewer, childId, { agency: 'school' });
    assert.ok(byAgency.ok && byAgency.events.length === 1);
    const bySignificance = await cases.chronology.ofChild(viewer, childId, { significance: 'high' });
    assert.ok(bySignificance.ok && bySignificance.events.every((e) => e.significance === 'high'));
    const byPeriod = await cases.chronology.ofChild(viewer, childId, { from: '2025-01-01', to: '2025-12-31' });
    assert.ok(byPeriod.ok && byPeriod.events.length === 1);
    const reads = await t.app.services.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'cases.chronology-viewed')
      .where('subject_id', '=', childId)
      .execute();
    assert.ok(reads.length >= 4);
  });

  it('adds analysis notes to an entry, shown with it', async () => {
    const viewer = world.viewer('worker');
    const read = await cases.chronology.ofChild(viewer, childId);
    assert.ok(read.ok);
    const entry = read.events[0]!;
    assert.ok((await cases.chronology.addNote(viewer, childId, entry.id, 'Third move in a year; ask about the landlord.')).ok);
    const again = await cases.chronology.ofChild(viewer, childId);
    assert.ok(again.ok);
    assert.equal(again.events.find((e) => e.id === entry.id)?.notes[0]?.body, 'Third move in a year; ask about the landlord.');
    assert.equal((await cases.chronology.addNote(world.viewer('outsider'), childId, entry.id, 'Nosy')).ok, false);
  });

  it('recomputes every family daily, so a flag that comes with time alone appears', async () => {
    const viewer = world.viewer('worker');
    await cases.chronology.recordEvent(viewer, childId, event({ kind: 'referral', occurredOn: addDays(today, -20) }));
    assert.equal((await cases.flags.ofChild(childId)).filter((f) => f.rule === 'not-seen-alone').length, 0);
    await t.app.services.db.transaction().execute((trx) => cases.flags.refreshFamily(trx, familyId, addDays(today, 10)));
    assert.equal((await cases.flags.ofChild(childId)).filter((f) => f.rule === 'not-seen-alone').length, 1);
    assert.ok((await cases.refreshAllFlags()) >= 1);
    assert.equal((await cases.flags.ofChild(childId)).filter((f) => f.rule === 'not-seen-alone').length, 0, 'today, it does not hold yet');
  });
});
