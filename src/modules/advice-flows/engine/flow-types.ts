/**
 * A guided-advice flow is data: questions, the rules that route between them, and outcome pages built from blocks
 * shown according to the answers. Nothing here runs code, so an editor can change a flow without a release, and the
 * checker can prove every path ends somewhere sensible before anyone sees it.
 */

export type QuestionKind = 'single' | 'multiple' | 'yes-no' | 'date' | 'number' | 'country';

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export interface Question {
  kind: QuestionKind;
  /** The question as the page heading, for example "Who contacted you?" */
  text: string;
  hint?: string;
  /** For single and multiple choice. yes-no has yes/no; country has england/wales. */
  options?: Option[];
  /** For number questions. */
  min?: number;
  max?: number;
  /** A word after the number box, for example "years". */
  suffix?: string;
  /** Routes tried in order; the first whose `when` holds (or that has none) is taken. */
  next: Route[];
}

export type Destination = { question: string } | { outcome: string };

export interface Route {
  when?: Condition;
  goTo: Destination;
}

/** Conditions read earlier answers. Dates compare as YYYY-MM-DD; `withinDays` counts back from today. */
export type Condition =
  | { question: string; equals: string }
  | { question: string; in: string[] }
  | { question: string; includes: string }
  | { question: string; lessThan: number }
  | { question: string; atLeast: number }
  | { question: string; withinDays: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/**
 * A link from an outcome. `path` is a page of this Hearth (checked to exist when the flow is saved); `url` is an
 * outside source such as legislation.gov.uk. A page that belongs to a module (the advice line, the boards) names it
 * in `module`: while that module is switched off the link is simply not shown, never a dead end.
 */
export type Link = { text: string; path: string; module?: string } | { text: string; url: string };

export interface Block {
  when?: Condition;
  heading?: string;
  paragraphs?: string[];
  bullets?: string[];
  links?: Link[];
  /** Shown as a GOV.UK inset text or warning text. */
  style?: 'inset' | 'warning';
}

/**
 * A public source the advice rests on: its title and the address where anyone can read it. `when` shows it only to
 * the families it applies to, so that a family in Wales is never pointed to an English-only law or guidance.
 */
export interface Source {
  title: string;
  url: string;
  when?: Condition;
}

export interface Outcome {
  title: string;
  summary: string;
  blocks: Block[];
  sources: Source[];
}

export interface FlowDefinition {
  slug: string;
  title: string;
  /** One sentence for the list of flows. */
  summary: string;
  /** The start page: who it is for and what it covers. */
  intro: string[];
  /** The day its facts were last checked against its sources, YYYY-MM-DD; shown to families on every page of it. */
  checked: string;
  firstQuestion: string;
  questions: Record<string, Question>;
  outcomes: Record<string, Outcome>;
}

/** What the family has answered: one string for most questions, a list for multiple choice. */
export type Answers = Record<string, string | string[]>;

export const YES_NO: Option[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

export const COUNTRIES: Option[] = [
  { value: 'england', label: 'England' },
  { value: 'wales', label: 'Wales' },
];

/** The options a question offers, including the fixed ones for yes-no and country questions. */
export function optionsOf(question: Question): Option[] {
  if (question.kind === 'yes-no') return YES_NO;
  if (question.kind === 'country') return COUNTRIES;
  return question.options ?? [];
}
