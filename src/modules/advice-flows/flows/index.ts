import type { FlowDefinition } from '../engine/flow-types.js';
import { challengeADecisionFlow } from './challenge-a-decision.js';
import { childProtectionConferenceFlow } from './child-protection-conference.js';
import { childrenServicesContactFlow } from './children-services-contact.js';
import { kinshipCareSupportFlow } from './kinship-care-support.js';

/** The flows Hearth ships with, in the order the list of guided advice shows them. */
export const BUILT_IN_FLOWS: readonly FlowDefinition[] = [
  childrenServicesContactFlow,
  childProtectionConferenceFlow,
  kinshipCareSupportFlow,
  challengeADecisionFlow,
];
