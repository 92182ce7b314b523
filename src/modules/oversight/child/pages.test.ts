import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld, type Someone } from '../../../../tests/support/practice.js';

describe('oversight: the pages', () => {
  let t: TestContext;
  let world: PracticeWorld;
  let childId: string;
  let southChild: string;
  const page = () => `/practice/children/${childId}/oversight`;

  async function as(who: Someone) {
    const client = new FormClient(t.app);
    await signInDirectly(client, world.users[who]);
    return client;
  }

  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    ({ id: childId } = await addChild(t.app, world, 'worker', { givenName: 'Wren', familyName: 'Samplefield' }));
    ({ id: southChild } = await addChild(t.app, world, 'colleague', { givenName: 'Ash', familyName: 'Madeupton' }));
  });
  after(() => t.close());

  it('shows a child’s oversight to the team, linked from the child’s record', async () => {
    const worker = await as('worker');
    const record = await worker.get(`/practice/children/${childId}`);
    assert.match(record.body, new RegExp(`href="/practice/children/${childId}/oversight"`));
    const response = await worker.get(page());
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Oversight/);
    assert.match(response.body, /No supervision has been recorded about Wren/);
    assert.doesNotMatch(response.body, /Record a supervision session/, 'practitioners do not record supervision');
    assert.match(response.body, /Propose a decision for a manager’s approval/);
    assert.match((await (await as('manager')).get(page())).body, /Record a supervision session/);
  });

  it('records supervision, keeping everything typed when something is wrong', async () => {
    const manager = await as('manager');
    await manager.get(page());
    const wrong = await manager.post(`${page()}/supervision`, {
      'heldOn-day': '31',
      'heldOn-month': '2',
      'heldOn-year': '2026',
      attendees: '<script>alert(1)</script>',
      discussion: "Robert'); DROP TABLE oversight_supervisions;--",
      actions: '',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /govuk-error-summary/);
    assert.match(wrong.body, /The date of the supervision must be a real date/);
    assert.match(wrong.body, /Enter the actions agreed/);
    assert.match(wrong.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(wrong.body, /<script>alert\(1\)/);
    assert.match(wrong.body, /DROP TABLE oversight_supervisions/);
    const done = await manager.post(`${page()}/supervision`, {
      'heldOn-day': '1',
      'heldOn-month': '12',
      'heldOn-year': '2026',
      attendees: 'Demo Manager, the worker',
      discussion: 'School attendance.',
      actions: 'Call the school.',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `${page()}#supervision`);
    assert.match((await manager.get(page())).body, /School attendance\./);
    const worker = await as('worker');
    await worker.get(page());
    const refused = await worker.post(`${page()}/supervision`, {
      'heldOn-day': '1',
      'heldOn-month': '12',
      'heldOn-year': '2026',
      attendees: 'x',
      discussion: 'x',
      actions: 'x',
    });
    assert.equal(refused.statusCode, 409);
  });

  it('takes a proposed decision through a second manager’s approval, never the proposer’s', async () => {
    const worker = await as('worker');
    await worker.get(page());
    const alone = await worker.post(`${page()}/decisions`, { decision: 'Close the case', rationale: 'Goals met.', needsApproval: 'no' });
    assert.equal(alone.statusCode, 400);
    assert.match(alone.body, /Only a manager can record a decision that needs no approval/);
    assert.match(alone.body, /Close the case/);
    const proposed = await worker.post(`${page()}/decisions`, {
      decision: 'Step down to early help',
      rationale: 'Good progress.',
      needsApproval: 'yes',
    });
    assert.equal(proposed.statusCode, 303);
    const decision = await t.app.services.db
      .selectFrom('oversight_decisions')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow();
    const approval = `${page()}/decisions/${decision.id}/approval`;

    assert.equal((await worker.get(approval)).statusCode, 403, 'practitioners do not approve');
    const manager = await as('manager');
    const form = await manager.get(approval);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Step down to early help/);
    const empty = await manager.post(approval, { outcome: 'maybe', note: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Choose whether you approve the decision/);
    const approved = await manager.post(approval, { outcome: 'approved', note: 'Agreed with weekly checks.' });
    assert.equal(approved.statusCode, 303);
    assert.match((await manager.get(page())).body, /Approved by/);
    assert.equal((await manager.get(approval)).statusCode, 409, 'answered once');

    // A manager's own proposal waits for another manager.
    await manager.post(`${page()}/decisions`, { decision: 'Hold a strategy discussion', rationale: 'New bruising.', needsApproval: 'yes' });
    const own = await t.app.services.db
      .selectFrom('oversight_decisions')
      .select('id')
      .where('decision', '=', 'Hold a strategy discussion')
      .executeTakeFirstOrThrow();
    const refused = await manager.get(`${page()}/decisions/${own.id}/approval`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /You proposed this decision/);
    await manager.get(page());
    assert.equal((await manager.post(`${page()}/decisions/${own.id}/approval`, { outcome: 'approved', note: 'Me.' })).statusCode, 409);
  });

  it('raises, answers and escalates a challenge, showing the whole chain', async () => {
    const worker = await as('worker');
    await worker.get(page());
    const bad = await worker.post(`${page()}/challenges`, { about: 'not-a-thing', concern: 'x'.repeat(4001) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Your challenge must be 4000 characters or fewer/);
    const raised = await worker.post(`${page()}/challenges`, { about: 'plan', concern: 'The plan has no review date.' });
    assert.equal(raised.statusCode, 303);
    const challenge = await t.app.services.db
      .selectFrom('oversight_challenges')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow();
    const manager = await as('manager');
    const answerPage = `${page()}/challenges/${challenge.id}/answer`;
    assert.equal((await worker.get(answerPage)).statusCode, 403);
    assert.equal((await manager.get(answerPage)).statusCode, 200);
    assert.equal((await manager.post(answerPage, { answer: ' ' })).statusCode, 400);
    assert.equal((await manager.post(answerPage, { answer: 'A review is booked for 3 March.' })).statusCode, 303);

    const escalation = `${page()}/challenges/${challenge.id}/escalation`;
    assert.equal((await manager.get(escalation)).statusCode, 409, 'the answerer does not escalate their own answer');
    await worker.get(escalation);
    assert.equal((await worker.post(escalation, { concern: '' })).statusCode, 400);
    assert.equal((await worker.post(escalation, { concern: 'March is too late.' })).statusCode, 303);
    const shown = (await worker.get(page())).body;
    for (const text of [
      'The plan has no review date.',
      'A review is booked for 3 March.',
      'March is too late.',
      'Level 2: a service manager',
    ]) {
      assert.ok(shown.includes(text), text);
    }
    const next = await t.app.services.db
      .selectFrom('oversight_challenges')
      .select('id')
      .where('escalates_id', '=', challenge.id)
      .executeTakeFirstOrThrow();
    assert.equal((await manager.get(`${page()}/challenges/${next.id}/answer`)).statusCode, 409, 'answered level 1 already');
  });

  it('lists a manager’s team’s waiting decisions and challenges, and nobody else’s', async () => {
    const manager = await as('manager');
    const list = await manager.get('/practice/oversight/decisions');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Hold a strategy discussion/);
    assert.match(list.body, /You proposed it: another manager must approve it/);
    assert.match(list.body, /March is too late\./);
    const south = await (await as('southManager')).get('/practice/oversight/decisions');
    assert.doesNotMatch(south.body, /Samplefield/);
    assert.equal((await (await as('worker')).get('/practice/oversight/decisions')).statusCode, 403);
    assert.equal((await (await as('analyst')).get('/practice/oversight/decisions')).statusCode, 403);
    assert.equal((await new FormClient(t.app).get('/practice/oversight/decisions')).statusCode, 303);
  });

  it('answers other teams, other organisations, analysts and made-up ids as the records do, on every page', async () => {
    const decision = await t.app.services.db
      .selectFrom('oversight_decisions')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow();
    const challenge = await t.app.services.db
      .selectFrom('oversight_challenges')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow();
    const pages = [
      page(),
      `${page()}/decisions/${decision.id}/approval`,
      `${page()}/challenges/${challenge.id}/answer`,
      `${page()}/challenges/${challenge.id}/escalation`,
    ];
    const outsider = await as('outsideManager');
    const southManager = await as('southManager');
    const analyst = await as('analyst');
    for (const url of pages) {
      assert.equal((await outsider.get(url)).statusCode, 404, `another organisation: ${url}`);
      const glass = await southManager.get(url);
      assert.equal(glass.statusCode, 303, `another team: ${url}`);
      assert.equal(glass.headers.location, `/practice/children/${childId}/break-glass`);
      assert.ok([403, 404].includes((await analyst.get(url)).statusCode), `analyst: ${url}`);
      assert.equal((await new FormClient(t.app).get(url)).statusCode, 303, `signed out: ${url}`);
    }
    const manager = await as('manager');
    for (const url of [
      '/practice/children/not-an-id/oversight',
      `/practice/children/${childId}/oversight/decisions/nope/approval`,
      `/practice/children/${childId}/oversight/challenges/00000000-0000-4000-8000-000000000000/answer`,
      // Another child's decision through this child's address.
      `/practice/children/${southChild}/oversight/decisions/${decision.id}/approval`,
    ]) {
      assert.ok([404, 303].includes((await manager.get(url)).statusCode), url);
    }
    // Every form, sent by another organisation, another team or an analyst, changes nothing.
    const counts = async () => {
      const { db } = t.app.services;
      const [s, d, c] = await Promise.all([
        db.selectFrom('oversight_supervisions').select('id').execute(),
        db.selectFrom('oversight_decisions').select(['id', 'status']).execute(),
        db.selectFrom('oversight_challenges').select(['id', 'answer']).execute(),
      ]);
      return JSON.stringify([s, d, c]);
    };
    const before = await counts();
    const forms: [string, Record<string, string>][] = [
      [
        `${page()}/supervision`,
        { 'heldOn-day': '1', 'heldOn-month': '12', 'heldOn-year': '2026', attendees: 'x', discussion: 'x', actions: 'x' },
      ],
      [`${page()}/decisions`, { decision: 'From elsewhere', rationale: 'x', needsApproval: 'yes' }],
      [`${page()}/decisions/${decision.id}/approval`, { outcome: 'approved', note: 'x' }],
      [`${page()}/challenges`, { about: 'plan', concern: 'From elsewhere.' }],
      [`${page()}/challenges/${challenge.id}/answer`, { answer: 'x' }],
      [`${page()}/challenges/${challenge.id}/escalation`, { concern: 'x' }],
    ];
    for (const client of [outsider, southManager, analyst]) await client.get('/staff');
    for (const [url, fields] of forms) {
      assert.equal((await outsider.post(url, fields)).statusCode, 404, `another organisation: ${url}`);
      assert.equal((await southManager.post(url, fields)).statusCode, 303, `another team: ${url}`);
      assert.ok([403, 404].includes((await analyst.post(url, fields)).statusCode), `analyst: ${url}`);
    }
    assert.equal(await counts(), before);
  });
});
