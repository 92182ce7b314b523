import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, visibleBlocks, visibleSources } from './engine/evaluate.js';
import { optionsOf, type Answers, type FlowDefinition, type Question } from './engine/flow-types.js';
import { BUILT_IN_FLOWS } from './flows/index.js';

/**
 * Wales is not England. Part 3 of the Children Act 1989 (sections 17 to 30A: children in need, accommodation, looked
 * after children) does not apply there; the Social Services and Well-being (Wales) Act 2014 does. These tests pin
 * where each Welsh family ends up, and prove that nothing shown to a family in Wales cites Part 3.
 */

const TODAY = new Date('2026-06-15T12:00:00Z');

function flow(slug: string): FlowDefinition {
  const found = BUILT_IN_FLOWS.find((f) => f.slug === slug);
  assert.ok(found, `no built-in flow "${slug}"`);
  return found;
}

/** Answers worth trying at a question: enough to show every block that any answer could show. */
function candidates(question: Question): (string | string[])[] {
  const values = optionsOf(question).map((o) => o.value);
  switch (question.kind) {
    case 'country':
      return ['wales'];
    case 'multiple': {
      // Conditions only ever ask whether a value is included, so every single answer plus all of them together
      // shows every block that any combination would.
      const real = values.filter((v) => v !== 'none');
      return [...values.map((v) => [v]), real];
    }
    case 'date':
      return ['2026-06-01', '2025-12-01', '2024-01-01'];
    case 'number':
      return [question.min ?? 0, 10, 15, 16, 17, question.max ?? 17]
        .filter((n) => (question.min === undefined || n >= question.min) && (question.max === undefined || n <= question.max))
        .map(String);
    default:
      return values;
  }
}

interface WelshPath {
  answers: Answers;
  outcome: string;
}

/** Every way a family in Wales can go through a flow. */
function walesPaths(definition: FlowDefinition): WelshPath[] {
  const found: WelshPath[] = [];
  const walk = (answers: Answers) => {
    const result = evaluate(definition, answers, TODAY);
    assert.ok('kind' in result, `answers refused: ${JSON.stringify(answers)}`);
    if (result.kind === 'outcome') {
      found.push({ answers, outcome: result.id });
      return;
    }
    for (const value of candidates(result.question)) walk({ ...answers, [result.id]: value });
  };
  walk({});
  return found;
}

/** Everything a family on this path reads: the questions and answers offered, the advice and the sources. */
function textShown(definition: FlowDefinition, path: WelshPath): string {
  const outcome = definition.outcomes[path.outcome]!;
  const questions = Object.keys(path.answers).map((id) => {
    const question = definition.questions[id]!;
    return [question.text, question.hint ?? '', ...optionsOf(question).flatMap((o) => [o.label, o.hint ?? ''])].join('\n');
  });
  const blocks = visibleBlocks(outcome, path.answers, TODAY).map((block) =>
    [block.heading ?? '', ...(block.paragraphs ?? []), ...(block.bullets ?? []), ...(block.links ?? []).map((l) => l.text)].join('\n'),
  );
  const sources = visibleSources(outcome, path.answers, TODAY).map((s) => `${s.title} ${s.url}`);
  return [
    definition.title,
    definition.summary,
    ...definition.intro,
    outcome.title,
    outcome.summary,
    ...questions,
    ...blocks,
    ...sources,
  ].join('\n');
}

/** Citations of Part 3 of the Children Act 1989 (sections 17 to 30A), and the "child in need" test it sets. */
export function partThreeCitations(text: string): string[] {
  const found: string[] = [];
  const inPartThree = (section: string) => {
    const number = Number.parseInt(section, 10);
    return number >= 17 && number <= 30;
  };
  for (const match of text.matchAll(/Children Act 1989,? section (\d+[A-Z]*)/g)) if (inPartThree(match[1]!)) found.push(match[0]);
  for (const match of text.matchAll(/section (\d+[A-Z]*) of the Children Act 1989/g)) if (inPartThree(match[1]!)) found.push(match[0]);
  for (const match of text.matchAll(/ukpga\/1989\/41\/section\/(\d+[A-Z]*)/g)) if (inPartThree(match[1]!)) found.push(match[0]);
  for (const match of text.matchAll(/\b(?:section|s\.?)\s?(17|20)\b(?! of the Social Services)/g)) found.push(match[0]);
  for (const match of text.matchAll(/\bchild(ren)? in need\b/gi)) found.push(match[0]);
  return found;
}

