import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFlow } from './engine/checker.js';
import { evaluate, visibleBlocks } from './engine/evaluate.js';
import type { Block, FlowDefinition } from './engine/flow-types.js';
import { BUILT_IN_FLOWS } from './flows/index.js';
import { GOLDEN } from './golden-answers.js';

const SLUGS = ['children-services-contact', 'child-protection-conference', 'kinship-care-support', 'challenge-a-decision'];
// The landing pages of the other modules the flows point families to.
const MODULE_PAGES = ['/advice-line', '/advice', '/faqs', '/boards'];
const PAGES = new Set([
  '/advice/guided',
  '/sign-in',
  '/register',
  '/help/privacy',
  ...MODULE_PAGES,
  ...SLUGS.map((slug) => `/advice/guided/${slug}`),
]);
const pathExists = (path: string) => PAGES.has(path);

/**
 * Outcomes with no Wales-only block, and why: only families in England reach the review panel (Wales has no stage 3),
 * and data protection law is the same across the UK.
 */
const NO_WALES_BLOCK = ['challenge-a-decision/ask-for-review-panel', 'challenge-a-decision/records'];

/** A fixed day, so that answers with dates give the same result whenever the tests run. */
const TODAY = new Date('2026-06-15T12:00:00Z');

function flow(slug: string): FlowDefinition {
  const found = BUILT_IN_FLOWS.find((f) => f.slug === slug);
  assert.ok(found, `no built-in flow "${slug}"`);
  return found;
}

const blockText = (block: Block) => [block.heading ?? '', ...(block.paragraphs ?? []), ...(block.bullets ?? [])].join('\n');

describe('built-in advice flows', () => {
  it('are the four flows, each with its own slug', () => {
    assert.deepEqual(
      BUILT_IN_FLOWS.map((f) => f.slug),
      SLUGS,
    );
  });

  for (const definition of BUILT_IN_FLOWS) {
    describe(definition.slug, () => {
      it('passes the checker with no problems', () => {
        assert.deepEqual(checkFlow(definition, { pathExists }), []);
      });

      it('is the right size, starts with the country question and has a short start page', () => {
        const questions = Object.keys(definition.questions).length;
        const outcomes = Object.keys(definition.outcomes).length;
        assert.ok(questions >= 4 && questions <= 8, `${questions} questions`);
        assert.ok(outcomes >= 4 && outcomes <= 8, `${outcomes} outcomes`);
        assert.equal(definition.questions[definition.firstQuestion]?.kind, 'country');
        assert.ok(definition.intro.length >= 2 && definition.intro.length <= 4, `${definition.intro.length} intro paragraphs`);
      });

      it('gives every outcome a summary, a "who can help" block and sources', () => {
        for (const [id, outcome] of Object.entries(definition.outcomes)) {
          assert.ok(outcome.summary.trim(), `${id} has no summary`);
          assert.ok(
            outcome.blocks.some((b) => !b.when && b.heading === 'Who can help'),
            `${id} has no unconditional "Who can help" block`,
          );
          assert.ok(outcome.sources.length > 0, `${id} has no sources`);
        }
      });

      it('has a block for Wales in every outcome a family in Wales can reach', () => {
        for (const [id, outcome] of Object.entries(definition.outcomes)) {
          if (NO_WALES_BLOCK.includes(`${definition.slug}/${id}`)) continue;
          const walesOnly = outcome.blocks.filter((b) => b.when && JSON.stringify(b.when).includes('"wales"'));
          assert.ok(walesOnly.length > 0, `${id} has no block for Wales`);
        }
      });

      it('asks nothing identifying', () => {
        for (const [id, question] of Object.entries(definition.questions)) {
          assert.doesNotMatch(question.text, /\b(name|address|postcode|date of birth|born)\b/i, `${id} asks for something identifying`);
        }
      });
    });
  }

  it('the golden answers cover every outcome of every flow, at least 5 per flow', () => {
    for (const definition of BUILT_IN_FLOWS) {
      const cases = GOLDEN.filter((g) => g.flow === definition.slug);
      assert.ok(cases.length >= 5, `${definition.slug} has only ${cases.length} golden cases`);
      const covered = new Set(cases.map((g) => g.outcome));
      for (const id of Object.keys(definition.outcomes)) assert.ok(covered.has(id), `${definition.slug}: no golden case reaches ${id}`);
    }
  });

  describe('golden answers', () => {
    for (const golden of GOLDEN) {
      it(`${golden.flow}: ${golden.name} → ${golden.outcome}`, () => {
        const definition = flow(golden.flow);
        const result = evaluate(definition, golden.answers, TODAY);
        assert.ok('kind' in result, `answers refused: ${JSON.stringify(result)}`);
        assert.equal(result.kind, 'outcome', `stopped at question ${result.id}`);
        assert.equal(result.id, golden.outcome);
        // Every answer given is on the path: the golden case asks nothing the flow skips.
        assert.deepEqual(new Set(result.path), new Set(Object.keys(golden.answers)));

        if (result.kind !== 'outcome') return;
        const text = visibleBlocks(result.outcome, golden.answers, TODAY).map(blockText).join('\n');
        for (const expected of golden.shows ?? []) assert.ok(text.includes(expected), `expected to show "${expected}"`);
        for (const unexpected of golden.hides ?? []) assert.ok(!text.includes(unexpected), `expected not to show "${unexpected}"`);
      });
    }
  });

  it('stops at the next question when answers are missing', () => {
    const result = evaluate(flow('challenge-a-decision'), { country: 'england', 'what-about': 'service' }, TODAY);
    assert.ok('kind' in result && result.kind === 'question');
    assert.equal(result.id, 'when-happened');
  });

  it('refuses an answer a question does not offer', () => {
    const result = evaluate(flow('kinship-care-support'), { country: 'scotland' }, TODAY);
    assert.ok('problems' in result);
  });
});
