import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld, type Someone } from '../../../tests/support/practice.js';
import { personActor } from '../../platform/audit.js';
import { addDays, londonDay } from '../../platform/time.js';

describe('plans: the API', () => {
  let t: TestContext;
  let world: PracticeWorld;
  const tokens = {} as Record<Someone, string>;
  let childId: string;
  let planId: string;
  const today = londonDay(new Date());
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    for (const who of Object.keys(world.users) as Someone[]) {
      tokens[who] = await t.app.services.apiTokens.create(
        world.users[who].principal,
        'test token',
        personActor(world.users[who], '192.0.2.1'),
      );
    }
    ({ id: childId } = await addChild(t.app, world, 'worker', { givenName: 'Jay', familyName: 'Madeupton' }));
  });
  after(() => t.close());

  const call = (who: Someone | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      payload: payload as Record<string, unknown>,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });
  const base = () => `/api/v1/practice/children/${childId}/plans`;

  it('starts a plan, adds to it and reads it whole', async () => {
    const started = await call('worker', 'POST', base(), {
      type: 'child-in-need',
      startedOn: addDays(today, -40),
      nextReviewOn: addDays(today, 20),
    });
    assert.equal(started.statusCode, 201, started.body);
    planId = started.json().id;
    const plan = `${base()}/${planId}`;
    assert.equal((await call('worker', 'POST', `${plan}/outcomes`, { outcome: 'Jay sleeps in a warm, dry room.' })).statusCode, 201);
    const actions = [];
    for (const ownerKind of ['family-member', 'professional']) {
      const added = await call('teammate', 'POST', `${plan}/actions`, {
        action: 'Open the windows daily',
        ownerKind,
        owner: 'Dad',
        dueOn: addDays(today, 5),
      });
      assert.equal(added.statusCode, 201, added.body);
      actions.push(added.json().id as string);
    }
    assert.equal(
      (await call('worker', 'POST', `${plan}/core-groups`, { heldOn: addDays(today, -30), note: 'Met at school.' })).statusCode,
      201,
    );
    const review = await call('manager', 'POST', `${plan}/reviews`, {
      heldOn: addDays(today, -2),
      nextReviewOn: addDays(today, 60),
      progress: actions.map((actionId) => ({ actionId, mark: 'partly', evidence: 'Some days, not all.' })),
    });
    assert.equal(review.statusCode, 201, review.body);
    const read = await call('worker', 'GET', plan);
    assert.equal(read.statusCode, 200);
    const body = read.json();
    assert.equal(body.type, 'child-in-need');
    assert.equal(body.nextReviewOn, addDays(today, 60));
    assert.equal(body.reviews[0].progress.length, 2);
    assert.deepEqual(
      body.outcomes.map((o: { outcome: string }) => o.outcome),
      ['Jay sleeps in a warm, dry room.'],
    );
    const listed = await call('manager', 'GET', base());
    assert.deepEqual(
      listed.json().plans.map((p: { id: string }) => p.id),
      [planId],
    );
    const openapi = await t.app.inject('/api/openapi.json');
    assert.ok(openapi.json().paths['/api/v1/practice/children/{id}/plans/{planId}/reviews']);
  });

  it('answers every mistake with problem+json and changes nothing', async () => {
    const plan = `${base()}/${planId}`;
    const mistakes: [string, unknown, number][] = [
      [base(), { type: 'child-protection', startedOn: today }, 400],
      [base(), { type: 'child-in-need', startedOn: '2026-02-30' }, 400],
      [base(), { type: 'child-in-need', startedOn: today }, 409],
      [base(), { type: 'early-help', category: 'NEG', startedOn: today }, 400],
      [`${plan}/outcomes`, { outcome: 'x'.repeat(1001) }, 400],
      [`${plan}/actions`, { action: '<b>x</b>', ownerKind: 'neighbour', owner: 'Dad', dueOn: today }, 400],
      [`${plan}/reviews`, { heldOn: today, progress: [] }, 400],
      [
        `${plan}/reviews`,
        { heldOn: today, progress: [{ actionId: '00000000-0000-4000-8000-000000000000', mark: 'maybe', evidence: 'x' }] },
        400,
      ],
      [`${plan}/core-groups`, { heldOn: addDays(today, 3), note: 'Future' }, 400],
      [`${plan}/end`, { endedOn: today }, 400],
    ];
    for (const [url, body, status] of mistakes) {
      const response = await call('worker', 'POST', url, body);
      assert.equal(response.statusCode, status, `${url} ${JSON.stringify(body).slice(0, 80)}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
    const read = (await call('worker', 'GET', plan)).json();
    assert.equal(read.reviews.length, 1);
    assert.equal(read.actions.length, 2);
    assert.equal(read.endedOn, null);
  });

  it('hides the plans from other organisations and other children, and asks other teams to break the glass', async () => {
    const plan = `${base()}/${planId}`;
    const anything = {
      type: 'early-help',
      startedOn: today,
      outcome: 'x',
      action: 'x',
      ownerKind: 'professional',
      owner: 'x',
      dueOn: today,
    };
    const everything = { ...anything, heldOn: today, note: 'x', progress: [], endedOn: today, reason: 'x' };
    for (const [url, method] of [
      [base(), 'GET'],
      [base(), 'POST'],
      [plan, 'GET'],
      [`${plan}/outcomes`, 'POST'],
      [`${plan}/actions`, 'POST'],
      [`${plan}/core-groups`, 'POST'],
      [`${plan}/reviews`, 'POST'],
      [`${plan}/end`, 'POST'],
    ] as const) {
      const body = method === 'POST' ? everything : undefined;
      assert.equal((await call('outsider', method, url, body)).statusCode, 404, url);
      assert.equal((await call('colleague', method, url, body)).statusCode, 403, url);
      assert.equal((await call('analyst', method, url, body)).statusCode, 403, url);
      assert.equal((await call(null, method, url, body)).statusCode, 401, url);
    }
    const read = (await call('worker', 'GET', plan)).json();
    assert.deepEqual(
      [read.outcomes.length, read.actions.length, read.coreGroups.length, read.reviews.length],
      [1, 2, 1, 1],
      'nothing was added',
    );
    assert.equal((await call('worker', 'GET', base())).json().plans.length, 1);
    const other = await addChild(t.app, world, 'worker', { givenName: 'Kai', familyName: 'Madeupton' });
    assert.equal((await call('worker', 'GET', `/api/v1/practice/children/${other.id}/plans/${planId}`)).statusCode, 404);
    assert.equal((await call('worker', 'GET', `/api/v1/practice/children/not-an-id/plans`)).statusCode, 404);
    assert.equal((await call('worker', 'GET', `${base()}/1%27%20or%201=1`)).statusCode, 404);
  });

  it('ends the plan with its chronology entry, then refuses changes to it', async () => {
    const plan = `${base()}/${planId}`;
    const ended = await call('worker', 'POST', `${plan}/end`, { endedOn: today, reason: 'Stepped down to early help.' });
    assert.equal(ended.statusCode, 201, ended.body);
    assert.equal((await call('worker', 'POST', `${plan}/outcomes`, { outcome: 'Late' })).statusCode, 409);
    const events = await t.app.practiceRecords!.eventsOf([childId], ['plan-start', 'plan-end']);
    assert.deepEqual(
      events.map((e) => [e.kind, e.planType]),
      [
        ['plan-start', 'child-in-need'],
        ['plan-end', 'child-in-need'],
      ],
    );
  });
});
