import { parseDay } from '../../../platform/time.js';
import { questionsRead } from './evaluate.js';
import { optionsOf, type Condition, type Destination, type FlowDefinition } from './flow-types.js';

export interface FlowProblem {
  /** Where in the flow: a question id, an outcome id, or the flow itself. */
  at: string;
  message: string;
}

export interface CheckOptions {
  /** Whether a path inside Hearth exists. Links to anything else are refused. */
  pathExists: (path: string) => boolean;
  /** Whether a module is switched on here; a link to a module's page is checked only then. Leave out: all are on. */
  moduleEnabled?: (name: string) => boolean;
  /** Every module Hearth has, switched on or not, so that a misspelt module name is caught. Leave out: any name. */
  knownModules?: readonly string[];
  /** Today, for the date the facts were checked (which cannot be in the future). Leave out: now. */
  today?: Date;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function target(destination: Destination): string {
  return 'question' in destination ? `question "${destination.question}"` : `outcome "${destination.outcome}"`;
}

/**
 * Refuses a flow that could strand a family or mislead them: a dead end, a question or outcome nobody can reach, a
 * loop, a rule that reads an answer not given on every way to it, an answer value the question does not offer, a
 * link to a page that does not exist, an outcome that names no sources, a source with no public address, or a flow
 * that does not say when its facts were last checked. Returns every problem, not just the first,
 * so that an editor can fix them all at once.
 */
export function checkFlow(flow: FlowDefinition, options: CheckOptions): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const report = (at: string, message: string) => problems.push({ at, message });
  const questionIds = Object.keys(flow.questions ?? {});
  const outcomeIds = Object.keys(flow.outcomes ?? {});

  if (!SLUG.test(flow.slug ?? ''))
    report('flow', 'The slug must be lower-case words joined by hyphens, like "child-protection-conference"');
  if (!flow.title?.trim()) report('flow', 'The flow needs a title');
  if (!flow.summary?.trim()) report('flow', 'The flow needs a summary for the list of guided advice');
  // Families are shown how fresh the advice is, so a flow must say when its facts were last checked.
  if (!flow.checked) {
    report('flow', 'The flow needs "checked": the day its facts were last checked against its sources, like "2026-12-03"');
  } else if (!parseDay(flow.checked)) {
    report('flow', `"checked" must be a real date written like "2026-12-03", not "${flow.checked}"`);
  } else if (flow.checked > (options.today ?? new Date()).toISOString().slice(0, 10)) {
    report('flow', `"checked" is ${flow.checked}, which is in the future: give the day the facts were actually checked`);
  }
  if (!flow.questions?.[flow.firstQuestion]) report('flow', `The first question "${flow.firstQuestion}" does not exist`);
  for (const id of [...questionIds, ...outcomeIds]) {
    if (!ID.test(id)) report(id, `"${id}" is not a valid id: use lower-case words joined by hyphens`);
  }
  for (const id of questionIds.filter((q) => outcomeIds.includes(q))) report(id, `"${id}" is both a question and an outcome`);

  const exists = (d: Destination) => ('question' in d ? !!flow.questions[d.question] : !!flow.outcomes[d.outcome]);

  for (const [id, question] of Object.entries(flow.questions ?? {})) {
    if (!question.text?.trim()) report(id, 'The question has no text');
    if (question.kind === 'single' || question.kind === 'multiple') {
      const values = (question.options ?? []).map((o) => o.value);
      if (values.length < 2) report(id, 'A choice question needs at least two answers');
      if (new Set(values).size !== values.length) report(id, 'Two answers have the same value');
      if ((question.options ?? []).some((o) => !o.label?.trim())) report(id, 'Every answer needs a label');
    }
    if (!question.next?.length) {
      report(id, 'Dead end: the question leads nowhere');
      continue;
    }
    if (question.next.at(-1)!.when) {
      report(id, 'Dead end: some answers match no route. Make the last route unconditional, so that every answer leads somewhere');
    }
    for (const route of question.next) {
      if (!exists(route.goTo)) report(id, `A route goes to ${target(route.goTo)}, which does not exist`);
    }
  }

