import { Ajv, type ErrorObject } from 'ajv';
import type { FlowProblem } from './checker.js';
import { flowPart, type FlowDefinition } from './flow-format.js';

type Schema = Record<string, unknown>;

/** A required key that only this member of a union has, by which an editor's intent can be told. */
function ownKey(member: Schema, members: Schema[]): string {
  const required = (m: Schema) => (m.required as string[] | undefined) ?? [];
  const own = required(member).filter((key) => !members.some((m) => m !== member && required(m).includes(key)));
  if (own.length !== 1) throw new Error(`Each member of a union in the flow format needs one key of its own: ${JSON.stringify(member)}`);
  return own[0]!;
}

/**
 * The format's unions rewritten for editors. With anyOf, one typo fails every member and the editor is told once per
 * member, with no way to tell which message matters. Here the member is chosen by the one key of its own that the
 * editor wrote, and only its rules are checked; with none of those keys, or several, the union's `x-message` is the
 * one message.
 */
function forEditors(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forEditors);
  if (!schema || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, forEditors(value)])) as Schema;
  if (!Array.isArray(node.anyOf) || !node.anyOf.every((member: Schema) => member.type === 'object')) return node;
  const { anyOf, 'x-message': message, ...rest } = node as Schema & { anyOf: Schema[] };
  const keys = anyOf.map((member) => ownKey(member, anyOf));
  const chain = anyOf.reduceRight<Schema>(
    (otherwise, member, i) => ({
      if: { required: [keys[i]], not: { anyOf: keys.filter((_, j) => j !== i).map((key) => ({ required: [key] })) } },
      then: member,
      else: otherwise,
    }),
    { not: {}, 'x-message': message },
  );
  return { ...rest, type: 'object', ...chain };
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
const validate = ajv.compile<FlowDefinition>(forEditors(JSON.parse(JSON.stringify(flowPart('FlowDefinition')))) as Schema);

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
    const problem = problemFrom(error);
    const key = `${problem.at}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}
