import Type, { type Static } from 'typebox';
import { OneOf } from '../../../platform/schemas.js';

/**
 * The guided-advice flow format, written once. The TypeScript types (flow-types.ts), the check of a flow an editor
 * typed (flow-schema.ts) and the API's OpenAPI components (api.ts) all come from these definitions.
 *
 * Each definition is named and refers to the others by name, because conditions nest. `x-message` is Hearth's own
 * wording for an editor where the rule alone says nothing useful; OpenAPI allows `x-` keywords, and the check reads it.
 */

const Text = Type.String();
const Filled = Type.String({ minLength: 1 });
const Texts = Type.Array(Filled);

/** The ways a condition can test one earlier answer; a condition uses exactly one of them. */
const COMPARISONS = {
  equals: Text,
  in: Type.Array(Text, { minItems: 1 }),
  includes: Text,
  lessThan: Type.Number(),
  atLeast: Type.Number(),
  withinDays: Type.Integer({ minimum: 0 }),
};

const comparison = <Name extends keyof typeof COMPARISONS>(name: Name) =>
  Type.Object({ question: Filled, [name]: COMPARISONS[name] } as { question: typeof Filled } & Pick<typeof COMPARISONS, Name>, {
    additionalProperties: false,
  });

const DEFINITIONS = {
  /** Conditions read earlier answers. Dates compare as YYYY-MM-DD; `withinDays` counts back from today. */
  FlowCondition: Type.Union(
    [
      Type.Object({ all: Type.Array(Type.Ref('FlowCondition'), { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Type.Ref('FlowCondition'), { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ not: Type.Ref('FlowCondition') }, { additionalProperties: false }),
      comparison('equals'),
      comparison('in'),
      comparison('includes'),
      comparison('lessThan'),
      comparison('atLeast'),
      comparison('withinDays'),
    ],
    {
      'x-message': `needs "question" and exactly one of ${Object.keys(COMPARISONS)
        .map((c) => `"${c}"`)
        .join(', ')}; or "all", "any" or "not"`,
    },
  ),
  FlowOption: Type.Object({ value: Filled, label: Text, hint: Type.Optional(Text) }, { additionalProperties: false }),
  FlowQuestion: Type.Object(
    {
      kind: OneOf(['single', 'multiple', 'yes-no', 'date', 'number', 'country']),
      /** The question as the page heading, for example "Who contacted you?" */
      text: Text,
      hint: Type.Optional(Text),
      /** For single and multiple choice. yes-no has yes/no; country has england/wales. */
      options: Type.Optional(Type.Array(Type.Ref('FlowOption'))),
      /** For number questions. */
      min: Type.Optional(Type.Number()),
      max: Type.Optional(Type.Number()),
      /** A word after the number box, for example "years". */
      suffix: Type.Optional(Text),
      /** Routes tried in order; the first whose `when` holds (or that has none) is taken. */
      next: Type.Array(Type.Ref('FlowRoute')),
    },
    { additionalProperties: false },
  ),
  FlowRoute: Type.Object(
    { when: Type.Optional(Type.Ref('FlowCondition')), goTo: Type.Ref('FlowDestination') },
    { additionalProperties: false },
  ),
  FlowDestination: Type.Union(
    [Type.Object({ question: Filled }, { additionalProperties: false }), Type.Object({ outcome: Filled }, { additionalProperties: false })],
    { 'x-message': 'must name either a "question" or an "outcome", like { "outcome": "what-happens-next" }' },
  ),
  /**
   * A link from an outcome. `path` is a page of this Hearth (checked to exist when the flow is saved); `url` is an
   * outside source such as legislation.gov.uk. A page that belongs to a module (the advice line, the boards) names it
   * in `module`: while that module is switched off the link is simply not shown, never a dead end.
   */
  FlowLink: Type.Union(
    [
      Type.Object(
        {
          text: Filled,
          path: Type.String({ pattern: '^/', 'x-message': 'must start with /, like /advice/guided' }),
          module: Type.Optional(Type.String({ pattern: '^[a-z][a-z-]*$', 'x-message': 'must be the name of a module, like boards' })),
        },
        { additionalProperties: false },
      ),
      Type.Object({ text: Filled, url: Filled }, { additionalProperties: false }),
    ],
    { 'x-message': 'needs a "path" (a page of this Hearth) or a "url" (a page elsewhere)' },
  ),
  FlowBlock: Type.Object(
    {
      when: Type.Optional(Type.Ref('FlowCondition')),
      heading: Type.Optional(Text),
      paragraphs: Type.Optional(Texts),
      bullets: Type.Optional(Texts),
      links: Type.Optional(Type.Array(Type.Ref('FlowLink'))),
      /** Shown as a GOV.UK inset text or warning text. */
      style: Type.Optional(OneOf(['inset', 'warning'])),
    },
    { additionalProperties: false },
  ),
  /**
   * A public source the advice rests on: its title and the address where anyone can read it. `when` shows it only to
   * the families it applies to, so that a family in Wales is never pointed to an English-only law or guidance.
   */
  FlowSource: Type.Object(
    {
      title: Filled,
      url: Type.String({ pattern: '^https://', 'x-message': 'must be the address of the public source, starting https://' }),
      when: Type.Optional(Type.Ref('FlowCondition')),
    },
    { additionalProperties: false },
  ),
  FlowOutcome: Type.Object(
    { title: Text, summary: Text, blocks: Type.Array(Type.Ref('FlowBlock')), sources: Type.Array(Type.Ref('FlowSource')) },
    { additionalProperties: false },
  ),
  FlowDefinition: Type.Object(
    {
      slug: Filled,
      title: Filled,
      /** One sentence for the list of flows. */
      summary: Filled,
      /** The start page: who it is for and what it covers. */
      intro: Texts,
      /** The day its facts were last checked against its sources, YYYY-MM-DD; shown to families on every page of it. */
      checked: Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description: 'The day the facts were last checked against the sources, YYYY-MM-DD',
        'x-message': 'must be the day the facts were last checked, written like "2026-12-03"',
      }),
      firstQuestion: Filled,
      questions: Type.Record(Type.String(), Type.Ref('FlowQuestion'), { minProperties: 1 }),
      outcomes: Type.Record(Type.String(), Type.Ref('FlowOutcome'), { minProperties: 1 }),
    },
    { title: 'Hearth guided-advice flow', additionalProperties: false },
  ),
};

/** Every definition of the format by name, each with its `$id`: for the check and for the OpenAPI components. */
export const FLOW_FORMAT = DEFINITIONS;
export type FlowFormatName = keyof typeof DEFINITIONS;

/** One definition with the others in reach, so that its references resolve (for Static and for a validator). */
export const flowPart = <Name extends FlowFormatName>(name: Name) => Type.Cyclic(DEFINITIONS, name);

export type Condition = Static<ReturnType<typeof flowPart<'FlowCondition'>>>;
export type Option = Static<ReturnType<typeof flowPart<'FlowOption'>>>;
export type Question = Static<ReturnType<typeof flowPart<'FlowQuestion'>>>;
export type QuestionKind = Question['kind'];
export type Route = Static<ReturnType<typeof flowPart<'FlowRoute'>>>;
export type Destination = Static<ReturnType<typeof flowPart<'FlowDestination'>>>;
export type Link = Static<ReturnType<typeof flowPart<'FlowLink'>>>;
export type Block = Static<ReturnType<typeof flowPart<'FlowBlock'>>>;
export type Source = Static<ReturnType<typeof flowPart<'FlowSource'>>>;
export type Outcome = Static<ReturnType<typeof flowPart<'FlowOutcome'>>>;
export type FlowDefinition = Static<ReturnType<typeof flowPart<'FlowDefinition'>>>;
