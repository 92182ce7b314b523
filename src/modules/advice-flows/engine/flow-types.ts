/**
 * A guided-advice flow is data: questions, the rules that route between them, and outcome pages built from blocks
 * shown according to the answers. Nothing here runs code, so an editor can change a flow without a release, and the
 * checker can prove every path ends somewhere sensible before anyone sees it.
 */

export type {
  Block,
  Condition,
  Destination,
  FlowDefinition,
  Link,
  Option,
  Outcome,
  Question,
  QuestionKind,
  Route,
  Source,
} from './flow-format.js';
import type { Option, Question } from './flow-format.js';

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
