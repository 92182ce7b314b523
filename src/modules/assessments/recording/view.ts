import { hasRole } from '../../../platform/access.js';
import type { PracticeChild } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { firstText } from '../../../platform/schemas.js';
import type { FormValues } from '../../../platform/validation.js';
import { GRADES, type SupportKind } from '../framework/format.js';
import { GRADE_WORDS } from '../history/change.js';
import type { Assessment } from '../queries.js';
import { datesOf, STATE_LABELS, STATE_TAGS } from '../route-helpers.js';
import { fieldNames } from './rules.js';

export const SUPPORT_LABELS: Record<SupportKind, string> = {
  'welfare-rights': 'Welfare rights and debt advice',
  housing: 'Housing',
  'food-and-fuel': 'Food and fuel',
  'support-network': 'Family and community support',
  'access-to-services': 'Access to services',
};

/**
 * What the assessment page and the decision page show: the framework's domains and circumstances, each with what was
 * written (`values`: the stored assessment, or what was just typed when it comes back with errors), and the support
 * offered for each pressure on the family.
 */
export function assessmentView(child: PracticeChild, assessment: Assessment, values: FormValues, viewer: Viewer) {
  const value = (name: string) => firstText(values[name]);
  const { principal } = viewer;
  const domains = assessment.framework.domains.map((domain) => ({
    ...domain,
    professional: { name: fieldNames.professional(domain.key), value: value(fieldNames.professional(domain.key)) },
    parents: { name: fieldNames.parents(domain.key), value: value(fieldNames.parents(domain.key)) },
    questions: domain.questions.map((question) => {
      const grade = value(fieldNames.grade(question.key));
      return {
        ...question,
        gradeName: fieldNames.grade(question.key),
        evidenceName: fieldNames.evidence(question.key),
        evidence: value(fieldNames.evidence(question.key)),
        grade,
        gradeText: GRADES.includes(grade as never)
          ? `${grade} – ${GRADE_WORDS[Number(grade) - 1]}: ${question.grades[grade as '1']}`
          : null,
        items: GRADES.map((g, i) => ({
          value: g,
          text: `${g} – ${GRADE_WORDS[i]}`,
          hint: { text: question.grades[g] },
          checked: grade === g,
        })),
      };
    }),
  }));
  const circumstances = assessment.framework.circumstances.map((c) => {
    const pressure = value(fieldNames.pressure(c.key));
    return {
      ...c,
      supportLabel: SUPPORT_LABELS[c.support] ?? c.support,
      pressureName: fieldNames.pressure(c.key),
      noteName: fieldNames.note(c.key),
      supportName: fieldNames.support(c.key),
      pressure,
      note: value(fieldNames.note(c.key)),
      supportOffered: value(fieldNames.support(c.key)),
      items: [
        { value: 'yes', text: 'Yes', checked: pressure === 'yes' },
        { value: 'no', text: 'No', checked: pressure === 'no' },
      ],
    };
  });
  return {
    child,
    assessment: {
      ...assessment,
      ...datesOf(assessment),
      stateLabel: STATE_LABELS[assessment.state],
      stateTag: STATE_TAGS[assessment.state],
    },
    editable: assessment.state === 'in-progress',
    canDecide:
      assessment.state === 'completed' &&
      hasRole(principal, 'manager') &&
      principal.teamId === child.teamId &&
      !assessment.authorIds.includes(principal.id),
    domains,
    circumstances,
    supportOffered: circumstances.filter((c) => c.pressure === 'yes'),
    childWords: { name: fieldNames.childWords, value: value(fieldNames.childWords) },
    values,
  };
}
