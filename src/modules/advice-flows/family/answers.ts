import { formatDay } from '../../../platform/time.js';
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
}

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
 * YYYY-MM-DD; anything not plainly a day, month and four-digit year becomes a value `answerProblem` refuses.
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
      if (!typed.day && !typed.month && !typed.year) return { value: undefined, typed };
      const plain = /^\d{1,2}$/.test(typed.day) && /^\d{1,2}$/.test(typed.month) && /^\d{4}$/.test(typed.year);
      const value = plain ? `${typed.year}-${typed.month.padStart(2, '0')}-${typed.day.padStart(2, '0')}` : 'not-a-date';
      return { value, typed };
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
export function controlFor(question: Question, typed: SentAnswer['typed']) {
  if (question.kind === 'date') return { kind: 'date', values: typed as DateParts };
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
export function errorFieldFor(question: Question): string {
  return question.kind === 'date' ? 'answer-day' : 'answer';
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
