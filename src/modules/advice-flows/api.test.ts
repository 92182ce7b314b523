import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, testApp, type TestContext } from '../../../tests/support/app.js';
import type { FlowDefinition } from './engine/flow-types.js';
import { personActor } from '../../platform/audit.js';

const SLUG = 'test-api-flow';

function fixture(outcomeTitle = 'Ask for a copy of the plan'): FlowDefinition {
  return {
    slug: SLUG,
    title: 'A plan for your child',
    summary: 'A flow written for the API tests.',
    intro: ['For tests only.'],
    checked: '2026-11-30',
    firstQuestion: 'has-plan',
    questions: {
      'has-plan': {
        kind: 'yes-no',
        text: 'Does your child have a plan?',
        next: [{ when: { question: 'has-plan', equals: 'yes' }, goTo: { question: 'age' } }, { goTo: { outcome: 'no-plan' } }],
      },
      age: { kind: 'number', text: 'How old is your child?', min: 0, max: 17, suffix: 'years', next: [{ goTo: { outcome: 'copy' } }] },
    },
    outcomes: {
      copy: {
        title: outcomeTitle,
        summary: 'You can ask for a copy.',
        blocks: [
          { paragraphs: ['Ask the social worker.'] },
          { when: { question: 'age', atLeast: 16 }, style: 'inset', paragraphs: ['Your child can ask too.'] },
          { when: { all: [{ question: 'age', lessThan: 16 }, { not: { question: 'has-plan', equals: 'no' } }] }, bullets: ['Younger'] },
        ],
        sources: [
          { title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' },
          {
            title: 'For older children',
            url: 'https://www.legislation.gov.uk/ukpga/1989/41/section/1',
            when: { question: 'age', atLeast: 16 },
          },
        ],
      },
      'no-plan': {
        title: 'No plan yet',
        summary: 'Nothing to ask for yet.',
        blocks: [],
        sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
      },
    },
  };
}

describe('the guided-advice API', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp();
    await t.app.adviceFlows.installBuiltIn([fixture()]);
  });
  after(() => t.close());

  const evaluate = (body: unknown, slug = SLUG) =>
    t.app.inject({ method: 'POST', url: `/api/v1/flows/${slug}/evaluate`, payload: body as Record<string, unknown> });

  function assertProblem(response: Awaited<ReturnType<typeof evaluate>>, status: number) {
    assert.equal(response.statusCode, status, response.body);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(response.json().status, status);
    assert.ok(response.json().detail);
  }

  it('lists the published flows without a token', async () => {
    const response = await t.app.inject('/api/v1/flows');
    assert.equal(response.statusCode, 200);
    const listed = response.json().flows.find((f: { slug: string }) => f.slug === SLUG);
    assert.deepEqual(listed, { slug: SLUG, title: 'A plan for your child', summary: 'A flow written for the API tests.', version: 1 });
  });

  it('gives a published flow with its version, conditions and all', async () => {
    const response = await t.app.inject(`/api/v1/flows/${SLUG}`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().version, 1);
    assert.deepEqual(response.json().definition, fixture(), 'nothing of the definition is lost on the way out');
  });

  it('answers 404 problem+json for a flow that does not exist', async () => {
    assertProblem(await t.app.inject('/api/v1/flows/no-such-flow'), 404);
    const evaluated = await evaluate({ answers: {} }, 'no-such-flow');
    assertProblem(evaluated, 404);
    assert.equal(evaluated.json().type, 'urn:hearth:problem:not-found');
  });

  it('evaluates to the first question, then the next one', async () => {
    const first = await evaluate({ answers: {} });
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json().next, {
      id: 'has-plan',
      kind: 'yes-no',
      text: 'Does your child have a plan?',
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    });
    const second = await evaluate({ answers: { 'has-plan': 'yes' } });
    assert.equal(second.json().next.id, 'age');
    assert.equal(second.json().next.suffix, 'years');
    assert.equal(second.json().next.max, 17);
    assert.deepEqual(second.json().path, ['has-plan']);
    assert.equal(second.json().outcome, undefined);
  });

  it('evaluates to an outcome with only the blocks that apply', async () => {
    const older = await evaluate({ answers: { 'has-plan': 'yes', age: '16' } });
    assert.equal(older.statusCode, 200);
    const outcome = older.json().outcome;
    assert.equal(outcome.id, 'copy');
    assert.equal(outcome.title, 'Ask for a copy of the plan');
    assert.deepEqual(outcome.blocks, [
      { paragraphs: ['Ask the social worker.'] },
      { style: 'inset', paragraphs: ['Your child can ask too.'] },
    ]);
    assert.deepEqual(outcome.sources, [
      { title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' },
      { title: 'For older children', url: 'https://www.legislation.gov.uk/ukpga/1989/41/section/1' },
    ]);
    assert.equal(outcome.checked, '2026-11-30');

    const younger = await evaluate({ answers: { 'has-plan': 'yes', age: '4' } });
    assert.deepEqual(younger.json().outcome.blocks, [{ paragraphs: ['Ask the social worker.'] }, { bullets: ['Younger'] }]);
    assert.deepEqual(
      younger.json().outcome.sources,
      [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
      'only the sources that apply to these answers',
    );

    const none = await evaluate({ answers: { 'has-plan': 'no', age: '4' } });
    assert.equal(none.json().outcome.id, 'no-plan', 'an answer off the path is ignored');
  });

  it('refuses an invalid answer with problem+json naming the question', async () => {
    const response = await evaluate({ answers: { 'has-plan': 'maybe', age: '40' } });
    assertProblem(response, 400);
    assert.equal(response.json().type, 'urn:hearth:problem:validation');
    assert.deepEqual(response.json().errors, [
      { field: 'has-plan', text: 'Select from the answers shown' },
      { field: 'age', text: 'Enter a number of 17 or less' },
    ]);
  });

  it('refuses an answer to a question the flow does not have', async () => {
    const response = await evaluate({ answers: { 'has-plan': 'yes', 'favourite-colour': 'blue' } });
    assertProblem(response, 400);
    assert.deepEqual(response.json().errors, [{ field: 'favourite-colour', text: 'This flow has no question "favourite-colour"' }]);
  });

  it('refuses a body without answers, or with answers of the wrong shape', async () => {
    assertProblem(await evaluate({}), 400);
    assertProblem(await evaluate({ answers: { age: { nested: true } } }), 400);
    assertProblem(await evaluate({ answers: {}, version: 0 }), 400);
  });

  it('evaluates an older published version when asked', async () => {
    const flows = t.app.adviceFlows;
    const editor = await createUser(t.app, { roles: ['editor'] });
    const actor = personActor(editor, '127.0.0.1');
    assert.deepEqual(await flows.saveDraft(fixture('Version two'), actor), { ok: true });
    const published = await flows.publish(SLUG, actor);
    assert.ok(published.ok);

    const answers = { 'has-plan': 'yes', age: '3' };
    const current = await evaluate({ answers });
    assert.equal(current.json().outcome.title, 'Version two');
    assert.equal(current.json().version, published.version);
    const older = await evaluate({ answers, version: 1 });
    assert.equal(older.json().outcome.title, 'Ask for a copy of the plan');
    assert.equal(older.json().version, 1);
    assertProblem(await evaluate({ answers, version: 99 }), 404);
    assert.equal(
      (await t.app.inject('/api/v1/flows')).json().flows.find((f: { slug: string }) => f.slug === SLUG).version,
      published.version,
    );
  });

  it('publishes the three endpoints in the OpenAPI document, tagged guided-advice', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json();
    const paths = document.paths as Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>;
    assert.deepEqual(paths['/api/v1/flows']?.get?.tags, ['guided-advice']);
    assert.deepEqual(paths['/api/v1/flows/{slug}']?.get?.tags, ['guided-advice']);
    assert.deepEqual(paths['/api/v1/flows/{slug}/evaluate']?.post?.tags, ['guided-advice']);
    assert.ok(paths['/api/v1/flows/{slug}/evaluate']?.post?.responses?.['400'], 'the problem response is documented');
    const docs = await t.app.inject('/api/docs');
    assert.match(docs.body, /guided-advice/);
  });
});
