import { ROLES } from '../../../platform/roles.js';
import type { FieldError } from '../../../platform/validation.js';
import { accessTo } from '../permissions.js';
import type { BoardRules } from '../schema.js';

/** Boards that must stay restricted whatever an administrator asks: the board for approved professionals. */
export const ALWAYS_RESTRICTED: readonly string[] = ['research-and-practice'];

/**
 * Who a board's rules can name: anyone, people let in after a join request, and each role. Moderators and
 * administrators are left out because they may do everything on every board (`accessTo`).
 */
export const GRANTEES = ['visitor', 'approved', ...ROLES.filter((role) => role !== 'moderator' && role !== 'admin')] as const;
export type Grantee = (typeof GRANTEES)[number];

export const GRANTEE_NAMES: Record<Grantee, { name: string; hint: string }> = {
  visitor: { name: 'Anyone', hint: 'Reading needs no account. Replying and starting threads need someone to be signed in.' },
  approved: { name: 'Approved members', hint: 'People a moderator has let in after they asked to join' },
  member: { name: 'Members', hint: 'Anyone who has made an account' },
  adviser: { name: 'Advisers', hint: 'Advice line staff' },
  editor: { name: 'Editors', hint: 'Content staff' },
  practitioner: { name: 'Practitioners', hint: 'Social workers and partner agency workers' },
  manager: { name: 'Managers', hint: 'Team managers' },
  analyst: { name: 'Analysts', hint: 'Performance and safeguarding-partnership analysts' },
};

export const ACTIONS = ['read', 'reply', 'start'] as const;
export type RuleAction = (typeof ACTIONS)[number];

const ACTION_WORDS: Record<RuleAction, string> = { read: 'read', reply: 'reply', start: 'start threads' };

function names(grantees: readonly string[]): string {
  const words = grantees.map((g) => GRANTEE_NAMES[g as Grantee]?.name ?? g);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}

/**
 * Rules an administrator may not save, each as an error on the field to change. Who could read is asked of
 * `accessTo` itself, so this check and every page agree on what the rules mean.
 */
export function unsafeRules(board: { slug: string; restricted: boolean; rules: BoardRules }): FieldError[] {
  const { rules, restricted } = board;
  const errors: FieldError[] = [];
  if (!restricted && ALWAYS_RESTRICTED.includes(board.slug)) {
    errors.push({ field: 'restricted', text: 'This board is for approved professionals only, so it must stay restricted' });
  }
  if (restricted && accessTo({ rules }, null, false).read) {
    errors.push({
      field: 'read',
      text: 'A restricted board cannot be read by people who are not signed in. Untick Read for Anyone',
    });
  } else if (restricted && accessTo({ rules }, { roles: ['member'] }, false).read) {
    errors.push({
      field: 'read',
      text: 'Anyone can make a member account, so a restricted board cannot be read by all Members. Untick Read for Members and let people in as Approved members',
    });
  }
  if (!restricted && ACTIONS.some((action) => rules[action].includes('approved'))) {
    errors.push({
      field: ACTIONS.find((action) => rules[action].includes('approved'))!,
      text: 'Only a restricted board takes requests to join, so choose Approved members only on a restricted board',
    });
  }
  for (const action of ['reply', 'start'] as const) {
    const cannotRead = rules.read.includes('visitor') ? [] : rules[action].filter((g) => !rules.read.includes(g));
    if (cannotRead.length > 0) {
      errors.push({
        field: action,
        text: `Everyone who may ${ACTION_WORDS[action]} must be able to read the board. Tick Read for ${names(cannotRead)}, or untick them`,
      });
    }
  }
  return errors;
}

/** Each list in the order of the table, without repeats, so that the same rules always read the same. */
export function tidyRules(rules: BoardRules): BoardRules {
  const tidy = (list: readonly string[]) => GRANTEES.filter((g) => list.includes(g));
  return { read: tidy(rules.read), reply: tidy(rules.reply), start: tidy(rules.start) };
}

/** The rules a new board starts with, before an administrator changes them: open boards welcome members and advisers. */
export function startingRules(restricted: boolean): BoardRules {
  return restricted
    ? { read: ['approved'], reply: ['approved'], start: ['approved'] }
    : { read: ['visitor'], reply: ['member', 'adviser'], start: ['member', 'adviser'] };
}
