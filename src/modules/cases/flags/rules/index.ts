import { type PatternRule } from '../history.js';
import { multiAgency } from './multi-agency.js';
import { notSeenAlone } from './not-seen-alone.js';
import { notSeen } from './not-seen.js';
import { reReferral } from './re-referral.js';
import { repeatProtectionPlan } from './repeat-protection-plan.js';
import { repeatedConcern } from './repeated-concern.js';
import { repeatedReopening } from './repeated-reopening.js';
import { risingSignificance } from './rising-significance.js';
import { siblingOnPlan } from './sibling-on-plan.js';
import { supportSuggested } from './support-suggested.js';

/** Every rule, in the order of FLAG_RULES, which is the order a child's flags are listed in. */
export const PATTERN_RULES: readonly PatternRule[] = [
  repeatedConcern,
  multiAgency,
  risingSignificance,
  reReferral,
  repeatProtectionPlan,
  siblingOnPlan,
  notSeen,
  notSeenAlone,
  repeatedReopening,
  supportSuggested,
];
