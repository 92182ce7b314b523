import { formatDay } from '../../../platform/time.js';
import { dateInput, dateInputItems, parseField, type FieldError } from '../../../platform/validation.js';
import { answerProblem } from '../engine/evaluate.js';
import { optionsOf, type Answers, type FlowDefinition, type Question } from '../engine/flow-types.js';

/** What the family typed into a date question, kept as typed so that an error page can show it back. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The answer as it came from the form, and what to put back into the form if it is refused. */
export interface SentAnswer {
  value: string | string[] | undefined;
  typed: string | string[] | DateParts;
  /** Boxes of a date that do not make a real date, with the design system's words for what is wrong. */
  error?: FieldError;
}

// Whether a date may be left empty, or must be in some range, is the flow's to say (answerProblem); the boxes are the
// platform's, so that families read the same words about a date here as on every other form.
const ANSWER_DATE = dateInput({ label: 'The date', required: 'Enter a date' });

function text(raw: unknown): string {
  if (Array.isArray(raw)) return text(raw[0]);
  return typeof raw === 'string' ? raw : '';
}

function texts(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return [...new Set(list.map(text).filter((value) => value !== ''))];
}

/**
 * Reads the answer from the form. A date comes in three boxes (answer-day, answer-month, answer-year) and is stored as
 * YYYY-MM-DD; boxes that are not a real date come back with the error that says which box is wrong.
 */
export function answerFrom(question: Question, body: unknown): SentAnswer {
  const form = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  switch (question.kind) {
    case 'multiple': {
      const values = texts(form.answer);
      return { value: values, typed: values };
    }
    case 'date': {
      const typed = {
        day: text(form['answer-day']).trim(),
        month: text(form['answer-month']).trim(),
        year: text(form['answer-year']).trim(),
      };
      const parsed = parseField(ANSWER_DATE, 'answer', form);
      return 'error' in parsed ? { value: undefined, typed, error: parsed.error } : { value: parsed.value, typed };
    }
    case 'number': {
      const value = text(form.answer).trim();
      return { value: value === '' ? undefined : value, typed: value };
    }
    default: {
      const value = text(form.answer);
      return { value: value === '' ? undefined : value, typed: value };
    }
  }
}

/** What a stored answer looks like in the form's boxes. */
export function typedFrom(question: Question, value: string | string[] | undefined): SentAnswer['typed'] {
  if (question.kind === 'date') {
    const [year = '', month = '', day = ''] = typeof value === 'string' ? value.split('-') : [];
    return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
  }
  if (question.kind === 'multiple') return Array.isArray(value) ? value : value ? [value] : [];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** The parameters of the govuk-frontend control for a question, with what the family chose or typed. */
export function controlFor(question: Question, typed: SentAnswer['typed'], errors?: readonly FieldError[]) {
  if (question.kind === 'date') {
    const { day, month, year } = typed as DateParts;
    return { kind: 'date', items: dateInputItems('answer', { 'answer-day': day, 'answer-month': month, 'answer-year': year }, errors) };
  }
  if (question.kind === 'number') return { kind: 'number', value: typeof typed === 'string' ? typed : '' };
  const chosen = Array.isArray(typed) ? typed : typeof typed === 'string' ? [typed] : [];
  const items = optionsOf(question).map((option) => ({
    value: option.value,
    text: option.label,
    hint: option.hint ? { text: option.hint } : undefined,
    checked: chosen.includes(option.value),
  }));
  return { kind: question.kind === 'multiple' ? 'checkboxes' : 'radios', items, inline: question.kind === 'yes-no' };
}

/** The id the error summary links to: the first box of the control. */
function errorFieldFor(question: Question): string {
  return question.kind === 'date' ? 'answer-day' : 'answer';
}

/** What is wrong with a sent answer, for the error summary: boxes that are not a date, or the flow's own rule. */
export function problemWith(question: Question, sent: SentAnswer): FieldError | null {
  if (sent.error) return sent.error;
  const problem = answerProblem(question, sent.value);
  return problem ? { field: errorFieldFor(question), text: problem } : null;
}

/** An answer in words, as "check your answers" shows it: the labels chosen, a date in full, a number with its unit. */
export function answerInWords(question: Question, value: string | string[]): string[] {
  const values = Array.isArray(value) ? value : [value];
  if (question.kind === 'date') return values.map(formatDay);
  if (question.kind === 'number') return values.map((v) => (question.suffix ? `${v} ${question.suffix}` : v));
  const labels = new Map(optionsOf(question).map((option) => [option.value, option.label]));
  return values.map((v) => labels.get(v) ?? v);
}

/** One row of "check your answers" per answer on the path, in the order asked. */
export function summaryRows(flow: FlowDefinition, answers: Answers, path: readonly string[], base: string) {
  return path.flatMap((id) => {
    const question = flow.questions[id];
    const value = answers[id];
    if (!question || value === undefined) return [];
    return [{ id, question: question.text, answer: answerInWords(question, value), change: `${base}/questions/${id}?change=1` }];
  });
}
