import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld, type Someone } from '../../../tests/support/practice.js';
import { addDays, londonDay } from '../../platform/time.js';

describe('plans: the pages', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let childId: string;
  let planId: string;
  const today = londonDay(new Date());
  const dateFields = (name: string, day: string) => {
    const [year, month, date] = day.split('-');
    return { [`${name}-day`]: String(Number(date)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
  };

  async function as(who: Someone) {
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users[who]);
    return client;
  }

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    ({ id: childId } = await addChild(t.app, world, 'worker', { givenName: 'Hazel', familyName: 'Fictonby' }));
  });
  after(() => t.close());

  const base = () => `/practice/children/${childId}/plans`;

  it('starts a plan from the form, keeping everything typed when something is wrong', async () => {
    const worker = await as('worker');
    assert.match((await worker.get(base())).body, /id="no-plans"/);
    await worker.get(`${base()}/new`);
    const wrong = await worker.post(`${base()}/new`, {
      type: 'child-protection',
      category: '',
      ...dateFields('startedOn', addDays(today, -30)),
      'initialConferenceOn-day': '31',
      'initialConferenceOn-month': '2',
      'initialConferenceOn-year': '2026',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /govuk-error-summary/);
    assert.match(wrong.body, /The date of the initial conference must be a real date/);
    assert.match(wrong.body, /value="child-protection" checked/);
    assert.match(wrong.body, /name="initialConferenceOn-day" type="text" value="31"/);
    const rules = await worker.post(`${base()}/new`, { type: 'child-protection', ...dateFields('startedOn', addDays(today, -30)) });
    assert.equal(rules.statusCode, 400);
    assert.match(rules.body, /Choose the category of abuse of the child protection plan/);
    const started = await worker.post(`${base()}/new`, {
      type: 'child-protection',
      category: 'NEG',
      ...dateFields('startedOn', addDays(today, -30)),
      ...dateFields('initialConferenceOn', addDays(today, -30)),
      ...dateFields('nextReviewOn', addDays(today, 60)),
    });
    assert.equal(started.statusCode, 303, started.body);
    planId = started.headers.location!.split('/').at(-1)!;
    const page = await worker.get(started.headers.location!);
    assert.match(page.body, /Child protection plan started/);
    assert.match(page.body, /Neglect \(NEG\)/);
    const again = await worker.post(`${base()}/new`, {
      type: 'child-protection',
      category: 'EMO',
      ...dateFields('startedOn', today),
      ...dateFields('initialConferenceOn', today),
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /has had a current child protection plan since/);
  });

  it('adds outcomes, actions and a core group, escaping whatever is typed', async () => {
    const worker = await as('worker');
    const path = `${base()}/${planId}`;
    await worker.get(`${path}/outcomes/new`);
    const empty = await worker.post(`${path}/outcomes/new`, { outcome: '  ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter what should be different for the child/);
    assert.equal((await worker.post(`${path}/outcomes/new`, { outcome: '<script>alert(1)</script> Hazel eats well' })).statusCode, 303);
    const huge = await worker.post(`${path}/outcomes/new`, { outcome: 'x'.repeat(5000) });
    assert.equal(huge.statusCode, 400);
    for (const [action, ownerKind] of [
      ['Take Hazel to the dentist', 'family-member'],
      ["Visit weekly'; drop table plans; --", 'professional'],
    ] as const) {
      const added = await worker.post(`${path}/actions/new`, {
        action,
        ownerKind,
        owner: 'Mum',
        ...dateFields('dueOn', addDays(today, 10)),
      });
      assert.equal(added.statusCode, 303, added.body);
    }
    const wrongAction = await worker.post(`${path}/actions/new`, { action: 'Something', ownerKind: 'neighbour', owner: '' });
    assert.equal(wrongAction.statusCode, 400);
    assert.match(wrongAction.body, /Choose whether a professional or someone in the family will do it/);
    assert.match(wrongAction.body, /value="Something"|>Something</);
    const met = await worker.post(`${path}/core-groups/new`, { ...dateFields('heldOn', addDays(today, -20)), note: 'First core group.' });
    assert.equal(met.statusCode, 303);
    const page = await worker.get(path);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Hazel eats well/);
    assert.match(page.body, /drop table plans/);
    assert.match(page.body, /First core group\./);
  });

  it('records a review only with every action’s progress, and shows the grid', async () => {
    const worker = await as('worker');
    const path = `${base()}/${planId}`;
    const form = await worker.get(`${path}/reviews/new`);
    const markNames = [...form.body.matchAll(/name="(mark-[0-9a-f-]+)"/g)].map((m) => m[1]!);
    const names = [...new Set(markNames)];
    assert.equal(names.length, 2);
    const half = await worker.post(`${path}/reviews/new`, {
      ...dateFields('heldOn', addDays(today, -1)),
      [names[0]!]: 'partly',
      [names[0]!.replace('mark-', 'evidence-')]: 'Booked, then missed.',
    });
    assert.equal(half.statusCode, 400);
    assert.match(half.body, /Choose whether the action was done, partly done or not done/);
    assert.match(half.body, /Booked, then missed\./);
    assert.match(half.body, new RegExp(`name="${names[0]}" type="radio" value="partly" checked`));
    const whole = await worker.post(`${path}/reviews/new`, {
      ...dateFields('heldOn', addDays(today, -1)),
      ...Object.fromEntries(
        names.flatMap((n) => [
          [n, 'not-done'],
          [n.replace('mark-', 'evidence-'), 'Not started.'],
        ]),
      ),
    });
    assert.equal(whole.statusCode, 303, whole.body);
    const page = await worker.get(path);
    assert.match((await worker.get(`${path}/reviews/new`)).body, /At the last review: Not done\./);
    assert.match(page.body, /id="progress-grid"/);
    assert.match(page.body, /Not done/);
  });

  it('ends a plan, and refuses other organisations and teams on every page', async () => {
    const path = `${base()}/${planId}`;
    const outsider = await as('outsider');
    for (const url of [
      base(),
      `${base()}/new`,
      path,
      `${path}/outcomes/new`,
      `${path}/actions/new`,
      `${path}/core-groups/new`,
      `${path}/reviews/new`,
      `${path}/end`,
    ]) {
      assert.equal((await outsider.get(url)).statusCode, 404, url);
    }
    assert.equal((await outsider.post(`${path}/end`, { ...dateFields('endedOn', today), reason: 'x' })).statusCode, 404);
    const colleague = await as('colleague');
    const refused = await colleague.get(path);
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, `/practice/children/${childId}/break-glass`);
    assert.equal((await (await as('analyst')).get(path)).statusCode, 403);
    const worker = await as('worker');
    assert.equal((await worker.get(`${base()}/not-an-id`)).statusCode, 404);
    assert.equal((await worker.get(`/practice/children/${childId}/plans/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
    await worker.get(`${path}/end`);
    const wrong = await worker.post(`${path}/end`, { ...dateFields('endedOn', addDays(today, 5)), reason: '' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The end date must be today or in the past/);
    const ended = await worker.post(`${path}/end`, { ...dateFields('endedOn', today), reason: 'Outcomes met.' });
    assert.equal(ended.statusCode, 303);
    assert.doesNotMatch((await worker.get(path)).body, /id="plan-actions"/);
    const late = await worker.post(`${path}/outcomes/new`, { outcome: 'Too late' });
    assert.equal(late.statusCode, 409);
    assert.match((await worker.get(`/practice/children/${childId}`)).body, new RegExp(`href="/practice/children/${childId}/plans"`));
  });
});
