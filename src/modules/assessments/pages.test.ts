import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld, type Someone } from '../../../tests/support/practice.js';
import { addDays, londonDay } from '../../platform/time.js';
import { DEFAULT_FRAMEWORK } from './framework/default-framework.js';
import { valuesOf } from './recording/forms.js';
import { completeContent } from './sample-content.js';

describe('assessments: the pages', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let childId: string;
  const today = londonDay(new Date());
  const dayFields = (day: string) => {
    const [year, month, date] = day.split('-');
    return { 'startedOn-day': String(Number(date)), 'startedOn-month': String(Number(month)), 'startedOn-year': year! };
  };

  async function as(who: Someone) {
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users[who]);
    return client;
  }

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    childId = (await addChild(t.app, world, 'worker', { givenName: 'Hazel', familyName: 'Samplefield' })).id;
  });
  after(() => t.close());

  it('starts an assessment, saves it keeping everything typed when something is wrong, completes it and has it authorised', async () => {
    const worker = await as('worker');
    const list = await worker.get(`/practice/children/${childId}/assessments`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /has not been assessed in Hearth yet/);
    await worker.get(`/practice/children/${childId}/assessments/new`);
    const future = await worker.post(`/practice/children/${childId}/assessments/new`, dayFields(addDays(today, 2)));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /govuk-error-summary[\s\S]*must be today or in the past/);
    const started = await worker.post(`/practice/children/${childId}/assessments/new`, dayFields(addDays(today, -5)));
    assert.equal(started.statusCode, 303, started.body);
    const path = started.headers.location as string;
    assert.match(path, new RegExp(`^/practice/children/${childId}/assessments/[0-9a-f-]{36}$`));
    const askAgain = await worker.get(`/practice/children/${childId}/assessments/new`);
    assert.match(askAgain.body, new RegExp(`already has an open assessment[\\s\\S]*href="${path}"`));
    const second = await worker.post(`/practice/children/${childId}/assessments/new`, dayFields(today));
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /already has an open assessment/);

    const page = await worker.get(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="grade-food-and-drink"/);
    assert.doesNotMatch(page.body, /name="grade-income-and-debt"/, 'circumstances have no grade to give');
    const hostile = '<script>alert("x")</script> \'; drop table assessments; --';
    const fields = {
      ...valuesOf(DEFAULT_FRAMEWORK, completeContent(DEFAULT_FRAMEWORK, 2, { childWords: hostile })),
      'evidence-warmth': '',
      'pressure-housing': 'yes',
      'note-housing': 'Rent arrears of two months.',
      action: 'complete',
    } as Record<string, string>;
    const wrong = await worker.post(path, fields);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#evidence-warmth"[\s\S]*href="#support-housing"/);
    assert.match(wrong.body, /Rent arrears of two months\./, 'what was typed is kept');
    assert.match(wrong.body, /&lt;script&gt;alert/);
    assert.doesNotMatch(wrong.body, /<script>alert/);
    assert.equal((await t.app.services.db.selectFrom('assessment_grades').select('grade').execute()).length, 0, 'nothing partly saved');

    const huge = await worker.post(path, { ...fields, 'evidence-warmth': 'x'.repeat(6000) });
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /Evidence must be 5000 characters or fewer/);
    fields['evidence-warmth'] = 'Comforted her brother when he fell.';
    fields['support-housing'] = 'Referred to housing options.';
    const done = await worker.post(path, fields);
    assert.equal(done.statusCode, 303, done.body);
    const completed = await worker.get(path);
    assert.match(completed.body, /Waiting for authorisation/);
    assert.match(completed.body, /id="support-offered"[\s\S]*Housing[\s\S]*Referred to housing options\./);
    assert.doesNotMatch(completed.body, /<form method="post" action="\/practice\/children/, 'no longer editable');

    const manager = await as('manager');
    const awaiting = await manager.get('/practice/assessments/awaiting');
    assert.equal(awaiting.statusCode, 200);
    assert.match(awaiting.body, new RegExp(`href="${path}/decision">Hazel Samplefield`));
    await manager.get(`${path}/decision`);
    const noReason = await manager.post(`${path}/decision`, { outcome: 'return', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /href="#reason"/);
    const authorised = await manager.post(`${path}/decision`, { outcome: 'authorise', reason: '' });
    assert.equal(authorised.statusCode, 303);
    assert.match((await worker.get(path)).body, /An authorised assessment cannot be changed/);
    const again = await worker.post(path, { ...fields, action: 'save' });
    assert.equal(again.statusCode, 409);

    const history = await worker.get(`/practice/children/${childId}/assessments`);
    assert.match(history.body, /<svg id="change-chart" role="img" aria-labelledby="change-chart-title change-chart-desc"/);
    assert.match(history.body, /id="change-table"[\s\S]*Physical care[\s\S]*>2</);
    assert.match(history.body, /Start an assessment/);
  });

  it('refuses the author’s own decision, and anyone but a manager of the team', async () => {
    const child = (await addChild(t.app, world, 'manager', { givenName: 'Ash', familyName: 'Samplefield' })).id;
    const started = await t.app.assessments.recording.start(world.viewer('manager'), child, today);
    assert.ok(started.ok);
    await t.app.assessments.recording.save(world.viewer('manager'), child, started.id, completeContent(DEFAULT_FRAMEWORK), true);
    const path = `/practice/children/${child}/assessments/${started.id}/decision`;
    const own = await (await as('manager')).get(path);
    assert.equal(own.statusCode, 403);
    assert.match(own.body, /another manager of the team must authorise it/);
    assert.equal((await (await as('worker')).get(path)).statusCode, 403, 'a practitioner');
    const elsewhere = await (await as('southManager')).get(path);
    assert.equal(elsewhere.statusCode, 303, 'another team’s manager is asked to break the glass');
    assert.match(elsewhere.headers.location as string, /\/break-glass$/);
    assert.equal((await (await as('outsideManager')).get(path)).statusCode, 404);
  });

  it('answers other teams, other organisations, analysts and made-up ids as the practice door does', async () => {
    const started = await t.app.assessments.recording.start(world.viewer('worker'), (await addChild(t.app, world, 'worker')).id, today);
    assert.ok(started.ok);
    const [row] = await t.app.services.db.selectFrom('assessments').select(['child_id']).where('id', '=', started.id).execute();
    const base = `/practice/children/${row!.child_id}/assessments`;
    for (const path of [base, `${base}/new`, `${base}/${started.id}`]) {
      const colleague = await (await as('colleague')).get(path);
      assert.equal(colleague.statusCode, 303, path);
      assert.match(colleague.headers.location as string, /\/break-glass$/);
      assert.equal((await (await as('outsider')).get(path)).statusCode, 404, path);
      assert.equal((await (await as('analyst')).get(path)).statusCode, 403, path);
    }
    const worker = await as('worker');
    assert.equal((await worker.get(`${base}/not-an-id`)).statusCode, 404);
    assert.equal(
      (await worker.get(`/practice/children/${childId}/assessments/${started.id}`)).statusCode,
      404,
      'another child’s assessment',
    );
    assert.equal((await worker.get('/practice/children/00000000-0000-4000-8000-000000000000/assessments')).statusCode, 404);
    const outsider = await as('outsider');
    await outsider.get('/practice');
    const posted = await outsider.post(`${base}/${started.id}`, { action: 'save', childWords: 'x' });
    assert.equal(posted.statusCode, 404);
  });
});
