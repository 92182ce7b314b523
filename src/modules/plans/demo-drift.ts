import type { Services } from '../../platform/services.js';
import type { PracticeChild } from '../../platform/practice/records.js';
import type { Viewer } from '../../platform/practice/viewer.js';
import { addDays, addMonths } from '../../platform/time.js';
import type { Plans } from './service.js';

type Must = (result: { ok: boolean }, what: string) => string;

/**
 * Plans that drift, so that the oversight module's drift alerts raise each of their plan rules on the demo caseload
 * (docs/plans.md, "Demo"): Maya's repeat plan for neglect, not reviewed in time; Ruby's new child protection plan
 * whose core group has not met; Noah's child in need plan whose actions moved at neither review; and Leo's early help
 * plan, open for more than 18 months.
 */
export async function seedDriftPlans(
  platform: Services,
  plans: Plans,
  viewer: Viewer,
  children: readonly PracticeChild[],
  today: string,
  must: Must,
): Promise<void> {
  const named = (givenName: string) => children.find((c) => c.givenName === givenName);
  const [maya, ruby, noah, leo] = [named('Maya'), named('Ruby'), named('Noah'), named('Leo')];
  if (maya) await repeatPlan(platform, plans, viewer, maya, today, must);
  if (ruby) await noCoreGroup(plans, viewer, ruby, today, must);
  if (noah) await stalledPlan(plans, viewer, noah, today, must);
  if (leo) await longEarlyHelp(plans, viewer, leo, today, must);
}

/**
 * Maya's two child protection plans for neglect, on the days her chronology (the cases demo) already tells of them:
 * one ended 26 months ago, and the one begun 6 months ago, whose first review, due 3 months after the conference, was
 * never held. Written straight into the table because the chronology already has their conferences, starts and end:
 * the service would write each of them twice. The core group goes through the service, as it writes no event.
 */
async function repeatPlan(platform: Services, plans: Plans, viewer: Viewer, child: PracticeChild, today: string, must: Must) {
  const author = { started_by: viewer.principal.id, started_by_label: viewer.actor.label };
  const earlierOn = addMonths(today, -38);
  await platform.db
    .insertInto('plans')
    .values({
      child_id: child.id,
      type: 'child-protection',
      category: 'NEG',
      started_on: earlierOn,
      initial_conference_on: earlierOn,
      next_review_on: null,
      ended_on: addMonths(today, -26),
      end_reason: 'The conference agreed the family no longer needed a child protection plan.',
      ended_by: viewer.principal.id,
      ...author,
    })
    .execute();
  const startedOn = addMonths(today, -6);
  const current = await platform.db
    .insertInto('plans')
    .values({
      child_id: child.id,
      type: 'child-protection',
      category: 'NEG',
      started_on: startedOn,
      initial_conference_on: startedOn,
      next_review_on: null,
      ...author,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  must(
    await plans.recordCoreGroup(viewer, child.id, current.id, {
      heldOn: addDays(startedOn, 7),
      note: 'First core group: the plan agreed again, as it was the last time.',
    }),
    'record Maya’s core group',
  );
  must(
    await plans.addOutcome(viewer, child.id, current.id, 'Maya has clean clothes and a packed lunch every school day.'),
    'add an outcome',
  );
}

/** Ruby's child protection plan, made three weeks ago after two home visits did not see her: no core group has met. */
async function noCoreGroup(plans: Plans, viewer: Viewer, child: PracticeChild, today: string, must: Must) {
  const startedOn = addDays(today, -21);
  const planId = must(
    await plans.start(viewer, child.id, {
      type: 'child-protection',
      category: 'EMO',
      startedOn,
      initialConferenceOn: startedOn,
      nextReviewOn: addDays(startedOn, 84),
    }),
    'start Ruby’s child protection plan',
  );
  must(await plans.addOutcome(viewer, child.id, planId, 'Ruby feels safe at home and knows whom to call.'), 'add an outcome');
}

/** Noah's child in need plan: the help promised to his family was not done at either review, so nothing moved twice. */
async function stalledPlan(plans: Plans, viewer: Viewer, child: PracticeChild, today: string, must: Must) {
  const startedOn = addDays(today, -110);
  const planId = must(
    await plans.start(viewer, child.id, {
      type: 'child-in-need',
      category: null,
      startedOn,
      initialConferenceOn: null,
      nextReviewOn: addDays(startedOn, 45),
    }),
    'start Noah’s child in need plan',
  );
  must(await plans.addOutcome(viewer, child.id, planId, 'The family keeps its home and has enough money for food.'), 'add an outcome');
  const actions = [];
  for (const action of [
    { action: 'Book a benefits check with welfare rights', owner: 'Social worker' },
    { action: 'Ask the housing team to hold off the eviction while the debts are sorted', owner: 'Social worker' },
  ]) {
    actions.push(
      must(
        await plans.addAction(viewer, child.id, planId, { ...action, ownerKind: 'professional', dueOn: addDays(startedOn, 21) }),
        'add an action',
      ),
    );
  }
  for (const [days, next] of [
    [45, 90],
    [90, 140],
  ] as const) {
    const progress = actions.map((actionId) => ({
      actionId,
      mark: 'not-done' as const,
      evidence: 'Not yet done: the worker was covering another team.',
    }));
    must(
      await plans.recordReview(viewer, child.id, planId, {
        heldOn: addDays(startedOn, days),
        nextReviewOn: addDays(startedOn, next),
        progress,
      }),
      'record a review of Noah’s plan',
    );
  }
}

/** Leo's early help plan for his health appointments, begun 19 months ago and never reviewed, stepped up or ended. */
async function longEarlyHelp(plans: Plans, viewer: Viewer, child: PracticeChild, today: string, must: Must) {
  const startedOn = addMonths(today, -19);
  const planId = must(
    await plans.start(viewer, child.id, {
      type: 'early-help',
      category: null,
      startedOn,
      initialConferenceOn: null,
      nextReviewOn: null,
    }),
    'start Leo’s early help plan',
  );
  must(await plans.addOutcome(viewer, child.id, planId, 'Leo goes to every health appointment.'), 'add an outcome');
}
