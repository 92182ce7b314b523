import type { FieldError } from '../../../platform/validation.js';
import { questionsOf, type Framework } from '../framework/format.js';
import type { AssessmentContent } from '../queries.js';

/** The names of an assessment's fields, on the page and in the API's errors alike. */
export const fieldNames = {
  grade: (question: string) => `grade-${question}`,
  evidence: (question: string) => `evidence-${question}`,
  professional: (domain: string) => `professional-${domain}`,
  parents: (domain: string) => `parents-${domain}`,
  pressure: (circumstance: string) => `pressure-${circumstance}`,
  note: (circumstance: string) => `note-${circumstance}`,
  support: (circumstance: string) => `support-${circumstance}`,
  childWords: 'childWords',
};

export const MAX_WRITING = 5000;

const tooLong = (field: string, label: string, value: string): FieldError[] =>
  [...value].length > MAX_WRITING ? [{ field, text: `${label} must be ${MAX_WRITING} characters or fewer` }] : [];

/**
 * What must be true of an assessment's content: every grade has its evidence, only the child's needs are graded (the
 * family's circumstances never are), and a pressure on the family has the support offered for it. Completing it asks
 * for more: every question graded, every circumstance answered, and the child's own words.
 */
export function contentProblems(framework: Framework, content: AssessmentContent, completing: boolean): FieldError[] {
  const problems: FieldError[] = [];
  const questions = questionsOf(framework);
  const questionKeys = new Set(questions.map((q) => q.key));
  const circumstanceKeys = new Set(framework.circumstances.map((c) => c.key));
  const domainKeys = new Set(framework.domains.map((d) => d.key));

  for (const key of Object.keys(content.grades)) {
    if (circumstanceKeys.has(key)) {
      problems.push({
        field: fieldNames.grade(key),
        text: 'The family’s circumstances are never graded: record them as a pressure and the support offered',
      });
    } else if (!questionKeys.has(key))
      problems.push({ field: fieldNames.grade(key), text: `There is no question "${key}" in this assessment` });
  }
  for (const question of questions) {
    const entry = content.grades[question.key];
    if (!entry) {
      if (completing) problems.push({ field: fieldNames.grade(question.key), text: `Choose a grade for “${question.text}”` });
      continue;
    }
    if (!Number.isInteger(entry.grade) || entry.grade < 1 || entry.grade > 4) {
      problems.push({ field: fieldNames.grade(question.key), text: `Choose a grade from 1 to 4 for “${question.text}”` });
    }
    if (entry.evidence.trim() === '') {
      problems.push({ field: fieldNames.evidence(question.key), text: `Enter the evidence for the grade you gave “${question.text}”` });
    }
    problems.push(...tooLong(fieldNames.evidence(question.key), 'Evidence', entry.evidence));
  }

  for (const key of Object.keys(content.views)) {
    if (!domainKeys.has(key))
      problems.push({ field: fieldNames.professional(key), text: `There is no domain "${key}" in this assessment` });
  }
  for (const domain of framework.domains) {
    const view = content.views[domain.key];
    if (!view) continue;
    problems.push(...tooLong(fieldNames.professional(domain.key), 'Your view', view.professional));
    problems.push(...tooLong(fieldNames.parents(domain.key), 'The parents’ view', view.parents));
  }

  for (const key of Object.keys(content.circumstances)) {
    if (!circumstanceKeys.has(key))
      problems.push({ field: fieldNames.pressure(key), text: `There is no circumstance "${key}" in this assessment` });
  }
  for (const circumstance of framework.circumstances) {
    const entry = content.circumstances[circumstance.key];
    if (!entry) {
      if (completing)
        problems.push({
          field: fieldNames.pressure(circumstance.key),
          text: `Say whether ${circumstance.title.toLowerCase()} is a pressure on the family`,
        });
      continue;
    }
    if (entry.pressure && entry.supportOffered.trim() === '') {
      problems.push({
        field: fieldNames.support(circumstance.key),
        text: `Enter the support offered for ${circumstance.title.toLowerCase()}`,
      });
    }
    problems.push(...tooLong(fieldNames.note(circumstance.key), 'The note', entry.note));
    problems.push(...tooLong(fieldNames.support(circumstance.key), 'The support offered', entry.supportOffered));
  }

  if (completing && content.childWords.trim() === '') {
    problems.push({ field: fieldNames.childWords, text: 'Enter the child’s own words before you complete the assessment' });
  }
  problems.push(...tooLong(fieldNames.childWords, 'The child’s own words', content.childWords));
  return problems;
}
