import { URGENT_HELP, type UrgentContact } from '../../platform/urgent-help.js';

/** The boards' own addition to the platform's urgent help: the advice line, only where Hearth has one. */
export function adviceLineContact(adviceLine: boolean): UrgentContact[] {
  return adviceLine
    ? [{ name: 'Our advice line', how: 'Talk to an adviser about what is happening with children’s services.', href: '/advice-line' }]
    : [];
}

/** Where to get help now, in the same words on the page and in the API. */
export function urgentHelp(adviceLine: boolean): UrgentContact[] {
  return [...URGENT_HELP, ...adviceLineContact(adviceLine)];
}
