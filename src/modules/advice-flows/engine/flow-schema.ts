import { Ajv, type ErrorObject } from 'ajv';
import type { FlowProblem } from './checker.js';
import type { FlowDefinition } from './flow-types.js';

/**
 * The shape of a FlowDefinition as JSON Schema, so that a flow typed by hand is refused with a clear message before
 * the checker (which assumes the shape) reads it. Unions are written as if/then/else rather than anyOf: with anyOf a
 * single typo produces one error per branch, and the editor cannot tell which one matters.
 *
 * `x-message` replaces Ajv's wording where the rule alone says nothing useful ("must NOT have more than 2 properties").
 */
const text = { type: 'string' };
const filled = { type: 'string', minLength: 1 };
const texts = { type: 'array', items: filled };

const LEAF_COMPARISONS = ['equals', 'in', 'includes', 'lessThan', 'atLeast', 'withinDays'];

const conditionSchema = {
  type: 'object',
  if: { required: ['all'] },
  then: {
    properties: { all: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } } },
    additionalProperties: false,
  },
  else: {
    if: { required: ['any'] },
    then: {
      properties: { any: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } } },
      additionalProperties: false,
    },
    else: {
      if: { required: ['not'] },
      then: { properties: { not: { $ref: '#/definitions/condition' } }, additionalProperties: false },
      else: {
        required: ['question'],
        properties: {
          question: filled,
          equals: text,
          in: { type: 'array', minItems: 1, items: text },
          includes: text,
          lessThan: { type: 'number' },
          atLeast: { type: 'number' },
          withinDays: { type: 'integer', minimum: 0 },
        },
        additionalProperties: false,
        minProperties: 2,
        maxProperties: 2,
        'x-message': `needs "question" and exactly one of ${LEAF_COMPARISONS.map((c) => `"${c}"`).join(', ')}; or "all", "any" or "not"`,
      },
    },
  },
};

export const FLOW_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Hearth guided-advice flow',
  type: 'object',
  required: ['slug', 'title', 'summary', 'intro', 'checked', 'firstQuestion', 'questions', 'outcomes'],
  additionalProperties: false,
  properties: {
    slug: filled,
    title: filled,
    summary: filled,
    intro: texts,
    checked: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      'x-message': 'must be the day the facts were last checked, written like "2026-12-03"',
    },
    firstQuestion: filled,
    questions: { type: 'object', minProperties: 1, additionalProperties: { $ref: '#/definitions/question' } },
    outcomes: { type: 'object', minProperties: 1, additionalProperties: { $ref: '#/definitions/outcome' } },
  },
  definitions: {
    condition: conditionSchema,
    option: {
      type: 'object',
      required: ['value', 'label'],
      additionalProperties: false,
      properties: { value: filled, label: text, hint: text },
    },
    question: {
      type: 'object',
      required: ['kind', 'text', 'next'],
      additionalProperties: false,
      properties: {
        kind: { enum: ['single', 'multiple', 'yes-no', 'date', 'number', 'country'] },
        text,
        hint: text,
        options: { type: 'array', items: { $ref: '#/definitions/option' } },
        min: { type: 'number' },
        max: { type: 'number' },
        suffix: text,
        next: { type: 'array', items: { $ref: '#/definitions/route' } },
      },
    },
    route: {
      type: 'object',
      required: ['goTo'],
      additionalProperties: false,
      properties: { when: { $ref: '#/definitions/condition' }, goTo: { $ref: '#/definitions/destination' } },
    },
    destination: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: { question: filled, outcome: filled },
      'x-message': 'must name either a "question" or an "outcome", like { "outcome": "what-happens-next" }',
    },
    link: {
      type: 'object',
      required: ['text'],
      if: { required: ['path'] },
      then: {
        additionalProperties: false,
        properties: {
          text: filled,
          path: { type: 'string', pattern: '^/', 'x-message': 'must start with /, like /advice/guided' },
          module: { type: 'string', pattern: '^[a-z][a-z-]*$', 'x-message': 'must be the name of a module, like boards' },
        },
      },
      else: {
        required: ['url'],
        additionalProperties: false,
        properties: { text: filled, url: filled },
        'x-message': 'needs a "path" (a page of this Hearth) or a "url" (a page elsewhere)',
      },
    },
    block: {
      type: 'object',
      additionalProperties: false,
      properties: {
        when: { $ref: '#/definitions/condition' },
        heading: text,
        paragraphs: texts,
        bullets: texts,
        links: { type: 'array', items: { $ref: '#/definitions/link' } },
        style: { enum: ['inset', 'warning'] },
      },
    },
    source: {
      type: 'object',
      required: ['title', 'url'],
      additionalProperties: false,
      properties: {
        title: filled,
        url: { type: 'string', pattern: '^https://', 'x-message': 'must be the address of the public source, starting https://' },
        when: { $ref: '#/definitions/condition' },
      },
    },
    outcome: {
      type: 'object',
      required: ['title', 'summary', 'blocks', 'sources'],
      additionalProperties: false,
      properties: {
        title: text,
        summary: text,
        blocks: { type: 'array', items: { $ref: '#/definitions/block' } },
        sources: { type: 'array', items: { $ref: '#/definitions/source' } },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
const validate = ajv.compile<FlowDefinition>(FLOW_SCHEMA);

/** Deeper than any sensible flow; a crafted one nested thousands deep would otherwise overflow the stack. */
const MAX_DEPTH = 40;

function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_DEPTH) return depth;
    if (item && typeof item === 'object') for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

const ITEM_NAMES: Record<string, string> = {
  next: 'route',
  blocks: 'block',
  links: 'link',
  sources: 'source',
  options: 'answer',
  paragraphs: 'paragraph',
  bullets: 'bullet',
  intro: 'intro paragraph',
  in: 'value',
};
const CONTAINER_NAMES: Record<string, string> = { when: 'condition', goTo: 'destination', not: '"not" condition' };

/** ["next", "0", "when", "all", "1"] → ["route 1", "condition", "condition 2 of \"all\""]. */
function placeWithin(segments: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    const index = segments[i + 1];
    if (index !== undefined && /^\d+$/.test(index)) {
      const number = Number(index) + 1;
      words.push(segment === 'all' || segment === 'any' ? `part ${number} of "${segment}"` : `${ITEM_NAMES[segment] ?? segment} ${number}`);
      i += 1;
    } else {
      words.push(CONTAINER_NAMES[segment] ?? `"${segment}"`);
    }
  }
  return words;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text in double quotes',
  number: 'a number',
  integer: 'a whole number',
  array: 'a list in square brackets [ ]',
  object: 'a set of named values in braces { }',
};

