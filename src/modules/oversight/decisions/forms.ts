import { choice, defineForm, text } from '../../../platform/validation.js';

/** A management decision, parsed alike by the page and the API. */
export const decisionForm = defineForm({
  decision: text({ label: 'The decision', required: 'Enter the decision', maxLength: 2000 }),
  rationale: text({ label: 'The rationale', required: 'Enter why this is the right decision for the child', maxLength: 8000 }),
  needsApproval: choice(['yes', 'no'] as const, { required: 'Choose whether another manager must approve the decision' }),
});

/** A second manager's answer to a decision that waits for approval. */
export const approvalForm = defineForm({
  outcome: choice(['approved', 'not-approved'] as const, { required: 'Choose whether you approve the decision' }),
  note: text({ label: 'Your reasons', required: 'Enter your reasons', maxLength: 4000 }),
});
