/**
 * Names nobody may post under, because readers would take them for the charity speaking or for a deleted account.
 * Families trust what an adviser says, so "Hearth Adviser" or "The Advisor" must not be anyone's pseudonym: these are
 * refused anywhere in a name, whatever the spacing, punctuation or look-alike letters.
 */
const RESERVED_ANYWHERE = ['hearth', 'adviser', 'advisor', 'moderator', 'admin', 'formermember', 'adviceline', 'helpline'];
/** Refused as a word of their own only, so that "Staffordshire" or "Moderately" stay possible. */
const RESERVED_WORDS = ['staff', 'mod', 'mods', 'official', 'moderation'];
/** Letters and digits that look like the Latin letters of a reserved name. */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ѕ: 's',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ν: 'v',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  τ: 't',
  η: 'n',
  ρ: 'p',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  $: 's',
  '|': 'l',
};

function imitatesHearth(name: string): boolean {
  const plain = [...name.normalize('NFKC').toLowerCase()].map((c) => LOOK_ALIKES[c] ?? c).join('');
  const words = plain.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const joined = words.join('');
  return RESERVED_ANYWHERE.some((reserved) => joined.includes(reserved)) || words.some((word) => RESERVED_WORDS.includes(word));
}
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
  if (imitatesHearth(name)) return 'Choose a different pseudonym. That one is kept for Hearth’s own use';
  return null;
}

/** A member may change their pseudonym once a month, so that nobody can hop between names to dodge a conversation. */
export const PSEUDONYM_CHANGE_DAYS = 30;
