import type { OutgoingMail } from '../mail.js';

const signature = '\n\nHearth\nThis is an automatic message. Replies to it are not read.';

export function confirmEmailMessage(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Confirm your email address for Hearth',
    text: `You asked to create a Hearth account with this email address.\n\nTo finish, open this link and press the button on the page:\n${link}\n\nThe link works for 3 days. If you did not ask for an account, you can ignore this email.${signature}`,
  };
}

export function alreadyRegisteredMessage(to: string, signInLink: string, resetLink: string): OutgoingMail {
  return {
    to,
    subject: 'You already have a Hearth account',
    text: `Someone tried to create a Hearth account with this email address, but you already have one.\n\nSign in: ${signInLink}\nIf you have forgotten your password, reset it: ${resetLink}\n\nIf this was not you, you do not need to do anything.${signature}`,
  };
}

export function resetPasswordMessage(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Reset your Hearth password',
    text: `You asked to reset your Hearth password.\n\nOpen this link to choose a new one:\n${link}\n\nThe link works for 1 hour and only once. If you did not ask for this, you can ignore this email: your password has not changed.${signature}`,
  };
}

export function passwordChangedMessage(to: string): OutgoingMail {
  return {
    to,
    subject: 'Your Hearth password has been changed',
    text: `The password for your Hearth account was just changed, and you have been signed out everywhere else.\n\nIf you did not do this, reset your password straight away and tell us.${signature}`,
  };
}

export function invitationMessage(to: string, inviter: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'You have been invited to Hearth',
    text: `${inviter} has invited you to use Hearth.\n\nOpen this link to choose a password and set up two-factor sign-in:\n${link}\n\nThe link works for 7 days.${signature}`,
  };
}
