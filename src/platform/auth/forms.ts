import { defineForm, email, optionalChoice, secretText, text } from '../validation.js';
import { MAX_PASSWORD_LENGTH, passwordProblem } from './passwords.js';

/** A new password: the NCSC-style rules live in passwordProblem, so every form that sets a password uses this. */
function newPassword(required = 'Enter a password') {
  const base = secretText({ required, maxLength: MAX_PASSWORD_LENGTH, label: 'Password' });
  return {
    ...base,
    parse(raw: unknown) {
      const parsed = base.parse(raw);
      if ('error' in parsed) return parsed;
      const problem = passwordProblem(parsed.value);
      return problem ? { error: problem } : parsed;
    },
  };
}

export const registerForm = defineForm({
  email: email(),
  password: newPassword(),
});

export const signInForm = defineForm({
  email: email(),
  password: secretText({ required: 'Enter your password', label: 'Password' }),
});

export const twoFactorForm = defineForm({
  code: secretText({ required: 'Enter the 6-digit code from your authenticator app', maxLength: 40, label: 'Code' }),
});

export const resetRequestForm = defineForm({ email: email() });

export const newPasswordForm = defineForm({ password: newPassword('Enter a new password') });

export const changePasswordForm = defineForm({
  currentPassword: secretText({ required: 'Enter your current password', label: 'Current password' }),
  password: newPassword('Enter a new password'),
});

export const TOKEN_LIFETIMES = ['7', '30', '90', 'never'] as const;

export const tokenForm = defineForm({
  name: text({ required: 'Enter a name for the token, so that you can tell it apart later', maxLength: 80, label: 'Name' }),
  /** Left out, a token works for 90 days. */
  expiresInDays: optionalChoice(TOKEN_LIFETIMES, { invalid: 'Choose how long the token should work' }),
});

export const turnOffTwoFactorForm = defineForm({
  password: secretText({ required: 'Enter your password', label: 'Password' }),
});
