import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld, type Someone } from '../../../tests/support/practice.js';
import { personActor } from '../../platform/audit.js';

describe('oversight: the API', () => {
  let t: TestContext;
  let world: PracticeWorld;
  const tokens = {} as Record<Someone, string>;
  let childId: string;
  const base = () => `/api/v1/practice/children/${childId}/oversight`;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
    for (const who of Object.keys(world.users) as Someone[]) {
      const user = world.users[who];
      tokens[who] = await t.app.services.apiTokens.create(user.principal, 'test token', personActor(user, '192.0.2.1'));
    }
    ({ id: childId } = await addChild(t.app, world, 'worker', { givenName: 'Fern', familyName: 'Fictonby' }));
  });
  after(() => t.close());

  const call = (who: Someone | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      payload: payload as Record<string, unknown>,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });

  it('records and reads supervision, decisions and a challenge’s chain', async () => {
    const supervision = await call('manager', 'POST', `${base()}/supervision`, {
      heldOn: '2026-12-01',
      attendees: 'Manager and worker',
      discussion: 'Attendance.',
      actions: 'None.',
    });
    assert.equal(supervision.statusCode, 201, supervision.body);
    const decision = await call('worker', 'POST', `${base()}/decisions`, {
      decision: 'Step down',
      rationale: 'Progress.',
      needsApproval: 'yes',
    });
    assert.equal(decision.statusCode, 201, decision.body);
    assert.equal(decision.json().status, 'awaiting-approval');
    const decisionId = decision.json().id;
    const approval = await call('manager', 'POST', `${base()}/decisions/${decisionId}/approval`, { outcome: 'approved', note: 'Yes.' });
    assert.equal(approval.statusCode, 200, approval.body);
    assert.deepEqual(approval.json(), { status: 'approved' });

    const challenge = await call('worker', 'POST', `${base()}/challenges`, { about: decisionId, concern: 'Too soon.' });
    assert.equal(challenge.statusCode, 201, challenge.body);
    const challengeId = challenge.json().id;
    assert.equal((await call('manager', 'POST', `${base()}/challenges/${challengeId}/answer`, { answer: 'It is not.' })).statusCode, 204);
    const escalated = await call('worker', 'POST', `${base()}/challenges/${challengeId}/escalation`, { concern: 'Still too soon.' });
    assert.equal(escalated.statusCode, 201, escalated.body);
    assert.equal(escalated.json().level, 2);

    const read = await call('teammate', 'GET', base());
    assert.equal(read.statusCode, 200, read.body);
    const body = read.json();
    assert.equal(body.supervision.length, 1);
    assert.equal(body.decisions[0].status, 'approved');
    assert.equal(body.challenges[0].decisionId, decisionId);
    assert.equal(body.challenges[0].open, true);
    assert.deepEqual(
      body.challenges[0].steps.map((s: { level: number; answer: string | null }) => [s.level, s.answer]),
      [
        [1, 'It is not.'],
        [2, null],
      ],
    );
  });

  it('refuses the proposer’s approval and other conflicts with 409 problems', async () => {
    const own = await call('manager', 'POST', `${base()}/decisions`, {
      decision: 'Strategy discussion',
      rationale: 'Bruise.',
      needsApproval: 'yes',
    });
    const selfApproval = await call('manager', 'POST', `${base()}/decisions/${own.json().id}/approval`, {
      outcome: 'approved',
      note: 'Me.',
    });
    assert.equal(selfApproval.statusCode, 409);
    assert.match(selfApproval.json().detail, /never approved by the person who proposed it/);
    const noApproval = await call('worker', 'POST', `${base()}/decisions`, { decision: 'Close', rationale: 'Done.', needsApproval: 'no' });
    assert.equal(noApproval.statusCode, 400);
    assert.equal(noApproval.json().errors[0].field, 'needsApproval');
  });

  it('answers bad bodies with 400 problems', async () => {
    for (const [url, payload] of [
      [`${base()}/supervision`, { heldOn: '2026-02-30', attendees: 'x', discussion: 'x', actions: 'x' }],
      [`${base()}/supervision`, { heldOn: '2026-12-01', attendees: { $ne: 1 }, discussion: 'x', actions: 'x' }],
      [`${base()}/decisions`, { decision: 'x'.repeat(2001), rationale: 'x', needsApproval: 'yes' }],
      [`${base()}/challenges`, { about: "plan' OR '1'='1", concern: 'x' }],
    ] as const) {
      const response = await call('manager', 'POST', url, payload);
      assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /problem\+json/);
    }
  });

  it('applies the access rules on every route: token, role, team, organisation', async () => {
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
    const routes: [string, 'GET' | 'POST', string, unknown?][] = [
      ['read', 'GET', base()],
      ['supervision', 'POST', `${base()}/supervision`, { heldOn: '2026-12-01', attendees: 'x', discussion: 'x', actions: 'x' }],
      ['decision', 'POST', `${base()}/decisions`, { decision: 'x', rationale: 'x', needsApproval: 'yes' }],
      ['approval', 'POST', `${base()}/decisions/${decision.id}/approval`, { outcome: 'approved', note: 'x' }],
      ['challenge', 'POST', `${base()}/challenges`, { about: 'plan', concern: 'x' }],
      ['answer', 'POST', `${base()}/challenges/${challenge.id}/answer`, { answer: 'x' }],
      ['escalation', 'POST', `${base()}/challenges/${challenge.id}/escalation`, { concern: 'x' }],
    ];
    const before = await t.app.services.db.selectFrom('oversight_challenges').select('id').execute();
    for (const [name, method, url, payload] of routes) {
      assert.equal((await call(null, method, url, payload)).statusCode, 401, `no token: ${name}`);
      assert.equal((await call('outsideManager', method, url, payload)).statusCode, 404, `another organisation: ${name}`);
      const glass = await call('southManager', method, url, payload);
      assert.equal(glass.statusCode, 403, `another team: ${name}`);
      assert.equal(glass.json().type, 'urn:hearth:problem:break-glass-needed', name);
      assert.equal((await call('analyst', method, url, payload)).statusCode, 403, `analyst: ${name}`);
      assert.equal((await call('editor', method, url, payload)).statusCode, 403, `editor: ${name}`);
      const missing = url.replace(childId, '00000000-0000-4000-8000-000000000000');
      assert.equal((await call('manager', method, missing, payload)).statusCode, 404, `missing child: ${name}`);
      assert.equal((await call('manager', method, url.replace(childId, 'x'), payload)).statusCode, 404, `not an id: ${name}`);
    }
    const after = await t.app.services.db.selectFrom('oversight_challenges').select('id').execute();
    assert.equal(after.length, before.length, 'no refused call wrote anything');
  });

  it('is in the OpenAPI document', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json();
    for (const path of [
      '/api/v1/practice/children/{id}/oversight',
      '/api/v1/practice/children/{id}/oversight/supervision',
      '/api/v1/practice/children/{id}/oversight/decisions',
      '/api/v1/practice/children/{id}/oversight/decisions/{item}/approval',
      '/api/v1/practice/children/{id}/oversight/challenges',
      '/api/v1/practice/children/{id}/oversight/challenges/{item}/answer',
      '/api/v1/practice/children/{id}/oversight/challenges/{item}/escalation',
    ]) {
      assert.ok(document.paths[path], path);
    }
  });
});
