import { addDays } from '../../../platform/time.js';
import { type EventKind, type PlanType, type Significance } from '../chronology/event-kinds.js';
import {
  type AssessmentFactorCode,
  type CategoryOfAbuse,
  type ClosureReasonCode,
  type PrimaryNeedCode,
  type ReferralSourceCode,
  agencyOfSource,
} from './census-codes.js';
import { type Random } from './random.js';
import { SUMMARIES, usualAgency } from './summaries.js';
import { SYNTHETIC_RECORDER, type Relationship, type SyntheticEvent, type SyntheticFamily } from './types.js';

export interface EventOptions {
  childIds?: string[];
  agency?: string;
  significance?: Significance;
  planType?: PlanType;
  summary?: string;
}

export interface EpisodeOptions {
  childIds?: string[];
  referralOn: string;
  source: ReferralSourceCode;
  primaryNeed: PrimaryNeedCode;
  significance?: Significance;
  assessment?: { startedOn: string; authorisedOn: string; factors: AssessmentFactorCode[] };
  /** The strategy discussion that opens a section 47 enquiry. */
  section47On?: string;
  conferenceOn?: string;
  plan?: { type: PlanType; startedOn: string; endedOn?: string; categoryOfAbuse?: CategoryOfAbuse };
  closedOn?: string;
  closureReason?: ClosureReasonCode;
}

/**
 * Builds one synthetic family, its episodes and the chronology events they imply, so that the demo's hand-written
 * stories and the generator's random ones come out in the same shape. Nothing is dated after today: a day still to
 * come is simply left out (an episode still open has no closure yet).
 */
export class FamilyBuilder {
  readonly family: SyntheticFamily;

  constructor(
    private readonly random: Random,
    private readonly today: string,
    familyName: string,
    story: string | null = null,
  ) {
    this.family = { id: random.uuid(), familyName, story, children: [], adults: [], households: [], episodes: [], events: [] };
  }

  get childIds(): string[] {
    return this.family.children.map((child) => child.id);
  }

  child(givenName: string, dateOfBirth: string): string {
    const id = this.random.uuid();
    this.family.children.push({ id, givenName, familyName: this.family.familyName, dateOfBirth });
    return id;
  }

  adult(givenName: string, dateOfBirth: string, relationship: Relationship, parentalResponsibility: boolean, familyName?: string): string {
    const id = this.random.uuid();
    this.family.adults.push({
      id,
      givenName,
      familyName: familyName ?? this.family.familyName,
      dateOfBirth,
      relationship,
      parentalResponsibility,
    });
    return id;
  }

  household(address: string, from: string, to: string | null = null, memberIds?: string[]): void {
    const everyone = [...this.family.adults.map((adult) => adult.id), ...this.childIds];
    this.family.households.push({ id: this.random.uuid(), address, from, to, memberIds: memberIds ?? everyone });
  }

  event(kind: EventKind, occurredOn: string, options: EventOptions = {}): SyntheticEvent | null {
    if (occurredOn > this.today) return null;
    const recordedOn = addDays(occurredOn, this.random.int(0, 2));
    const event: SyntheticEvent = {
      id: this.random.uuid(),
      kind,
      occurredOn,
      agency: options.agency ?? usualAgency(kind),
      significance: options.significance ?? 'medium',
      planType: options.planType ?? null,
      childIds: options.childIds ?? this.childIds,
      summary: options.summary ?? this.random.pick(SUMMARIES[kind]),
      recordedBy: SYNTHETIC_RECORDER,
      recordedOn: recordedOn > this.today ? this.today : recordedOn,
    };
    this.family.events.push(event);
    return event;
  }

  /** An episode for each child it names, and its referral, strategy discussion, conference, plan and closure. */
  episode(options: EpisodeOptions): void {
    const childIds = options.childIds ?? this.childIds;
    const known = (day: string | undefined) => (day !== undefined && day <= this.today ? day : null);
    const { plan, assessment } = options;
    const planStarted = plan ? known(plan.startedOn) : null;
    for (const childId of childIds) {
      this.family.episodes.push({
        id: this.random.uuid(),
        childId,
        referralOn: options.referralOn,
        referralSource: options.source,
        primaryNeed: options.primaryNeed,
        assessment:
          assessment && known(assessment.startedOn)
            ? { startedOn: assessment.startedOn, authorisedOn: known(assessment.authorisedOn), factors: assessment.factors }
            : null,
        section47On: known(options.section47On),
        plan:
          plan && planStarted
            ? { type: plan.type, startedOn: planStarted, endedOn: known(plan.endedOn), categoryOfAbuse: plan.categoryOfAbuse ?? null }
            : null,
        closedOn: known(options.closedOn),
        closureReason: known(options.closedOn) ? (options.closureReason ?? 'RC7') : null,
      });
    }
    const on = { childIds };
    this.event('referral', options.referralOn, { ...on, agency: agencyOfSource(options.source), significance: options.significance });
    if (options.section47On) this.event('strategy-discussion', options.section47On, { ...on, significance: 'high' });
    if (options.conferenceOn) this.event('child-protection-conference', options.conferenceOn, { ...on, significance: 'high' });
    if (plan) {
      this.event('plan-start', plan.startedOn, { ...on, planType: plan.type });
      if (plan.endedOn) this.event('plan-end', plan.endedOn, { ...on, planType: plan.type, significance: 'low' });
    }
    if (options.closedOn) this.event('case-closed', options.closedOn, { ...on, significance: 'low' });
  }
}
