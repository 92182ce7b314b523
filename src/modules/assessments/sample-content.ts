import { questionsOf, type Framework } from './framework/format.js';
import type { AssessmentContent } from './queries.js';

/** A whole assessment's content, for tests and the demo: every question graded `grade` with evidence, every circumstance answered. */
export function completeContent(framework: Framework, grade = 2, changes: Partial<AssessmentContent> = {}): AssessmentContent {
  return {
    grades: Object.fromEntries(questionsOf(framework).map((q) => [q.key, { grade, evidence: `Seen on a home visit: ${q.key}.` }])),
    views: Object.fromEntries(
      framework.domains.map((d) => [d.key, { professional: 'Needs mostly met.', parents: 'We are doing our best.' }]),
    ),
    circumstances: Object.fromEntries(framework.circumstances.map((c) => [c.key, { pressure: false, note: '', supportOffered: '' }])),
    childWords: 'I like it when Mum walks me to school.',
    ...changes,
  };
}
