import { addDays, londonDay } from '../../../platform/time.js';
import { choice, dateInput, defineForm, optionalChoice, text, type FieldError, type FormValues } from '../../../platform/validation.js';
import { GRADES, questionsOf, type Framework } from '../framework/format.js';
import type { AssessmentContent } from '../queries.js';
import { fieldNames, MAX_WRITING } from './rules.js';

/** Starting an assessment: the day it began, today or within the last year. Used by the page and the API alike. */
export const startForm = defineForm({
  startedOn: dateInput({
    label: 'The date the assessment started',
    required: 'Enter the date the assessment started',
    check: (day) => {
      const today = londonDay(new Date());
      if (day > today) return 'The date the assessment started must be today or in the past';
      if (day < addDays(today, -366)) return 'The date the assessment started must be within the last year';
      return null;
    },
  }),
});

const writing = (label: string) => text({ label, maxLength: MAX_WRITING });

/**
 * The assessment page's one form, built from the assessment's framework: a grade and its evidence for each question,
 * the two views of each domain, each circumstance, and the child's own words. Every field is optional here; what must
 * go together (a grade and its evidence) and what completion needs is the service's rule (rules.ts).
 */
export function contentForm(framework: Framework) {
  const spec: Record<string, ReturnType<typeof writing> | ReturnType<typeof optionalChoice>> = {};
  for (const question of questionsOf(framework)) {
    spec[fieldNames.grade(question.key)] = optionalChoice(GRADES, { invalid: `Choose a grade from 1 to 4 for “${question.text}”` });
    spec[fieldNames.evidence(question.key)] = writing('Evidence');
  }
  for (const domain of framework.domains) {
    spec[fieldNames.professional(domain.key)] = writing('Your view');
    spec[fieldNames.parents(domain.key)] = writing('The parents’ view');
  }
  for (const circumstance of framework.circumstances) {
    spec[fieldNames.pressure(circumstance.key)] = optionalChoice(['yes', 'no'], {
      invalid: `Choose yes or no for ${circumstance.title.toLowerCase()}`,
    });
    spec[fieldNames.note(circumstance.key)] = writing('The note');
    spec[fieldNames.support(circumstance.key)] = writing('The support offered');
  }
  spec[fieldNames.childWords] = writing('The child’s own words');
  spec.action = choice(['save', 'complete'] as const, { required: 'Choose to save or to complete the assessment' });
  return defineForm(spec);
}

export type ParsedContent =
  { ok: true; content: AssessmentContent; complete: boolean; values: FormValues } | { ok: false; errors: FieldError[]; values: FormValues };

/**
 * Reads the page's form into what the service writes. Evidence typed for a question with no grade is kept as a
 * mistake to put right, never silently dropped.
 */
export function readContent(framework: Framework, body: unknown): ParsedContent {
  const form = contentForm(framework).parse(body);
  if (!form.ok) return form;
  const data = form.data as Record<string, string | null>;
  const content: AssessmentContent = { grades: {}, views: {}, circumstances: {}, childWords: data[fieldNames.childWords] ?? '' };
  const errors: FieldError[] = [];
  for (const question of questionsOf(framework)) {
    const grade = data[fieldNames.grade(question.key)];
    const evidence = data[fieldNames.evidence(question.key)] ?? '';
    if (grade) content.grades[question.key] = { grade: Number(grade), evidence };
    else if (evidence !== '')
      errors.push({ field: fieldNames.grade(question.key), text: `Choose a grade for “${question.text}”, or clear its evidence` });
  }
  for (const domain of framework.domains) {
    content.views[domain.key] = {
      professional: data[fieldNames.professional(domain.key)] ?? '',
      parents: data[fieldNames.parents(domain.key)] ?? '',
    };
  }
  for (const circumstance of framework.circumstances) {
    const pressure = data[fieldNames.pressure(circumstance.key)];
    const note = data[fieldNames.note(circumstance.key)] ?? '';
    const supportOffered = data[fieldNames.support(circumstance.key)] ?? '';
    if (pressure) content.circumstances[circumstance.key] = { pressure: pressure === 'yes', note, supportOffered };
    else if (note !== '' || supportOffered !== '') {
      errors.push({
        field: fieldNames.pressure(circumstance.key),
        text: `Say whether ${circumstance.title.toLowerCase()} is a pressure on the family`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors, values: form.values };
  return { ok: true, content, complete: data.action === 'complete', values: form.values };
}

/** What an assessment says, as the page's form values: for showing it, and for editing it again. */
export function valuesOf(framework: Framework, content: AssessmentContent): FormValues {
  const values: FormValues = { [fieldNames.childWords]: content.childWords };
  for (const question of questionsOf(framework)) {
    const entry = content.grades[question.key];
    values[fieldNames.grade(question.key)] = entry ? String(entry.grade) : '';
    values[fieldNames.evidence(question.key)] = entry?.evidence ?? '';
  }
  for (const domain of framework.domains) {
    values[fieldNames.professional(domain.key)] = content.views[domain.key]?.professional ?? '';
    values[fieldNames.parents(domain.key)] = content.views[domain.key]?.parents ?? '';
  }
  for (const circumstance of framework.circumstances) {
    const entry = content.circumstances[circumstance.key];
    values[fieldNames.pressure(circumstance.key)] = entry ? (entry.pressure ? 'yes' : 'no') : '';
    values[fieldNames.note(circumstance.key)] = entry?.note ?? '';
    values[fieldNames.support(circumstance.key)] = entry?.supportOffered ?? '';
  }
  return values;
}
