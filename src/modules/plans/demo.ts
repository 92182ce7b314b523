import type { Services } from '../../platform/services.js';
import type { PracticeChild } from '../../platform/practice/records.js';
import type { Viewer } from '../../platform/practice/viewer.js';
import { personActor } from '../../platform/audit.js';
import { addDays, londonDay } from '../../platform/time.js';
import type { Mark } from './schema.js';
import { seedDriftPlans } from './demo-drift.js';
import type { Plans } from './service.js';

/** The demo is written through the services; a refusal there is a fault in the demo, so it stops the seeding. */
const must = (result: { ok: boolean }, what: string): string => {
  if (!result.ok) throw new Error(`The plans demo could not ${what}: ${JSON.stringify(result)}`);
  return 'id' in result && typeof result.id === 'string' ? result.id : '';
};

/**
 * Plans for the demo practitioner's children, written through the services so that each has its chronology events: a
 * child protection plan whose two reviews show partial compliance, a child in need plan whose review is overdue (work
 * for the /staff queue), an early help plan with an action the family owns, and the plans that drift (demo-drift.ts).
 */
export async function seedPlansDemo(platform: Services, plans: Plans): Promise<void> {
  const user = await platform.db
    .selectFrom('users')
    .select(['id', 'email', 'organisation_id', 'team_id'])
    .where('email', '=', 'practitioner@example.org')
    .executeTakeFirst();
  const records = plans.records();
  if (!records || !user?.organisation_id || !user.team_id) return;
  const principal = {
    id: user.id,
    email: user.email,
    roles: ['practitioner' as const],
    organisationId: user.organisation_id,
    teamId: user.team_id,
  };
  const viewer: Viewer = { principal, sessionHash: null, actor: personActor(principal, null) };
  const children = (await records.heldChildren(viewer)).children.filter((c) => c.workerId === user.id);
  // One child of each family, so that each plan tells its own family's story.
  const firstOfFamily = children.filter((c, i) => children.findIndex((o) => o.familyId === c.familyId) === i);
  const [protection, inNeed, earlyHelp] = firstOfFamily.length >= 3 ? firstOfFamily : children;
  const today = londonDay(new Date());
  if (protection) await protectionPlan(plans, viewer, protection, today);
  if (inNeed) await inNeedPlan(plans, viewer, inNeed, today);
  if (earlyHelp) await earlyHelpPlan(plans, viewer, earlyHelp, today);
  await seedDriftPlans(platform, plans, viewer, children, today, must);
}

