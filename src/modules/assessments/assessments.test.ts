import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld } from '../../../tests/support/practice.js';
import { addDays, londonDay } from '../../platform/time.js';
import { DEFAULT_FRAMEWORK } from './framework/default-framework.js';
import { completeContent } from './sample-content.js';

describe('assessments: grading, completing and authorising', () => {
  let t: TestContext;
  let world: PracticeWorld;
  const today = londonDay(new Date());
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
  });
  after(() => t.close());

  const service = () => t.app.assessments;
  async function started(who: 'worker' | 'manager' | 'teammate' = 'worker') {
    const child = await addChild(t.app, world, who);
    const start = await service().recording.start(world.viewer(who), child.id, addDays(today, -10));
    assert.ok(start.ok, JSON.stringify(start));
    return { childId: child.id, id: start.id };
  }

  it('starts one assessment per child with the default framework, and says which is open when asked for another', async () => {
    const { childId, id } = await started();
    const again = await service().recording.start(world.viewer('teammate'), childId, today);
    assert.deepEqual(again, { ok: false, reason: 'already-open', openId: id });
    const read = await service().recording.read(world.viewer('worker'), childId, id);
    assert.ok(read.ok);
    assert.equal(read.assessment.framework.title, DEFAULT_FRAMEWORK.title);
    assert.equal(read.assessment.state, 'in-progress');
  });

  it('keeps nothing of a save with a grade that has no evidence, and never grades a circumstance', async () => {
    const { childId, id } = await started();
    const content = completeContent(DEFAULT_FRAMEWORK);
    content.grades['food-and-drink'] = { grade: 3, evidence: '  ' };
    const saved = await service().recording.save(world.viewer('worker'), childId, id, content, false);
    assert.ok(!saved.ok && saved.reason === 'invalid');
    assert.deepEqual(
      saved.errors.map((e) => e.field),
      ['evidence-food-and-drink'],
    );
    const poverty = completeContent(DEFAULT_FRAMEWORK);
    poverty.grades['income-and-debt'] = { grade: 4, evidence: 'Rent arrears.' };
    const graded = await service().recording.save(world.viewer('worker'), childId, id, poverty, false);
    assert.ok(!graded.ok && graded.reason === 'invalid');
    assert.match(graded.errors[0]!.text, /never graded/);
    const rows = await t.app.services.db.selectFrom('assessment_grades').select('question_key').where('assessment_id', '=', id).execute();
    assert.deepEqual(rows, []);
    // The database has nowhere to put a grade on a circumstance, and refuses a grade without evidence by itself.
    await assert.rejects(
      t.app.services.db
        .insertInto('assessment_grades')
        .values({ assessment_id: id, question_key: 'warmth', grade: 2, evidence: '' })
        .execute(),
    );
  });

  it('asks for the support offered for each pressure on the family, and keeps it beside the concern grades', async () => {
    const { childId, id } = await started();
    const content = completeContent(DEFAULT_FRAMEWORK);
    content.circumstances['housing'] = { pressure: true, note: 'Section 21 notice served.', supportOffered: '' };
    const refused = await service().recording.save(world.viewer('worker'), childId, id, content, false);
    assert.ok(!refused.ok && refused.reason === 'invalid');
    assert.deepEqual(
      refused.errors.map((e) => e.field),
      ['support-housing'],
    );
    content.circumstances['housing']!.supportOffered = 'Referred to housing options with a letter of support.';
    assert.deepEqual(await service().recording.save(world.viewer('worker'), childId, id, content, false), { ok: true });
    const read = await service().recording.read(world.viewer('worker'), childId, id);
    assert.ok(read.ok);
    assert.equal(read.assessment.circumstances['housing']?.supportOffered, 'Referred to housing options with a letter of support.');
    assert.equal(read.assessment.grades['housing'], undefined);
  });

  it('needs the child’s own words and every question before it is completed', async () => {
    const { childId, id } = await started();
    const partial = completeContent(DEFAULT_FRAMEWORK, 2, { childWords: '' });
    delete partial.grades['warmth'];
    const refused = await service().recording.save(world.viewer('worker'), childId, id, partial, true);
    assert.ok(!refused.ok && refused.reason === 'invalid');
    assert.deepEqual(refused.errors.map((e) => e.field).sort(), ['childWords', 'grade-warmth']);
    assert.deepEqual(
      await service().recording.save(world.viewer('worker'), childId, id, partial, false),
      { ok: true },
      'a draft may be partial',
    );
  });

  it('is authorised by a manager of the team who wrote none of it, never by an author', async () => {
    const { childId, id } = await started();
    await service().recording.save(world.viewer('manager'), childId, id, completeContent(DEFAULT_FRAMEWORK), false);
    assert.deepEqual(await service().recording.save(world.viewer('worker'), childId, id, completeContent(DEFAULT_FRAMEWORK), true), {
      ok: true,
    });
    const decide = (who: 'worker' | 'manager' | 'southManager') =>
      service().decisions.decide(world.viewer(who), childId, id, { outcome: 'authorise' });
    assert.deepEqual(await decide('worker'), { ok: false, reason: 'not-manager' });
    assert.deepEqual(await decide('manager'), { ok: false, reason: 'author' }, 'the manager wrote in it');
    assert.deepEqual(await decide('southManager'), { ok: false, reason: 'break-glass' }, 'another team’s manager');
    const fresh = await started();
    assert.deepEqual(
      await service().recording.save(world.viewer('worker'), fresh.childId, fresh.id, completeContent(DEFAULT_FRAMEWORK), true),
      { ok: true },
    );
    const queue = service().staffQueues()[0]!;
    assert.ok((await queue.measure(new Date(), world.users.manager.principal)).count >= 1);
    const awaiting = await service().decisions.awaiting(world.viewer('manager'));
    assert.ok(awaiting.some((a) => a.id === fresh.id));
    assert.ok(!awaiting.some((a) => a.id === id), 'not the one they wrote in');
    assert.deepEqual(await service().decisions.decide(world.viewer('manager'), fresh.childId, fresh.id, { outcome: 'authorise' }), {
      ok: true,
    });
    const facts = await t.app.assessmentFacts!([fresh.childId]);
    assert.deepEqual(facts, [
      { childId: fresh.childId, assessmentId: fresh.id, startedOn: addDays(today, -10), completedOn: today, authorisedOn: today },
    ]);
  });

  it('is returned with a reason to be worked on again, and a new one may start once it is authorised', async () => {
    const { childId, id } = await started();
    await service().recording.save(world.viewer('worker'), childId, id, completeContent(DEFAULT_FRAMEWORK), true);
    const changed = await service().recording.save(world.viewer('worker'), childId, id, completeContent(DEFAULT_FRAMEWORK, 3), false);
    assert.deepEqual(changed, { ok: false, reason: 'not-editable', state: 'completed' });
    const returned = await service().decisions.decide(world.viewer('manager'), childId, id, {
      outcome: 'return',
      reason: 'Say more about school.',
    });
    assert.deepEqual(returned, { ok: true });
    const read = await service().recording.read(world.viewer('worker'), childId, id);
    assert.ok(read.ok && read.assessment.state === 'in-progress' && read.assessment.returnedReason === 'Say more about school.');
    await service().recording.save(world.viewer('worker'), childId, id, completeContent(DEFAULT_FRAMEWORK), true);
    assert.deepEqual(await service().decisions.decide(world.viewer('manager'), childId, id, { outcome: 'authorise' }), { ok: true });
    const next = await service().recording.start(world.viewer('worker'), childId, today);
    assert.ok(next.ok, 're-assessment');
    const history = await service().history.ofChild(world.viewer('worker'), childId);
    assert.ok(history.ok);
    assert.deepEqual(
      history.assessments.map((a) => [a.state, a.scores['physical-care']]),
      [
        ['authorised', 2],
        ['in-progress', null],
      ],
    );
  });

  it('keeps an authorised assessment as it was: the service refuses, and so does the database', async () => {
    const { childId, id } = await started();
    await service().recording.save(world.viewer('worker'), childId, id, completeContent(DEFAULT_FRAMEWORK), true);
    await service().decisions.decide(world.viewer('manager'), childId, id, { outcome: 'authorise' });
    assert.deepEqual(await service().recording.save(world.viewer('worker'), childId, id, completeContent(DEFAULT_FRAMEWORK, 1), false), {
      ok: false,
      reason: 'not-editable',
      state: 'authorised',
    });
    assert.deepEqual(await service().decisions.decide(world.viewer('manager'), childId, id, { outcome: 'return', reason: 'x' }), {
      ok: false,
      reason: 'not-awaiting',
    });
    const db = t.app.services.db;
    await assert.rejects(
      db.updateTable('assessment_grades').set({ grade: 1 }).where('assessment_id', '=', id).execute(),
      /cannot be changed/,
    );
    await assert.rejects(db.updateTable('assessments').set({ child_words: 'changed' }).where('id', '=', id).execute(), /cannot be changed/);
    await assert.rejects(db.deleteFrom('assessments').where('id', '=', id).execute(), /cannot be deleted/);
    await assert.rejects(db.deleteFrom('assessment_circumstances').where('assessment_id', '=', id).execute(), /cannot be changed/);
    // Deleting the author's account still works: only the link to the account goes.
    await service().forgetAuthor(world.users.worker.id);
    const row = await db.selectFrom('assessments').select(['author_id', 'author_label']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { author_id: null, author_label: world.users.worker.email });
  });

  it('answers another team, another organisation and an analyst as the practice records do, and audits each read', async () => {
    const { childId, id } = await started();
    for (const [who, reason] of [
      ['colleague', 'break-glass'],
      ['outsider', 'hidden'],
      ['outsideManager', 'hidden'],
      ['analyst', 'counts-only'],
    ] as const) {
      assert.deepEqual(await service().recording.read(world.viewer(who), childId, id), { ok: false, reason }, who);
      assert.deepEqual(await service().history.ofChild(world.viewer(who), childId), { ok: false, reason }, who);
      const start = await service().recording.start(world.viewer(who), childId, today);
      assert.deepEqual(start, { ok: false, reason }, who);
    }
    const other = await started();
    assert.deepEqual(
      await service().recording.read(world.viewer('worker'), childId, other.id),
      { ok: false, reason: 'hidden' },
      'another child’s assessment',
    );
    assert.deepEqual(await service().recording.read(world.viewer('worker'), childId, 'not-an-id'), { ok: false, reason: 'hidden' });
    await service().recording.read(world.viewer('worker'), childId, id);
    const audit = await t.app.services.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).orderBy('id').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['assessments.started', 'assessments.viewed'],
    );
    await service().history.ofChild(world.viewer('worker'), childId);
    const listed = await t.app.services.db.selectFrom('audit_log').select('action').where('subject_id', '=', childId).execute();
    assert.ok(listed.some((a) => a.action === 'assessments.listed'));
  });

  it('opens to a colleague of another team once they break the glass, for their session only', async () => {
    const { childId, id } = await started();
    const glass = await t.app.cases.breakGlass.breakGlass(
      world.viewer('colleague'),
      childId,
      'On duty: the school rang about the child.',
      'break-glass',
    );
    assert.ok(glass.ok);
    assert.ok((await service().recording.read(world.viewer('colleague'), childId, id)).ok);
    assert.deepEqual(await service().recording.read(world.viewer('colleague', 'another-session'), childId, id), {
      ok: false,
      reason: 'break-glass',
    });
  });

  it('tells a member of staff what they started and authorised, and forgets them when their account goes', async () => {
    const { childId, id } = await started('teammate');
    await service().recording.save(world.viewer('teammate'), childId, id, completeContent(DEFAULT_FRAMEWORK), true);
    await service().decisions.decide(world.viewer('manager'), childId, id, { outcome: 'authorise' });
    const written = await service().writtenBy(world.users.teammate.id);
    assert.deepEqual(
      written.started.map((a) => [a.id, a.state]),
      [[id, 'authorised']],
    );
    assert.deepEqual((await service().writtenBy(world.users.manager.id)).authorised.map((a) => a.id).includes(id), true);
    await t.app.services.db.deleteFrom('users').where('id', '=', world.users.teammate.id).execute();
    const row = await t.app.services.db
      .selectFrom('assessments')
      .select(['author_id', 'author_label', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { author_id: null, author_label: world.users.teammate.email, state: 'authorised' });
  });
});
