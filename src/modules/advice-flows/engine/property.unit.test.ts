import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { answerProblem, evaluate, visibleBlocks } from './evaluate.js';
import { optionsOf, type Answers, type FlowDefinition, type Question } from './flow-types.js';
import { BUILT_IN_FLOWS } from '../flows/index.js';

const RUNS = 300;
const DAY = 86_400_000;
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2040, 11, 31);

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A real calendar date as the family would give it, anywhere in a sensible range. */
const anyDate = fc.integer({ min: EARLIEST / DAY, max: LATEST / DAY }).map((day) => isoDate(day * DAY));
/** "Today", so that withinDays rules are exercised on both sides of their limit. */
const anyToday = fc.integer({ min: Date.UTC(2020, 0, 1) / DAY, max: Date.UTC(2035, 0, 1) / DAY }).map((day) => new Date(day * DAY));

/** Any answer the question accepts. */
function validAnswer(question: Question): fc.Arbitrary<string | string[]> {
  const values = optionsOf(question).map((o) => o.value);
  switch (question.kind) {
    case 'multiple':
      return fc.subarray(values, { minLength: 1 });
    case 'date':
      return fc.oneof(
        anyDate,
        fc.integer({ min: -60, max: 60 }).map((offset) => isoDate(Date.now() + offset * DAY)),
      );
    case 'number': {
      const min = Math.ceil(question.min ?? -1000);
      const max = Math.floor(question.max ?? 1000);
      // Whole numbers most of the time, and now and then one with a decimal point when the range has room for it.
      return fc.oneof(
        { arbitrary: fc.integer({ min, max }).map(String), weight: 4 },
        { arbitrary: fc.integer({ min, max: Math.max(min, max - 1) }).map((n) => (n + 1 <= max ? `${n}.5` : String(n))), weight: 1 },
      );
    }
    default:
      return fc.constantFrom(...values);
  }
}

/** An answer the question must refuse. */
function invalidAnswer(question: Question): fc.Arbitrary<string | string[]> {
  const values = optionsOf(question).map((o) => o.value);
  const notOffered = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !values.includes(s));
  switch (question.kind) {
    case 'multiple':
      return fc.oneof(
        fc.constant([] as string[]),
        fc.constant(''),
        fc.tuple(fc.subarray(values), notOffered).map(([good, bad]) => [...good, bad]),
      );
    case 'date':
      return fc.oneof(
        fc.constantFrom('', '2026-02-30', '2026-13-01', '2026-00-10', '27/03/2026', '2026-3-7', 'last week', '20260327'),
        fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
      );
    case 'number': {
      const outside: fc.Arbitrary<string>[] = [];
      if (question.min !== undefined) outside.push(fc.integer({ min: 1, max: 10_000 }).map((d) => String(question.min! - d)));
      if (question.max !== undefined) outside.push(fc.integer({ min: 1, max: 10_000 }).map((d) => String(question.max! + d)));
      return fc.oneof(fc.constantFrom('', '   ', 'three', '1e3', '0x10', '1,000', '--1', 'NaN', 'Infinity'), ...outside);
    }
    default:
      return fc.oneof(fc.constant(''), notOffered);
  }
}

interface Walk {
  outcome: string;
  path: string[];
  answers: Answers;
}

/** Answers whatever question `evaluate` asks next, until it gives an outcome or runs out of patience. */
function walk(flow: FlowDefinition, pick: (question: Question) => string | string[], today: Date): Walk {
  const answers: Answers = {};
  const limit = Object.keys(flow.questions).length;
  for (let asked = 0; asked <= limit; asked += 1) {
    const result = evaluate(flow, answers, today);
    if ('problems' in result) assert.fail(`valid answers refused: ${JSON.stringify(result.problems)} for ${JSON.stringify(answers)}`);
    if (result.kind === 'outcome') {
      assert.ok(result.path.length <= limit, 'no question is asked twice');
      assert.equal(new Set(result.path).size, result.path.length, 'no question is asked twice');
      return { outcome: result.id, path: result.path, answers };
    }
    assert.equal(answers[result.id], undefined, `question ${result.id} asked again after it was answered`);
    answers[result.id] = pick(result.question);
  }
  return assert.fail(`no outcome after answering all ${limit} questions: ${JSON.stringify(answers)}`);
}

describe('guided advice, over random answers', () => {
  it('has the built-in flows to test', () => {
    assert.ok(BUILT_IN_FLOWS.length >= 4, `expected at least 4 built-in flows, found ${BUILT_IN_FLOWS.length}`);
  });

  for (const flow of BUILT_IN_FLOWS) {
    describe(flow.slug, () => {
      it('reaches an outcome on every random path, and every outcome can be shown', () => {
        const reached = new Set<string>();
        fc.assert(
          fc.property(fc.gen(), anyToday, (g, today) => {
            const { outcome, answers } = walk(flow, (question) => g(() => validAnswer(question)), today);
            reached.add(outcome);
            const shown = flow.outcomes[outcome];
            assert.ok(shown, `outcome ${outcome} exists`);
            const blocks = visibleBlocks(shown, answers, today);
            assert.ok(blocks.every((b) => shown.blocks.includes(b)));
            // Every outcome's rules can be worked out for any answers, not only the one reached.
            for (const other of Object.values(flow.outcomes)) visibleBlocks(other, answers, today);
          }),
          { numRuns: RUNS },
        );
        assert.ok(reached.size >= Math.min(2, Object.keys(flow.outcomes).length), `reached ${[...reached].join(', ')}`);
      });

      it('reports invalid answers as problems, and never throws', () => {
        const questionIds = Object.keys(flow.questions);
        const ownQuestion = fc.constantFrom(...questionIds);
        fc.assert(
          fc.property(fc.gen(), ownQuestion, anyToday, (g, id, today) => {
            // A valid path so far, then one refused answer somewhere in the flow.
            const { answers } = walk(flow, (question) => g(() => validAnswer(question)), today);
            const bad = g(() => invalidAnswer(flow.questions[id]!));
            assert.notEqual(answerProblem(flow.questions[id]!, bad), null, `${JSON.stringify(bad)} should be refused for ${id}`);
            const result = evaluate(flow, { ...answers, [id]: bad }, today);
            assert.ok('problems' in result, `expected problems for ${id} = ${JSON.stringify(bad)}`);
            assert.ok(result.problems.some((p) => p.question === id));
          }),
          { numRuns: RUNS },
        );
      });

      it('reports answers to questions the flow does not have', () => {
        const unknownId = fc.oneof(
          fc.string({ minLength: 1, maxLength: 20 }),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
        );
        fc.assert(
          fc.property(
            unknownId.filter((id) => !Object.hasOwn(flow.questions, id)),
            fc.string(),
            (id, value) => {
              const answers: Answers = {};
              Object.defineProperty(answers, id, { value, enumerable: true, configurable: true, writable: true });
              const result = evaluate(flow, answers);
              assert.ok('problems' in result, `an answer to "${id}" is refused`);
              assert.ok(result.problems.some((p) => p.question === id));
            },
          ),
          { numRuns: RUNS },
        );
      });
    });
  }
});
