import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFlow, type FlowProblem } from './checker.js';
import { flowShapeProblems } from './flow-schema.js';
import type { FlowDefinition, Question } from './flow-types.js';
import { BUILT_IN_FLOWS } from '../flows/index.js';

const PAGES = new Set(['/advice', '/help/privacy']);
const pathExists = (path: string) => PAGES.has(path);

/**
 * A small valid flow: where do you live, then (in England) how old is the child, and an outcome whose blocks read
 * both answers. Each test breaks one thing in a fresh copy.
 */
function validFlow(): FlowDefinition {
  return {
    slug: 'kinship-basics',
    title: 'Kinship care basics',
    summary: 'What support a kinship carer can ask for.',
    intro: ['For relatives who care for a child.'],
    checked: '2026-11-30',
    firstQuestion: 'where',
    questions: {
      where: {
        kind: 'country',
        text: 'Where do you live?',
        next: [{ when: { question: 'where', equals: 'wales' }, goTo: { outcome: 'wales' } }, { goTo: { question: 'age' } }],
      },
      age: {
        kind: 'number',
        text: 'How old is the child?',
        min: 0,
        max: 17,
        next: [{ when: { question: 'age', lessThan: 5 }, goTo: { outcome: 'young' } }, { goTo: { question: 'help' } }],
      },
      help: {
        kind: 'multiple',
        text: 'What help do you have?',
        options: [
          { value: 'money', label: 'Money' },
          { value: 'school', label: 'School' },
        ],
        next: [{ goTo: { outcome: 'older' } }],
      },
    },
    outcomes: {
      wales: {
        title: 'In Wales',
        summary: 'Wales has its own law.',
        blocks: [{ paragraphs: ['Ask the council.'], links: [{ text: 'The law', url: 'https://www.legislation.gov.uk/anaw/2014/4' }] }],
        sources: [{ title: 'Social Services and Well-being (Wales) Act 2014', url: 'https://www.legislation.gov.uk/anaw/2014/4' }],
      },
      young: {
        title: 'A young child',
        summary: 'Under five.',
        blocks: [
          { when: { question: 'age', atLeast: 3 }, paragraphs: ['Nursery funding may help.'] },
          { links: [{ text: 'Advice', path: '/advice' }] },
        ],
        sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
      },
      older: {
        title: 'An older child',
        summary: 'Five or over.',
        blocks: [{ when: { question: 'help', includes: 'school' }, paragraphs: ['Talk to the school.'] }],
        sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
      },
    },
  };
}

function check(flow: FlowDefinition): FlowProblem[] {
  return checkFlow(flow, { pathExists });
}

/** Asserts that some problem is placed at `at` and its message matches. */
function refused(flow: FlowDefinition, at: string, message: RegExp) {
  const problems = check(flow);
  assert.ok(
    problems.some((p) => p.at === at && message.test(p.message)),
    `expected a problem at ${at} matching ${message}; got ${JSON.stringify(problems, null, 2)}`,
  );
  return problems;
}

function question(flow: FlowDefinition, id: string): Question {
  return flow.questions[id]!;
}