interface WelshGolden {
  flow: string;
  name: string;
  answers: Answers;
  outcome: string;
  shows?: string[];
}

/** Answers from a family in Wales → the outcome they reach, for every outcome a family in Wales can reach. */
const WALES_GOLDEN: WelshGolden[] = [
  {
    flow: 'children-services-contact',
    name: 'first contact',
    answers: { country: 'wales', 'what-happened': 'referral', 'asked-to-agree': ['none'], 'help-needed': ['none'] },
    outcome: 'first-contact',
    shows: ['42 working days of the referral', 'care and support plan'],
  },
  {
    flow: 'children-services-contact',
    name: 'early help',
    answers: { country: 'wales', 'what-happened': 'early-help', 'asked-to-agree': ['none'], 'help-needed': ['none'] },
    outcome: 'early-help',
    shows: ['"what matters" conversation'],
  },
  {
    flow: 'children-services-contact',
    name: 'an assessment',
    answers: { country: 'wales', 'what-happened': 'assessment', 'asked-to-agree': ['see-child'], 'help-needed': ['none'] },
    outcome: 'assessment',
    shows: ['needs for care and support', 'within 42 working days of the referral', 'care and support plan'],
  },
  {
    flow: 'children-services-contact',
    name: 'child protection enquiries',
    answers: { country: 'wales', 'what-happened': 'enquiries', 'asked-to-agree': ['none'], 'help-needed': ['none'] },
    outcome: 'child-protection-enquiries',
    shows: ['Wales Safeguarding Procedures', 'Keep talking to the social worker'],
  },
  {
    flow: 'children-services-contact',
    name: 'invited to a conference',
    answers: { country: 'wales', 'what-happened': 'conference' },
    outcome: 'conference-invited',
  },
  {
    flow: 'children-services-contact',
    name: 'police protection',
    answers: { country: 'wales', 'what-happened': 'urgent', 'urgent-what': 'police' },
    outcome: 'emergency-or-court',
    shows: ['Cafcass Cymru'],
  },
  {
    flow: 'children-services-contact',
    name: 'a letter of issue',
    answers: { country: 'wales', 'what-happened': 'urgent', 'urgent-what': 'letter-of-issue' },
    outcome: 'emergency-or-court',
    shows: ['A letter of issue means the court case has started'],
  },
  {
    flow: 'children-services-contact',
    name: 'a letter before proceedings',
    answers: { country: 'wales', 'what-happened': 'urgent', 'urgent-what': 'letter-before-proceedings' },
    outcome: 'letter-before-proceedings',
    shows: ['The new duty to offer a family group decision-making meeting is for councils in England'],
  },
  {
    flow: 'children-services-contact',
    name: 'asked to agree to the child staying elsewhere',
    answers: { country: 'wales', 'what-happened': 'urgent', 'urgent-what': 'stay-elsewhere' },
    outcome: 'child-staying-elsewhere',
    shows: ['section 76 of the Social Services and Well-being (Wales) Act 2014', 'care and support plan'],
  },
  {
    flow: 'child-protection-conference',
    name: 'preparing for the first conference',
    answers: { country: 'wales', 'conference-type': 'initial', timing: 'later', report: 'yes', worries: ['none'] },
    outcome: 'prepare-initial',
    shows: ['financial abuse', 'child protection register', 'means-tested'],
  },
  {
    flow: 'child-protection-conference',
    name: 'preparing for a review',
    answers: { country: 'wales', 'conference-type': 'review', timing: 'later', report: 'yes', worries: ['none'] },
    outcome: 'prepare-review',
    shows: ['financial abuse'],
  },
  {
    flow: 'child-protection-conference',
    name: 'a plan was made',
    answers: { country: 'wales', 'conference-type': 'initial', timing: 'happened', decision: 'plan', disagree: 'no' },
    outcome: 'child-has-plan',
    shows: ['care and support protection plan'],
  },
  {
    flow: 'child-protection-conference',
    name: 'challenging the conference',
    answers: { country: 'wales', 'conference-type': 'initial', timing: 'happened', decision: 'plan', disagree: 'yes' },
    outcome: 'challenge-conference',
    shows: ['two stages: local resolution, then a formal investigation', 'Public Services Ombudsman for Wales'],
  },
  {
    flow: 'child-protection-conference',
    name: 'no plan',
    answers: { country: 'wales', 'conference-type': 'initial', timing: 'happened', decision: 'no-plan' },
    outcome: 'no-plan',
    shows: ['care and support plan'],
  },
  {
    flow: 'child-protection-conference',
    name: 'not sure what was decided',
    answers: { country: 'wales', 'conference-type': 'review', timing: 'happened', decision: 'not-sure' },
    outcome: 'decision-unclear',
    shows: ['financial abuse'],
  },
  {
    flow: 'kinship-care-support',
    name: 'a grandmother, by family arrangement',
    answers: { country: 'wales', 'how-arranged': 'family', relationship: 'grandparent' },
    outcome: 'family-arrangement',
    shows: ['needs for care and support'],
  },
  {
    flow: 'kinship-care-support',
    name: 'a parent’s unmarried partner, caring for a 10-year-old for months',
    answers: { country: 'wales', 'how-arranged': 'family', relationship: 'parents-partner', 'child-age': '10', 'how-long': '28-or-more' },
    outcome: 'private-fostering',
    shows: ['is not a close relative'],
  },
  {
    flow: 'kinship-care-support',
    name: 'placed by the council, status unclear',
    answers: { country: 'wales', 'how-arranged': 'council', 'council-status': 'not-sure' },
    outcome: 'council-arranged',
    shows: ['section 76 of the Social Services and Well-being (Wales) Act 2014', 'may be "looked after"'],
  },
  {
    flow: 'kinship-care-support',
    name: 'a connected person foster carer',
    answers: { country: 'wales', 'how-arranged': 'council', 'council-status': 'foster' },
    outcome: 'family-and-friends-foster-carer',
    shows: ['Approval as a foster carer in Wales', 'Independent Review Mechanism Cymru'],
  },
  {
    flow: 'kinship-care-support',
    name: 'a care order with the child placed with the carer',
    answers: { country: 'wales', 'how-arranged': 'court', 'order-type': 'care-order' },
    outcome: 'family-and-friends-foster-carer',
    shows: ['Once the court makes a final care order, its part ends'],
  },
  {
    flow: 'kinship-care-support',
    name: 'a special guardian',
    answers: { country: 'wales', 'how-arranged': 'court', 'order-type': 'sgo' },
    outcome: 'special-guardianship',
  },
  {
    flow: 'kinship-care-support',
    name: 'a child arrangements order',
    answers: { country: 'wales', 'how-arranged': 'court', 'order-type': 'cao' },
    outcome: 'child-arrangements-order',
    shows: ['needs for care and support'],
  },
  {
    flow: 'kinship-care-support',
    name: 'not sure which order',
    answers: { country: 'wales', 'how-arranged': 'court', 'order-type': 'other' },
    outcome: 'check-the-order',
  },
  {
    flow: 'kinship-care-support',
    name: 'asked whether they could care for a child',
    answers: { country: 'wales', 'how-arranged': 'not-yet' },
    outcome: 'asked-to-care',
    shows: ['Approval as a foster carer in Wales'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'a first complaint',
    answers: { country: 'wales', 'what-about': 'service', 'when-happened': '2026-05-01', urgent: 'no', 'already-complained': 'no' },
    outcome: 'start-complaint',
    shows: ['The two stages in Wales', 'within 10 working days of acknowledging it'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'after stage 1',
    answers: { country: 'wales', 'what-about': 'service', 'when-happened': '2026-05-01', urgent: 'no', 'already-complained': 'stage-1' },
    outcome: 'ask-for-investigation',
    shows: ['within 25 working days of asking for the investigation'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'after stage 2: there is no third stage in Wales',
    answers: {
      country: 'wales',
      'what-about': 'child-in-care',
      'when-happened': '2026-05-01',
      urgent: 'no',
      'already-complained': 'stage-2',
    },
    outcome: 'ombudsman',
    shows: ['Public Services Ombudsman for Wales'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'a conference decision',
    answers: { country: 'wales', 'what-about': 'conference' },
    outcome: 'conference-decision',
    shows: ['Wales Safeguarding Procedures', 'two stages'],
  },
  {
    flow: 'challenge-a-decision',
    name: 'a court decision',
    answers: { country: 'wales', 'what-about': 'court' },
    outcome: 'court-decision',
  },
  {
    flow: 'challenge-a-decision',
    name: 'seeing records',
    answers: { country: 'wales', 'what-about': 'records', 'records-what': 'see' },
    outcome: 'records',
  },
];

describe('guided advice for families in Wales', () => {
  describe('golden answers', () => {
    for (const golden of WALES_GOLDEN) {
      it(`${golden.flow}: ${golden.name} → ${golden.outcome}`, () => {
        const definition = flow(golden.flow);
        const result = evaluate(definition, golden.answers, TODAY);
        assert.ok('kind' in result && result.kind === 'outcome', `did not reach an outcome: ${JSON.stringify(result)}`);
        assert.equal(result.id, golden.outcome);
        assert.deepEqual(new Set(result.path), new Set(Object.keys(golden.answers)), 'every answer given is on the path');
        const text = textShown(definition, { answers: golden.answers, outcome: result.id });
        for (const expected of golden.shows ?? []) assert.ok(text.includes(expected), `expected to show "${expected}"`);
      });
    }
  });

  for (const definition of BUILT_IN_FLOWS) {
    describe(definition.slug, () => {
      const paths = walesPaths(definition);

      it('has a golden case for every outcome a family in Wales can reach, and no other', () => {
        const reachable = new Set(paths.map((p) => p.outcome));
        const covered = new Set(WALES_GOLDEN.filter((g) => g.flow === definition.slug).map((g) => g.outcome));
        assert.deepEqual([...covered].sort(), [...reachable].sort());
      });

      it(`never cites Part 3 of the Children Act 1989 to a family in Wales (${paths.length} ways through)`, () => {
        for (const path of paths) {
          const citations = partThreeCitations(textShown(definition, path));
          assert.deepEqual(citations, [], `${path.outcome} for ${JSON.stringify(path.answers)}`);
        }
      });

      it('shows every family in Wales at least one source, and each with its public address', () => {
        for (const path of paths) {
          const sources = visibleSources(definition.outcomes[path.outcome]!, path.answers, TODAY);
          assert.ok(sources.length > 0, `${path.outcome} shows no sources`);
          for (const source of sources) assert.match(source.url, /^https:\/\//, source.title);
        }
      });
    });
  }

  it('the citation check finds Part 3 in the ways it is written', () => {
    assert.deepEqual(partThreeCitations('Under section 17 of the Children Act 1989, a child in need'), [
      'section 17 of the Children Act 1989',
      'section 17',
      'child in need',
    ]);
    assert.deepEqual(partThreeCitations('Children Act 1989, section 22C (ways of looking after children)'), [
      'Children Act 1989, section 22C',
    ]);
    assert.deepEqual(partThreeCitations('https://www.legislation.gov.uk/ukpga/1989/41/section/20'), ['ukpga/1989/41/section/20']);
    assert.deepEqual(
      partThreeCitations('section 76 of the Social Services and Well-being (Wales) Act 2014; Children Act 1989, section 47'),
      [],
    );
    assert.deepEqual(partThreeCitations('Social Services and Well-being (Wales) Act 2014, section 21 (assessing needs)'), []);
  });
});
