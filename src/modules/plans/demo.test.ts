import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FormClient, signInDirectly, testApp, type TestContext } from '../../../tests/support/app.js';
import { seedDemo } from '../../platform/demo.js';
import { generateSyntheticPlans } from './synthetic.js';

/** A small seeded source (mulberry32), so that the test writes the same plans every run. */
function seeded(seed: number) {
  let a = seed;
  return {
    next() {
      a = (a + 0x6d2b79f5) | 0;
      let n = Math.imul(a ^ (a >>> 15), 1 | a);
      n = (n + Math.imul(n ^ (n >>> 7), 61 | n)) ^ n;
      return ((n ^ (n >>> 14)) >>> 0) / 4294967296;
    },
  };
}

describe('plans: the demo and synthetic plans', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ HEARTH_DEMO: 'true' });
    assert.equal(await seedDemo(t.app.services, t.app.config, t.app.modules, t.app.moduleContext), true);
  });
  after(() => t.close());

  const signedIn = async (id: string) => {
    const client = new FormClient(t.app);
    await signInDirectly(client, { id });
    return client;
  };

  it('gives the demo practitioner a protection plan showing partial compliance, a review overdue, and a family’s own action', async () => {
    const db = t.app.services.db;
    const plans = await db.selectFrom('plans').select(['id', 'type', 'child_id']).execute();
    assert.deepEqual(
      plans.map((p) => p.type).sort(),
      [
        'child-in-need',
        'child-in-need',
        'child-protection',
        'child-protection',
        'child-protection',
        'child-protection',
        'early-help',
        'early-help',
      ],
      'the three of the caseload, and the five that drift (demo-drift.ts)',
    );
    const facts = await t.app.planFacts!(plans.map((p) => p.child_id));
    const protection = facts.filter((f) => f.type === 'child-protection' && f.reviewsOn.length === 2);
    assert.equal(protection.length, 1, 'the plan showing partial compliance');
    assert.ok(
      facts.some((f) => f.type === 'child-protection' && f.endedOn !== null),
      'the earlier plan of a repeat plan',
    );
    const family = await db.selectFrom('plan_actions').select('owner_kind').where('owner_kind', '=', 'family-member').execute();
    assert.ok(family.length > 0);
    const worker = await db
      .selectFrom('users')
      .select(['id', 'email', 'organisation_id', 'team_id'])
      .where('email', '=', 'practitioner@example.org')
      .executeTakeFirstOrThrow();
    const queue = t.app.plans.staffQueues()[0]!;
    const principal = {
      id: worker.id,
      email: worker.email,
      roles: ['practitioner' as const],
      organisationId: worker.organisation_id,
      teamId: worker.team_id,
    };
    const measured = await queue.measure(new Date(), principal);
    assert.equal(measured.count, 2, 'the overdue review and the one due in 5 days');
    assert.ok(measured.oldest);
    const page = await (await signedIn(worker.id)).get('/practice/plans/reviews-due');
    assert.equal(page.statusCode, 200);
    assert.equal([...page.body.matchAll(/<tr class="govuk-table__row">/g)].length, 3, 'a header and two reviews');
    assert.match(page.body, /3 days overdue/);
    assert.match(page.body, /In 5 days/);
    const colleague = await db.selectFrom('users').select('id').where('email', '=', 'colleague@example.org').executeTakeFirstOrThrow();
    assert.match((await (await signedIn(colleague.id)).get('/practice/plans/reviews-due')).body, /id="no-reviews-due"/);
    const analyst = await db.selectFrom('users').select('id').where('email', '=', 'analyst@example.org').executeTakeFirstOrThrow();
    assert.equal((await (await signedIn(analyst.id)).get('/practice/plans/reviews-due')).statusCode, 403);
  });

  it('writes plainly synthetic plans in bulk for the benchmark, that keep every rule of the tables', async () => {
    const children = Array.from({ length: 400 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const written = await generateSyntheticPlans(t.app.services.db, children, seeded(7));
    assert.ok(written > 50 && written < 200, String(written));
    const facts = await t.app.planFacts!(children);
    assert.equal(facts.length, written);
    assert.ok(facts.some((f) => f.reviewsOn.length >= 2 && f.actionsMovedAtReviews.length === f.reviewsOn.length));
    assert.ok(facts.every((f) => (f.type === 'child-protection') === (f.category !== null)));
  });
});