function wording(error: ErrorObject): string {
  const custom = (error.parentSchema as Record<string, unknown> | undefined)?.['x-message'];
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `needs "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `has "${String(params.additionalProperty)}", which a flow does not use here: check the spelling`;
    case 'type':
      return `must be ${TYPE_NAMES[String(params.type)] ?? String(params.type)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => `"${String(v)}"`).join(', ')}`;
    case 'minLength':
      return 'must not be empty';
    case 'minItems':
      return `needs at least ${String(params.limit)}`;
    case 'minimum':
      return `must be ${String(params.limit)} or more`;
    case 'minProperties':
      if (typeof custom === 'string') return custom;
      return `needs at least ${String(params.limit)}`;
    default:
      return typeof custom === 'string' ? custom : (error.message ?? 'is not valid');
  }
}

function problemFrom(error: ErrorObject): FlowProblem {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const owner = segments[0] === 'questions' || segments[0] === 'outcomes' ? segments[1] : undefined;
  const at = owner ?? 'flow';
  const rest = owner !== undefined ? segments.slice(2) : segments;
  const subject =
    rest.length > 0
      ? placeWithin(rest).join(', ')
      : owner === undefined
        ? 'The flow'
        : segments[0] === 'questions'
          ? 'The question'
          : 'The outcome';
  const message = `${subject} ${wording(error)}`;
  return { at, message: message.charAt(0).toUpperCase() + message.slice(1) };
}

/**
 * Checks that a parsed JSON value has the shape of a flow. Returns every problem, each placed at its question or
 * outcome, or an empty list. Only a value that passes may be given to the checker.
 */
export function flowShapeProblems(value: unknown): FlowProblem[] {
  if (depthOf(value) > MAX_DEPTH) return [{ at: 'flow', message: `The flow is nested more than ${MAX_DEPTH} levels deep` }];
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: FlowProblem[] = [];
  for (const error of validate.errors ?? []) {
    // "must match then/else schema" only repeats the error that made the branch fail.
    if (error.keyword === 'if') continue;
    // A wrong property in a condition fails both additionalProperties and the two-property rule; one message will do.
    if (error.keyword === 'maxProperties' || (error.keyword === 'minProperties' && error.schemaPath.includes('condition')))
      if (validate.errors!.some((e) => e !== error && e.instancePath === error.instancePath && e.keyword === 'additionalProperties'))
        continue;
    const problem = problemFrom(error);
    const key = `${problem.at}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

export function isFlowShaped(value: unknown): value is FlowDefinition {
  return flowShapeProblems(value).length === 0;
}
