import { personActor } from '../../platform/audit.js';
import type { Role } from '../../platform/roles.js';
import type { Viewer } from '../../platform/practice/viewer.js';
import type { Services } from '../../platform/services.js';
import { addDays, londonDay } from '../../platform/time.js';
import { DEFAULT_FRAMEWORK } from './framework/default-framework.js';
import type { AssessmentContent } from './queries.js';
import type { Assessments } from './service.js';
import { completeContent } from './sample-content.js';

async function demoViewer(platform: Services, email: string): Promise<Viewer | null> {
  const user = await platform.db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id', 'team_id'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!user) return null;
  const roles = await platform.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
  const principal = {
    id: user.id,
    email: user.email,
    roles: roles.map((r) => r.role as Role),
    organisationId: user.organisation_id,
    teamId: user.team_id,
  };
  return { principal, sessionHash: null, actor: personActor(principal, null) };
}

/** An assessment's content with some domains graded differently and some pressures on the family, each with its support. */
function content(grades: Record<string, number>, pressures: Record<string, string>, childWords: string): AssessmentContent {
  const base = completeContent(DEFAULT_FRAMEWORK, 2, { childWords });
  for (const domain of DEFAULT_FRAMEWORK.domains) {
    const grade = grades[domain.key];
    if (grade)
      for (const q of domain.questions)
        base.grades[q.key] = { grade, evidence: `Seen and discussed on home visits: ${q.text.toLowerCase()}` };
  }
  for (const [key, note] of Object.entries(pressures)) {
    const circumstance = DEFAULT_FRAMEWORK.circumstances.find((c) => c.key === key)!;
    base.circumstances[key] = { pressure: true, note, supportOffered: circumstance.supportSuggestion };
  }
  return base;
}

/**
 * The demo caseload's assessments (practitioner@example.org's children, from the cases module's demo): a child assessed
 * twice, whose re-assessment shows change; one waiting for manager@example.org to authorise it; one in progress; and
 * pressures on the families that led to support being offered, never to a grade; and Noah's, in progress far too long.
 */
export async function seedAssessmentsDemo(platform: Services, services: Assessments): Promise<void> {
  const worker = await demoViewer(platform, 'practitioner@example.org');
  const manager = await demoViewer(platform, 'manager@example.org');
  const records = services.records();
  if (!worker || !manager || !records) return;
  const children = (await records.heldChildren(worker)).children.filter((c) => c.workerId === worker.principal.id);
  if (children.length < 4) return;
  const [changing, waiting, inProgress, once] = children as [
    (typeof children)[0],
    (typeof children)[0],
    (typeof children)[0],
    (typeof children)[0],
  ];
  const today = londonDay(new Date());
  const { recording } = services;

  /** Writes a whole assessment and has it authorised on a day of its own, as if it had been done then. */
  async function authorisedBefore(child: string, startedDaysAgo: number, written: AssessmentContent) {
    const started = await recording.start(worker!, child, addDays(today, -startedDaysAgo));
    if (!started.ok) return;
    await recording.save(worker!, child, started.id, written, true);
    const completedOn = addDays(today, -startedDaysAgo + 30);
    await platform.db
      .updateTable('assessments')
      .set({
        completed_on: completedOn,
        completed_at: new Date(`${completedOn}T15:00:00Z`),
        state: 'authorised',
        authorised_on: addDays(completedOn, 3),
        authorised_by_id: manager!.principal.id,
        authorised_by_label: manager!.actor.label,
      })
      .where('id', '=', started.id)
      .execute();
  }

  await authorisedBefore(
    changing.id,
    220,
    content(
      { 'physical-care': 3, health: 4, 'emotional-care': 3, 'education-and-stimulation': 3 },
      {
        'income-and-debt': 'Universal Credit stopped for six weeks after a sanction; rent arrears building.',
        'food-and-fuel': 'Prepayment meter often empty in the evenings.',
      },
      'I get cold at night. I like it when we have pancakes.',
    ),
  );
  await authorisedBefore(
    changing.id,
    60,
    content(
      { 'physical-care': 2, health: 2, 'emotional-care': 2, 'education-and-stimulation': 1 },
      { housing: 'Landlord has given notice; the family is on the council’s list.' },
      'School is good now. My teacher says my reading is better.',
    ),
  );
  await authorisedBefore(
    once.id,
    150,
    content(
      { 'safety-and-supervision': 3 },
      { 'support-network': 'No family nearby since the move.' },
      'I play with my cousin on the phone.',
    ),
  );

  const awaiting = await recording.start(worker, waiting.id, addDays(today, -25));
  if (awaiting.ok) {
    await recording.save(
      worker,
      waiting.id,
      awaiting.id,
      content(
        { health: 3 },
        { housing: 'Damp in the children’s bedroom; landlord not answering.', 'access-to-services': 'The clinic is two buses away.' },
        'My chest hurts when I run.',
      ),
      true,
    );
  }
  const drafting = await recording.start(worker, inProgress.id, addDays(today, -6));
  if (drafting.ok) {
    const partial = content({}, {}, '');
    partial.grades = { 'food-and-drink': { grade: 2, evidence: 'Breakfast seen on the morning visit.' } };
    partial.circumstances = {
      'income-and-debt': {
        pressure: true,
        note: 'Waiting for a Child Benefit claim.',
        supportOffered: 'Benefits check booked with welfare rights.',
      },
    };
    await recording.save(worker, inProgress.id, drafting.id, partial, false);
  }
  // Noah's assessment, begun 90 days ago (more than 45 working days) and still a draft: the drift alerts' assessment-overdue.
  const noah = children.find((c) => c.givenName === 'Noah');
  const overdue = noah && (await recording.start(worker, noah.id, addDays(today, -90)));
  if (noah && overdue?.ok) {
    const started = content({}, { 'income-and-debt': 'Rent arrears since the benefit sanction; an eviction notice.' }, 'I like the park.');
    started.grades = {};
    await recording.save(worker, noah.id, overdue.id, started, false);
  }
}