  // Reachability and loops, over the questions only: outcomes are where paths end.
  const successors = (id: string) => (flow.questions[id]?.next ?? []).map((r) => r.goTo);
  const reached = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      report(id, `Loop: ${[...trail.slice(trail.indexOf(id)), id].join(' → ')}. A family could go round for ever`);
      return;
    }
    state.set(id, 'visiting');
    reached.add(id);
    for (const next of successors(id)) {
      if ('outcome' in next) reached.add(`outcome:${next.outcome}`);
      else if (flow.questions[next.question]) visit(next.question, [...trail, id]);
    }
    state.set(id, 'done');
    order.unshift(id);
  };
  if (flow.questions?.[flow.firstQuestion]) visit(flow.firstQuestion, []);
  for (const id of questionIds) if (!reached.has(id)) report(id, 'Unreachable: no path from the first question leads here');
  for (const id of outcomeIds)
    if (!reached.has(`outcome:${id}`)) report(id, 'Unreachable: no path from the first question leads to this outcome');
  const loops = problems.some((p) => p.message.startsWith('Loop'));

  // Which questions are certainly answered on arriving somewhere: the intersection over every way in.
  const answeredOnArrival = new Map<string, Set<string>>();
  if (!loops && flow.questions?.[flow.firstQuestion]) {
    answeredOnArrival.set(flow.firstQuestion, new Set());
    for (const id of order) {
      const before = answeredOnArrival.get(id);
      if (!before) continue;
      const after = new Set([...before, id]);
      for (const next of successors(id)) {
        const key = 'question' in next ? next.question : `outcome:${next.outcome}`;
        const existing = answeredOnArrival.get(key);
        answeredOnArrival.set(key, existing ? new Set([...existing].filter((q) => after.has(q))) : after);
      }
    }
  }

  const checkCondition = (at: string, condition: Condition, available: Set<string> | undefined, where: string) => {
    for (const read of questionsRead(condition)) {
      if (!flow.questions[read]) {
        report(at, `${where} reads question "${read}", which does not exist`);
      } else if (available && !available.has(read)) {
        report(at, `${where} reads question "${read}", which is not asked on every way here`);
      }
    }
    checkValues(at, condition, where);
  };

  const checkValues = (at: string, condition: Condition, where: string) => {
    if ('all' in condition) return condition.all.forEach((c) => checkValues(at, c, where));
    if ('any' in condition) return condition.any.forEach((c) => checkValues(at, c, where));
    if ('not' in condition) return checkValues(at, condition.not, where);
    const question = flow.questions[condition.question];
    if (!question) return;
    const offered = new Set(optionsOf(question).map((o) => o.value));
    const values =
      'equals' in condition ? [condition.equals] : 'in' in condition ? condition.in : 'includes' in condition ? [condition.includes] : [];
    for (const value of values) {
      if (!offered.has(value)) report(at, `${where} compares "${condition.question}" with "${value}", which is not one of its answers`);
    }
    const numeric = 'lessThan' in condition || 'atLeast' in condition;
    if (numeric && question.kind !== 'number')
      report(at, `${where} compares "${condition.question}" with a number, but it is not a number question`);
    if ('withinDays' in condition && question.kind !== 'date')
      report(at, `${where} counts days from "${condition.question}", but it is not a date question`);
  };

  for (const [id, question] of Object.entries(flow.questions ?? {})) {
    const before = answeredOnArrival.get(id);
    const available = before ? new Set([...before, id]) : undefined;
    (question.next ?? []).forEach((route, index) => {
      if (route.when) checkCondition(id, route.when, available, `Route ${index + 1}`);
    });
  }

  for (const [id, outcome] of Object.entries(flow.outcomes ?? {})) {
    if (!outcome.title?.trim()) report(id, 'The outcome has no title');
    if (!outcome.sources?.length) report(id, 'The outcome names no sources: say which law or guidance it rests on');
    const available = answeredOnArrival.get(`outcome:${id}`);
    (outcome.blocks ?? []).forEach((block, index) => {
      if (block.when) checkCondition(id, block.when, available, `Block ${index + 1}`);
      for (const link of block.links ?? []) {
        if ('path' in link) {
          if (link.module !== undefined && options.knownModules && !options.knownModules.includes(link.module)) {
            report(id, `Block ${index + 1} links to a page of the module "${link.module}", which Hearth does not have`);
          } else if (link.module !== undefined && options.moduleEnabled && !options.moduleEnabled(link.module)) {
            // Not shown while the module is off, so there is nothing to check.
          } else if (!link.path.startsWith('/') || !options.pathExists(link.path.split('#')[0]!)) {
            report(id, `Block ${index + 1} links to ${link.path}, which is not a page of this Hearth`);
          }
        } else if (!/^https:\/\//.test(link.url)) {
          report(id, `Block ${index + 1} links to ${link.url}: outside links must start with https://`);
        }
      }
    });
    (outcome.sources ?? []).forEach((source, index) => {
      if (!source.url) report(id, `The source "${source.title}" needs a url: the address where anyone can read it`);
      else if (!/^https:\/\//.test(source.url)) report(id, `The source "${source.title}" must link with https://`);
      if (source.when) checkCondition(id, source.when, available, `Source ${index + 1}`);
    });
  }
  return problems;
}