async function protectionPlan(plans: Plans, viewer: Viewer, child: PracticeChild, today: string) {
  const startedOn = addDays(today, -150);
  const planId = must(
    await plans.start(viewer, child.id, {
      type: 'child-protection',
      category: 'NEG',
      startedOn,
      initialConferenceOn: startedOn,
      nextReviewOn: addDays(startedOn, 90),
    }),
    'start the child protection plan',
  );
  const name = child.givenName;
  for (const outcome of [
    `${name} has enough to eat every day, and a clean, warm bed.`,
    `${name} goes to school every day and gets there on time.`,
    `${name} sees the dentist and the doctor when they should.`,
  ]) {
    must(await plans.addOutcome(viewer, child.id, planId, outcome), 'add an outcome');
  }
  const actions = [
    {
      action: `Take ${name} to the dentist and keep the next check-up`,
      ownerKind: 'family-member',
      owner: 'Mum',
      dueOn: addDays(startedOn, 30),
    },
    {
      action: `Walk ${name} to school by 8.50am every school day`,
      ownerKind: 'family-member',
      owner: 'Dad',
      dueOn: addDays(startedOn, 14),
    },
    {
      action: 'Help the family apply for the council’s household support fund',
      ownerKind: 'professional',
      owner: 'Social worker',
      dueOn: addDays(startedOn, 21),
    },
    {
      action: `Visit every two weeks and see ${name} on their own`,
      ownerKind: 'professional',
      owner: 'Social worker',
      dueOn: addDays(startedOn, 14),
    },
  ] as const;
  const ids = [];
  for (const action of actions) ids.push(must(await plans.addAction(viewer, child.id, planId, { ...action }), 'add an action'));
  for (const [days, note] of [
    [10, 'First core group: everyone agreed the plan and who does what.'],
    [50, 'Dad has walked the children to school most days; the dentist appointment was missed.'],
    [110, 'The dentist appointment was booked again and missed again. The support fund paid for beds.'],
  ] as const) {
    must(await plans.recordCoreGroup(viewer, child.id, planId, { heldOn: addDays(startedOn, days), note }), 'record a core group');
  }
  // Partial compliance: the same action partly done twice, one not done at both reviews, one done then slipping back.
  const reviews: [number, Mark[], string[]][] = [
    [
      90,
      ['partly', 'done', 'done', 'not-done'],
      [
        'An appointment was booked, then cancelled the day before.',
        'The school says attendance is up to 96% this term.',
        'The application was made and paid for two beds.',
        'Two visits of six took place; the worker was off sick.',
      ],
    ],
    [
      140,
      ['partly', 'partly', 'done', 'not-done'],
      [
        'Booked again; the family arrived after the appointment time.',
        'Late on 9 days out of 30, school says.',
        'Beds delivered; the family has them.',
        'Three visits of six; the child was seen alone once.',
      ],
    ],
  ];
  for (const [days, marks, evidence] of reviews) {
    const heldOn = addDays(startedOn, days);
    const next = days === 140 ? addDays(heldOn, 180) : addDays(startedOn, 140);
    const progress = ids.map((actionId, i) => ({ actionId, mark: marks[i]!, evidence: evidence[i]! }));
    must(await plans.recordReview(viewer, child.id, planId, { heldOn, nextReviewOn: next, progress }), 'record a review');
  }
}

async function inNeedPlan(plans: Plans, viewer: Viewer, child: PracticeChild, today: string) {
  const startedOn = addDays(today, -100);
  // The first review was booked for three days ago and has not been recorded: work waiting in the /staff queue.
  const planId = must(
    await plans.start(viewer, child.id, {
      type: 'child-in-need',
      category: null,
      startedOn,
      initialConferenceOn: null,
      nextReviewOn: addDays(today, -3),
    }),
    'start the child in need plan',
  );
  must(await plans.addOutcome(viewer, child.id, planId, `${child.givenName} lives in a home that is warm and dry.`), 'add an outcome');
  must(
    await plans.addAction(viewer, child.id, planId, {
      action: 'Ask the housing officer to fix the damp in the bedroom',
      ownerKind: 'professional',
      owner: 'Social worker',
      dueOn: addDays(startedOn, 28),
    }),
    'add an action',
  );
}

async function earlyHelpPlan(plans: Plans, viewer: Viewer, child: PracticeChild, today: string) {
  const startedOn = addDays(today, -30);
  const planId = must(
    await plans.start(viewer, child.id, {
      type: 'early-help',
      category: null,
      startedOn,
      initialConferenceOn: null,
      nextReviewOn: addDays(today, 5),
    }),
    'start the early help plan',
  );
  must(await plans.addOutcome(viewer, child.id, planId, `${child.givenName} has a bedtime routine and sleeps well.`), 'add an outcome');
  must(
    await plans.addAction(viewer, child.id, planId, {
      action: `Read with ${child.givenName} at bedtime, and note the nights you did`,
      ownerKind: 'family-member',
      owner: 'Grandma (kinship carer)',
      dueOn: addDays(today, 14),
    }),
    'add an action',
  );
  must(
    await plans.addAction(viewer, child.id, planId, {
      action: 'Find a place at the Saturday family group at Fictonby Community Centre',
      ownerKind: 'professional',
      owner: 'Family support worker',
      dueOn: addDays(today, 7),
    }),
    'add an action',
  );
}
