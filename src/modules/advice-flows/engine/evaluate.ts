import { parseDay } from '../../../platform/time.js';
import {
  optionsOf,
  type Answers,
  type Block,
  type Condition,
  type FlowDefinition,
  type Outcome,
  type Question,
  type Source,
} from './flow-types.js';

export type AnswerProblem = { question: string; problem: string };

export type Evaluation =
  { kind: 'question'; id: string; question: Question; path: string[] } | { kind: 'outcome'; id: string; outcome: Outcome; path: string[] };

/** Checks one answer against its question. Returns a problem written for the family, or null. */
export function answerProblem(question: Question, value: string | string[] | undefined): string | null {
  const single = Array.isArray(value) ? value[0] : value;
  switch (question.kind) {
    case 'multiple': {
      const values = (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).filter((v) => v !== '');
      if (values.length === 0) return 'Select at least one answer';
      const allowed = new Set(optionsOf(question).map((o) => o.value));
      return values.every((v) => allowed.has(v)) ? null : 'Select from the answers shown';
    }
    case 'date':
      if (!single) return 'Enter a date';
      return parseDay(single) ? null : 'Enter a real date, for example 27 3 2026';
    case 'number': {
      if (single === undefined || single.trim() === '') return 'Enter a number';
      const number = Number(single);
      if (!Number.isFinite(number) || !/^-?\d+(\.\d+)?$/.test(single.trim())) return 'Enter a number, like 3';
      if (question.min !== undefined && number < question.min) return `Enter a number of ${question.min} or more`;
      if (question.max !== undefined && number > question.max) return `Enter a number of ${question.max} or less`;
      return null;
    }
    default:
      if (!single) return 'Select an answer';
      return optionsOf(question).some((o) => o.value === single) ? null : 'Select from the answers shown';
  }
}

function asList(value: string | string[] | undefined): string[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function daysBetween(from: string, to: Date): number {
  return Math.floor((to.getTime() - new Date(`${from}T00:00:00Z`).getTime()) / 86_400_000);
}

/** Whether a condition holds for these answers. A condition on an unanswered question is false. */
export function holds(condition: Condition, answers: Answers, today = new Date()): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, answers, today));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers, today));
  if ('not' in condition) return !holds(condition.not, answers, today);
  const value = answers[condition.question];
  if (value === undefined) return false;
  const first = asList(value)[0] ?? '';
  if ('equals' in condition) return first === condition.equals;
  if ('in' in condition) return condition.in.includes(first);
  if ('includes' in condition) return asList(value).includes(condition.includes);
  if ('lessThan' in condition) return Number(first) < condition.lessThan;
  if ('atLeast' in condition) return Number(first) >= condition.atLeast;
  const age = daysBetween(first, today);
  return age >= 0 && age <= condition.withinDays;
}

/** The questions a condition reads, for the checker. */
export function questionsRead(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(questionsRead);
  if ('any' in condition) return condition.any.flatMap(questionsRead);
  if ('not' in condition) return questionsRead(condition.not);
  return [condition.question];
}

/**
 * Walks the flow from its first question with the answers given, and returns the first question still to answer or
 * the outcome reached. Answers to questions off the path are ignored (the family changed an earlier answer);
 * answers that are invalid, or for questions the flow does not have, are problems.
 */
export function evaluate(flow: FlowDefinition, answers: Answers, today = new Date()): { problems: AnswerProblem[] } | Evaluation {
  const problems: AnswerProblem[] = [];
  for (const [id, value] of Object.entries(answers)) {
    // hasOwn, so that an answer keyed "constructor" or "__proto__" is an unknown question, not a property of Object.
    const question = Object.hasOwn(flow.questions, id) ? flow.questions[id] : undefined;
    if (!question) problems.push({ question: id, problem: `This flow has no question "${id}"` });
    else {
      const problem = answerProblem(question, value);
      if (problem) problems.push({ question: id, problem });
    }
  }
  if (problems.length > 0) return { problems };

  const path: string[] = [];
  let current = flow.firstQuestion;
  // A checked flow has no cycles; the bound only protects against an unchecked one.
  for (let step = 0; step <= Object.keys(flow.questions).length; step += 1) {
    const question = flow.questions[current]!;
    if (answers[current] === undefined) return { kind: 'question', id: current, question, path };
    path.push(current);
    const route = question.next.find((r) => !r.when || holds(r.when, answers, today));
    if (!route) throw new Error(`Flow ${flow.slug}: no route out of question ${current} for these answers`);
    if ('outcome' in route.goTo) return { kind: 'outcome', id: route.goTo.outcome, outcome: flow.outcomes[route.goTo.outcome]!, path };
    current = route.goTo.question;
  }
  throw new Error(`Flow ${flow.slug} loops`);
}

/** The blocks of an outcome that apply to these answers. */
export function visibleBlocks(outcome: Outcome, answers: Answers, today = new Date()): Block[] {
  return outcome.blocks.filter((block) => !block.when || holds(block.when, answers, today));
}

/** The sources of an outcome that apply to these answers: a family in Wales is not sent to English-only law. */
export function visibleSources(outcome: Outcome, answers: Answers, today = new Date()): Source[] {
  return outcome.sources.filter((source) => !source.when || holds(source.when, answers, today));
}

/** Only the answers on the path actually taken: what "check your answers" shows and what is kept. */
export function answersOnPath(answers: Answers, path: string[]): Answers {
  return Object.fromEntries(path.filter((id) => answers[id] !== undefined).map((id) => [id, answers[id]!]));
}
