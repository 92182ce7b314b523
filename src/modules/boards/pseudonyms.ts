/** Names nobody may post under, because readers would take them for the charity speaking or for a deleted account. */
const RESERVED = ['former member', 'moderator', 'adviser', 'admin', 'administrator', 'hearth', 'staff'];
const SHAPE = /^[\p{L}\p{N}][\p{L}\p{N} '’._-]*$/u;
export const PSEUDONYM_MIN = 3;
export const PSEUDONYM_MAX = 30;

const squash = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Why a pseudonym cannot be used, or null. It must not give away who someone is: never their email address or the
 * part before the @, which is often their real name.
 */
export function pseudonymProblem(raw: string, email: string): string | null {
  const name = raw.trim();
  if (!name) return 'Enter a pseudonym, the name other people will see on your posts';
  if ([...name].length < PSEUDONYM_MIN || [...name].length > PSEUDONYM_MAX) {
    return `Pseudonym must be between ${PSEUDONYM_MIN} and ${PSEUDONYM_MAX} characters`;
  }
  if (name.includes('@')) return 'Pseudonym must not be an email address';
  if (!SHAPE.test(name)) return 'Pseudonym can only include letters, numbers, spaces, hyphens, full stops and apostrophes';
  const local = email.split('@')[0] ?? '';
  if (squash(name) === squash(email) || (squash(local).length > 0 && squash(name) === squash(local))) {
    return 'Pseudonym must be different from your email address, so that it does not identify you';
  }
  if (RESERVED.includes(name.toLowerCase())) return 'Choose a different pseudonym. That one is kept for Hearth’s own use';
  return null;
}

/** A member may change their pseudonym once a month, so that nobody can hop between names to dodge a conversation. */
export const PSEUDONYM_CHANGE_DAYS = 30;
