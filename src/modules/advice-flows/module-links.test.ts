import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../tests/support/app.js';
import { evaluate } from './engine/evaluate.js';
import { optionsOf, type Answers, type FlowDefinition } from './engine/flow-types.js';
import { BUILT_IN_FLOWS } from './flows/index.js';

/** Answers that walk a flow to an outcome, taking the first option at every question. */
function answersToAnOutcome(flow: FlowDefinition): Answers {
  const answers: Answers = {};
  for (;;) {
    const result = evaluate(flow, answers);
    if ('problems' in result) throw new Error(JSON.stringify(result.problems));
    if (result.kind === 'outcome') return answers;
    const question = result.question;
    const first = optionsOf(question)[0]?.value;
    answers[result.id] =
      question.kind === 'multiple'
        ? [first!]
        : question.kind === 'number'
          ? String(question.min ?? 1)
          : question.kind === 'date'
            ? '2026-01-05'
            : first!;
  }
}

async function outcomeLinks(t: TestContext, flow: FlowDefinition): Promise<string[]> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/flows/${flow.slug}/evaluate`,
    payload: { answers: answersToAnOutcome(flow) },
  });
  assert.equal(response.statusCode, 200, response.body);
  const blocks = response.json().outcome.blocks as { links?: { path?: string }[] }[];
  return blocks.flatMap((b) => b.links ?? []).flatMap((l) => (l.path ? [l.path] : []));
}

describe("outcome links to other modules' pages", () => {
  const flow = BUILT_IN_FLOWS[0]!;

  describe('with every module on', () => {
    let t: TestContext;
    before(async () => {
      t = await testApp();
    });
    after(() => t.close());

    it('point families to the advice line, advice sheets, FAQs and the boards, which all exist', async () => {
      const links = await outcomeLinks(t, flow);
      for (const path of ['/advice-line', '/advice', '/faqs', '/boards']) {
        assert.ok(links.includes(path), `${path} in ${links.join(', ')}`);
        assert.equal((await t.app.inject(path)).statusCode, 200, path);
      }
    });
  });

  describe('with only guided advice on', () => {
    let t: TestContext;
    before(async () => {
      t = await testApp({ HEARTH_MODULES: 'advice-flows' });
    });
    after(() => t.close());

    it('leaves those links out rather than pointing at pages that are not there', async () => {
      const links = await outcomeLinks(t, flow);
      for (const path of ['/advice-line', '/advice', '/faqs', '/boards']) assert.ok(!links.includes(path), path);
      assert.ok(links.includes('/advice/guided'));
    });

    it('still passes every built-in flow through the checker', async () => {
      for (const definition of BUILT_IN_FLOWS) assert.deepEqual(await t.app.adviceFlows.check(definition), [], definition.slug);
    });
  });
});
