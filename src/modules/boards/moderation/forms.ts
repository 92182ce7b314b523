import { choice, defineForm, text, wholeNumber, type FieldError } from '../../../platform/validation.js';
import { BODY_MAX } from '../posting/gates.js';

/**
 * What moderators and members send when they act on a post, a thread or a member: one definition each, used by the
 * pages and by the API, so a reason is checked and worded the same way wherever it comes from.
 */

const REASON_MAX = 1000;

const reason = (required?: string) => text({ label: 'The reason', maxLength: REASON_MAX, ...(required ? { required } : {}) });

export const reportForm = defineForm({ reason: reason('Tell us what is wrong with this post') });

export const rejectForm = defineForm({ reason: reason('Tell the author why their post is not going up') });

export const redactForm = defineForm({
  body: text({
    label: 'The post',
    maxLength: BODY_MAX,
    required: 'Enter what the post should say. To take the whole post down, reject it instead',
  }),
  reason: reason('Enter why you removed it, for the audit log'),
});

/** A redaction must remove something: the same words again would only add a misleading "part removed" notice. */
export function redactionUnchanged(newBody: string, original: string): FieldError[] {
  return newBody === original.trim() ? [{ field: 'body', text: 'Remove the part of the post that should not be seen' }] : [];
}

export const suspendForm = defineForm({
  days: wholeNumber({ label: 'The number of days', min: 1, max: 365, required: 'Enter a number of days from 1 to 365' }),
  reason: reason('Tell the member why their posting is paused'),
});

export const moveForm = defineForm({
  board: text({ label: 'The board', maxLength: 100, required: 'Choose the board to move the thread to' }),
});

export const reportDecisionForm = defineForm({
  outcome: choice(['no-action', 'post-removed'] as const, { required: 'Choose whether to take the post down or leave it up' }),
  reason: reason(),
});

export const joinDecisionForm = defineForm({
  decision: choice(['approve', 'refuse'] as const, { required: 'Choose whether to let them in or refuse' }),
  reason: reason(),
});

/** What a closed report records when the moderator gives no reason of their own. */
export function reportReason(outcome: 'no-action' | 'post-removed', given: string): string {
  return given || (outcome === 'no-action' ? 'Read and left up' : 'It breaks the boards’ rules');
}
