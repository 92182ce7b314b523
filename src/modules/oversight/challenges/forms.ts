import { defineForm, text } from '../../../platform/validation.js';

/** What a challenge is about: `plan` (the child's plan) or the id of one of the child's decisions. */
export const challengeForm = defineForm({
  about: text({ label: 'What you are challenging', required: 'Choose what you are challenging', maxLength: 36 }),
  concern: text({ label: 'Your challenge', required: 'Enter what you disagree with and why', maxLength: 4000 }),
});

export const answerForm = defineForm({
  answer: text({ label: 'Your answer', required: 'Enter your answer to the challenge', maxLength: 4000 }),
});

/** Taking an answered challenge to the next level: why the answer does not settle it. */
export const escalationForm = defineForm({
  concern: text({ label: 'Why the answer does not settle it', required: 'Enter why the answer does not settle it', maxLength: 4000 }),
});