describe('the flow checker', () => {
  it('passes a valid flow with no problems', () => {
    assert.deepEqual(check(validFlow()), []);
  });

  it("checks a link to a module's page only where that module is on, and refuses a module Hearth does not have", () => {
    const flow = validFlow();
    flow.outcomes.young!.blocks.push({ links: [{ text: 'The boards', path: '/boards', module: 'boards' }] });
    const knownModules = ['boards', 'helpline'];
    const off = checkFlow(flow, { pathExists, knownModules, moduleEnabled: () => false });
    assert.deepEqual(off, [], 'a switched-off module is not checked: its link is not shown');
    const on = checkFlow(flow, { pathExists, knownModules, moduleEnabled: () => true });
    assert.ok(on.some((p) => p.at === 'young' && /links to \/boards, which is not a page/.test(p.message)));
    flow.outcomes.young!.blocks.at(-1)!.links = [{ text: 'The boards', path: '/boards', module: 'bords' }];
    const misspelt = checkFlow(flow, { pathExists, knownModules, moduleEnabled: () => false });
    assert.ok(misspelt.some((p) => /module "bords", which Hearth does not have/.test(p.message)));
  });

  it('refuses a dead end where the last route has a condition', () => {
    const flow = validFlow();
    question(flow, 'age').next = [{ when: { question: 'age', lessThan: 5 }, goTo: { outcome: 'young' } }];
    question(flow, 'where').next.push({ goTo: { question: 'help' } });
    refused(flow, 'age', /Dead end: some answers match no route/);
  });

  it('refuses a question with no routes', () => {
    const flow = validFlow();
    question(flow, 'help').next = [];
    refused(flow, 'help', /Dead end: the question leads nowhere/);
  });

  it('refuses a route to a question or an outcome that does not exist', () => {
    const flow = validFlow();
    question(flow, 'help').next = [
      { when: { question: 'help', includes: 'money' }, goTo: { question: 'benefits' } },
      { goTo: { outcome: 'older' } },
    ];
    refused(flow, 'help', /goes to question "benefits", which does not exist/);
    const other = validFlow();
    question(other, 'help').next = [{ goTo: { outcome: 'nowhere' } }];
    refused(other, 'help', /goes to outcome "nowhere", which does not exist/);
  });

  it('refuses a question nobody can reach', () => {
    const flow = validFlow();
    flow.questions.orphan = { kind: 'yes-no', text: 'Never asked?', next: [{ goTo: { outcome: 'older' } }] };
    refused(flow, 'orphan', /Unreachable: no path from the first question leads here/);
  });

  it('refuses an outcome nobody can reach', () => {
    const flow = validFlow();
    flow.outcomes.stranded = {
      title: 'Stranded',
      summary: 'Nobody gets here.',
      blocks: [],
      sources: [{ title: 'Children Act 1989', url: 'https://www.legislation.gov.uk/ukpga/1989/41' }],
    };
    refused(flow, 'stranded', /Unreachable: no path from the first question leads to this outcome/);
  });

  it('refuses a loop, naming the questions in it', () => {
    const flow = validFlow();
    question(flow, 'help').next = [
      { when: { question: 'help', includes: 'money' }, goTo: { question: 'age' } },
      { goTo: { outcome: 'older' } },
    ];
    refused(flow, 'age', /Loop: age → help → age/);
  });

  it('refuses a rule that reads a question not yet asked', () => {
    const flow = validFlow();
    question(flow, 'age').next[0]!.when = { question: 'help', includes: 'money' };
    refused(flow, 'age', /Route 1 reads question "help", which is not asked on every way here/);
  });

  it('refuses a rule that reads a question asked on only one of two paths', () => {
    const flow = validFlow();
    // "age" is asked on the way to "help" from England, but Wales now goes straight to "help" as well.
    question(flow, 'where').next = [
      { when: { question: 'where', equals: 'wales' }, goTo: { question: 'help' } },
      { goTo: { question: 'age' } },
    ];
    question(flow, 'help').next = [{ when: { question: 'age', atLeast: 10 }, goTo: { outcome: 'older' } }, { goTo: { outcome: 'wales' } }];
    refused(flow, 'help', /Route 1 reads question "age", which is not asked on every way here/);
    // The same holds for an outcome's blocks.
    const blocks = validFlow();
    question(blocks, 'where').next = [
      { when: { question: 'where', equals: 'wales' }, goTo: { outcome: 'older' } },
      { goTo: { question: 'age' } },
    ];
    delete blocks.outcomes.wales;
    refused(blocks, 'older', /Block 1 reads question "help", which is not asked on every way here/);
  });

  it('refuses a rule that reads a question that does not exist', () => {
    const flow = validFlow();
    flow.outcomes.older!.blocks[0]!.when = { question: 'income', equals: 'low' };
    refused(flow, 'older', /Block 1 reads question "income", which does not exist/);
  });

  it('refuses a compared value that is not one of the answers', () => {
    const flow = validFlow();
    question(flow, 'where').next[0]!.when = { question: 'where', equals: 'scotland' };
    refused(flow, 'where', /compares "where" with "scotland", which is not one of its answers/);
    const nested = validFlow();
    nested.outcomes.older!.blocks[0]!.when = {
      all: [{ question: 'help', includes: 'school' }, { not: { question: 'help', in: ['money', 'housing'] } }],
    };
    refused(nested, 'older', /compares "help" with "housing"/);
  });

  it('refuses a number comparison on a question that is not a number', () => {
    const flow = validFlow();
    flow.outcomes.older!.blocks[0]!.when = { question: 'help', atLeast: 2 };
    refused(flow, 'older', /compares "help" with a number, but it is not a number question/);
    const days = validFlow();
    question(days, 'age').next[0]!.when = { question: 'age', withinDays: 10 };
    refused(days, 'age', /counts days from "age", but it is not a date question/);
  });

  it('refuses a link to a page that does not exist, and a link that is not https', () => {
    const flow = validFlow();
    flow.outcomes.young!.blocks[1]!.links = [{ text: 'Gone', path: '/advice/no-such-page' }];
    refused(flow, 'young', /Block 2 links to \/advice\/no-such-page, which is not a page of this Hearth/);
    const relative = validFlow();
    relative.outcomes.young!.blocks[1]!.links = [{ text: 'Relative', path: 'advice' }];
    refused(relative, 'young', /links to advice, which is not a page/);
    const http = validFlow();
    http.outcomes.wales!.blocks[0]!.links = [{ text: 'Insecure', url: 'http://www.legislation.gov.uk/anaw/2014/4' }];
    refused(http, 'wales', /Block 1 links to http:\/\/www\.legislation\.gov\.uk\/anaw\/2014\/4: outside links must start with https:\/\//);
    const source = validFlow();
    source.outcomes.wales!.sources[0]!.url = 'http://example.org/law';
    refused(source, 'wales', /must link with https:\/\//);
  });

  it('refuses a flow that does not say when its facts were checked, or gives a date that is not real or not yet come', () => {
    const missing = validFlow() as Partial<FlowDefinition>;
    delete missing.checked;
    refused(missing as FlowDefinition, 'flow', /needs "checked": the day its facts were last checked/);
    const wrong = validFlow();
    wrong.checked = '2026-02-30';
    refused(wrong, 'flow', /"checked" must be a real date/);
    const future = validFlow();
    future.checked = '2026-12-04';
    const problems = checkFlow(future, { pathExists, today: new Date('2026-12-03T12:00:00Z') });
    assert.ok(problems.some((p) => p.at === 'flow' && /"checked" is 2026-12-04, which is in the future/.test(p.message)));
    assert.deepEqual(checkFlow(validFlow(), { pathExists, today: new Date('2026-12-03T12:00:00Z') }), []);
  });

  it('refuses a source with no public address, such as one saved before sources needed one', () => {
    const flow = validFlow();
    delete (flow.outcomes.young!.sources[0] as Partial<FlowDefinition['outcomes'][string]['sources'][number]>).url;
    refused(flow, 'young', /The source "Children Act 1989" needs a url/);
  });

  it('checks the condition on a source like the condition on a block', () => {
    const flow = validFlow();
    flow.outcomes.young!.sources.push({
      title: 'Social Services and Well-being (Wales) Act 2014',
      url: 'https://www.legislation.gov.uk/anaw/2014/4',
      when: { question: 'where', equals: 'scotland' },
    });
    refused(flow, 'young', /Source 2 compares "where" with "scotland", which is not one of its answers/);
    flow.outcomes.young!.sources[1]!.when = { question: 'nowhere', equals: 'wales' };
    refused(flow, 'young', /Source 2 reads question "nowhere", which does not exist/);
  });

  it('refuses an outcome with no sources', () => {
    const flow = validFlow();
    flow.outcomes.young!.sources = [];
    refused(flow, 'young', /names no sources/);
  });

  it('refuses an invalid slug and invalid ids', () => {
    const flow = validFlow();
    flow.slug = 'Kinship Basics';
    refused(flow, 'flow', /slug must be lower-case words joined by hyphens/);
    const ids = validFlow();
    ids.questions.Help_Now = ids.questions.help!;
    delete ids.questions.help;
    question(ids, 'age').next[1]!.goTo = { question: 'Help_Now' };
    ids.outcomes.older!.blocks = [];
    refused(ids, 'Help_Now', /"Help_Now" is not a valid id/);
  });

  it('refuses duplicate option values', () => {
    const flow = validFlow();
    question(flow, 'help').options = [
      { value: 'money', label: 'Money' },
      { value: 'money', label: 'Money again' },
    ];
    flow.outcomes.older!.blocks = [];
    refused(flow, 'help', /Two answers have the same value/);
  });

  it('refuses a first question that does not exist', () => {
    const flow = validFlow();
    flow.firstQuestion = 'start';
    refused(flow, 'flow', /The first question "start" does not exist/);
  });

  it('reports every problem at once, not just the first', () => {
    const flow = validFlow();
    flow.outcomes.young!.sources = [];
    question(flow, 'help').next = [];
    const problems = check(flow);
    assert.ok(problems.some((p) => p.at === 'young'));
    assert.ok(problems.some((p) => p.at === 'help'));
  });

  it('passes every built-in flow', () => {
    for (const flow of BUILT_IN_FLOWS) {
      // Built-in flows may link to any page; that is checked against the running app by `hearth flows check`.
      assert.deepEqual(checkFlow(flow, { pathExists: () => true }), [], flow.slug);
    }
  });
});

describe('the flow schema', () => {
  it('accepts a valid flow and every built-in flow', () => {
    assert.deepEqual(flowShapeProblems(validFlow()), []);
    for (const flow of BUILT_IN_FLOWS) assert.deepEqual(flowShapeProblems(flow), [], flow.slug);
  });

  it('places each shape problem at its question or outcome, in words', () => {
    const flow = JSON.parse(JSON.stringify(validFlow())) as Record<string, unknown> & FlowDefinition;
    (flow.questions.where as unknown as Record<string, unknown>).kind = 'dropdown';
    (flow.questions.age as unknown as Record<string, unknown>).nxt = [];
    flow.questions.age!.next[0]!.when = { question: 'age' } as never;
    flow.questions.help!.next[0]!.goTo = { outcome: 'older', question: 'age' } as never;
    (flow.outcomes.wales as unknown as Record<string, unknown>).sources = 'the law';
    delete (flow as Partial<FlowDefinition>).intro;
    const problems = flowShapeProblems(flow);
    const has = (at: string, message: RegExp) =>
      assert.ok(
        problems.some((p) => p.at === at && message.test(p.message)),
        `${at} ${message}: ${JSON.stringify(problems, null, 2)}`,
      );
    has('flow', /The flow needs "intro"/);
    has('where', /"kind" must be one of "single", "multiple"/);
    has('age', /has "nxt", which a flow does not use here/);
    has('age', /Route 1, condition needs "question" and exactly one of/);
    has('help', /Route 1, destination must name either a "question" or an "outcome"/);
    has('wales', /"sources" must be a list/);
  });

  it('requires the date the facts were checked, and an https address for every source', () => {
    const flow = JSON.parse(JSON.stringify(validFlow())) as FlowDefinition;
    (flow as Partial<FlowDefinition>).checked = '3 December 2026';
    (flow.outcomes.wales!.sources[0] as { url?: string }).url = 'http://www.legislation.gov.uk/anaw/2014/4';
    delete (flow.outcomes.young!.sources[0] as { url?: string }).url;
    const problems = flowShapeProblems(flow);
    const has = (at: string, message: RegExp) =>
      assert.ok(
        problems.some((p) => p.at === at && message.test(p.message)),
        `${at} ${message}: ${JSON.stringify(problems, null, 2)}`,
      );
    has('flow', /"checked" must be the day the facts were last checked, written like "2026-12-03"/);
    has('wales', /Source 1, "url" must be the address of the public source, starting https:\/\//);
    has('young', /Source 1 needs "url"/);
  });

  it('refuses things that are not flows at all, and absurd nesting', () => {
    for (const value of [null, [], 'flow', 3]) assert.match(flowShapeProblems(value)[0]!.message, /must be a set of named values/);
    let condition: unknown = { question: 'where', equals: 'wales' };
    for (let i = 0; i < 5000; i += 1) condition = { not: condition };
    const deep = validFlow();
    question(deep, 'where').next[0]!.when = condition as never;
    assert.match(flowShapeProblems(deep)[0]!.message, /nested more than \d+ levels deep/);
  });
});
