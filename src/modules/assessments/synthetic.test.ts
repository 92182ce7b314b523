import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { addChild, practiceWorld, type PracticeWorld } from '../../../tests/support/practice.js';
import { generateSyntheticAssessments } from './synthetic.js';

/** A seeded source small enough for a test: the same numbers every run. */
function lcg(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
  const hex = (n: number) =>
    Math.floor(next() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  };
}

describe('assessments: synthetic assessments in bulk', () => {
  let t: TestContext;
  let world: PracticeWorld;
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
  });
  after(() => t.close());

  it('gives every child an authorised assessment and some a re-assessment, which read back like any other', async () => {
    const children = [];
    for (let i = 0; i < 30; i++) children.push((await addChild(t.app, world, 'worker', { givenName: `Synth${i}` })).id);
    const placement = { organisationId: world.councils.northmoor, teamId: world.teams.north };
    const counts = await generateSyntheticAssessments(t.app.services.db, children, lcg(7), placement);
    assert.ok(counts.assessments > 30 && counts.grades > 300, JSON.stringify(counts));
    const facts = await t.app.assessmentFacts!(children);
    assert.equal(facts.length, counts.assessments);
    assert.ok(facts.filter((f) => f.authorisedOn).length >= 30);
    const history = await t.app.assessments.history.ofChild(world.viewer('worker'), children[0]!);
    assert.ok(history.ok && history.assessments[0]!.state === 'authorised' && history.assessments[0]!.scores['health'] !== null);
    await assert.rejects(generateSyntheticAssessments(t.app.services.db, children, lcg(8)), /exactly one local authority|one open|unique/);
  });
});
