import { RULES } from '../../../platform/access.js';
import { HttpError } from '../../../platform/errors.js';
import { pathParams } from '../../../platform/schemas.js';

/** Flows are content: editors write and publish them, and admins may too. */
export const EDITORS = RULES.editors;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function flowNotFound(): HttpError {
  return new HttpError(404, 'Flow not found', 'Go back to the list of flows and choose one.', 'not-found');
}

/** The address of one flow's editor pages: /admin/flows/:slug/... */
export const FlowParams = pathParams('slug');

/** The slug in the address, if it could be one; anything else is a page that does not exist. */
export function slugParam(params: { slug: string }): string {
  if (!SLUG.test(params.slug)) throw flowNotFound();
  return params.slug;
}

type Json = Record<string, unknown>;

/** Known keys first, in the order people read them; anything else after, as it was. */
function ordered(value: unknown, keys: readonly string[], inner: Record<string, (v: unknown) => unknown> = {}): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Json;
  const result: Json = {};
  for (const key of [...keys.filter((k) => Object.hasOwn(source, k)), ...Object.keys(source).filter((k) => !keys.includes(k))]) {
    result[key] = inner[key] ? inner[key](source[key]) : source[key];
  }
  return result;
}

const each = (fn: (v: unknown) => unknown) => (list: unknown) => (Array.isArray(list) ? list.map(fn) : list);

function condition(value: unknown): unknown {
  return ordered(value, ['question', 'equals', 'in', 'includes', 'lessThan', 'atLeast', 'withinDays', 'all', 'any', 'not'], {
    all: each(condition),
    any: each(condition),
    not: condition,
  });
}

const route = (v: unknown) => ordered(v, ['when', 'goTo'], { when: condition, goTo: (g) => ordered(g, ['question', 'outcome']) });
const question = (v: unknown) =>
  ordered(v, ['kind', 'text', 'hint', 'options', 'min', 'max', 'suffix', 'next'], {
    options: each((o) => ordered(o, ['value', 'label', 'hint'])),
    next: each(route),
  });
const block = (v: unknown) =>
  ordered(v, ['when', 'heading', 'paragraphs', 'bullets', 'links', 'style'], {
    when: condition,
    links: each((l) => ordered(l, ['text', 'path', 'module', 'url'])),
  });
const outcome = (v: unknown) =>
  ordered(v, ['title', 'summary', 'blocks', 'sources'], {
    blocks: each(block),
    sources: each((s) => ordered(s, ['when', 'title', 'url'], { when: condition })),
  });

/**
 * Questions in the order a family meets them (depth first from the first question, routes in order), and outcomes in
 * the order they are first reached. PostgreSQL's jsonb keeps object keys sorted by length, not as typed, so without
 * this a stored flow would come back with its questions shuffled.
 */
export function readingOrder(definition: unknown): { questions: string[]; outcomes: string[] } {
  const flow = (definition ?? {}) as { firstQuestion?: unknown; questions?: Json; outcomes?: Json };
  const questions = flow.questions && typeof flow.questions === 'object' ? flow.questions : {};
  const outcomes = flow.outcomes && typeof flow.outcomes === 'object' ? flow.outcomes : {};
  const seenQuestions: string[] = [];
  const seenOutcomes: string[] = [];
  const pending = typeof flow.firstQuestion === 'string' ? [flow.firstQuestion] : [];
  while (pending.length > 0) {
    const id = pending.shift()!;
    if (seenQuestions.includes(id) || !Object.hasOwn(questions, id)) continue;
    seenQuestions.push(id);
    const next = (questions[id] as { next?: unknown }).next;
    const children: string[] = [];
    for (const r of Array.isArray(next) ? next : []) {
      const goTo = (r as { goTo?: { question?: unknown; outcome?: unknown } } | null)?.goTo;
      if (typeof goTo?.outcome === 'string' && !seenOutcomes.includes(goTo.outcome)) seenOutcomes.push(goTo.outcome);
      if (typeof goTo?.question === 'string') children.push(goTo.question);
    }
    pending.unshift(...children);
  }
  return {
    questions: [...seenQuestions, ...Object.keys(questions).filter((id) => !seenQuestions.includes(id))],
    outcomes: [
      ...seenOutcomes.filter((id) => Object.hasOwn(outcomes, id)),
      ...Object.keys(outcomes).filter((id) => !seenOutcomes.includes(id)),
    ],
  };
}

/** A flow as the editor shows it: two-space JSON, keys and questions in reading order. */
export function pretty(definition: unknown): string {
  const order = readingOrder(definition);
  const byOrder = (ids: string[], fn: (v: unknown) => unknown) => (map: unknown) =>
    Object.fromEntries(ids.map((id) => [id, fn((map as Json)[id])]));
  const arranged = ordered(definition, ['slug', 'title', 'summary', 'intro', 'checked', 'firstQuestion', 'questions', 'outcomes'], {
    questions: byOrder(order.questions, question),
    outcomes: byOrder(order.outcomes, outcome),
  });
  return JSON.stringify(arranged, null, 2);
}
