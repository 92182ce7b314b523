/**
 * What is checked before a post goes up. Families write about the most sensitive things in their lives, and one
 * phone number or school name can identify a child in proceedings, so the poster is told what was found before it
 * is public. Words that suggest danger point them at urgent help straight away.
 */

export interface Finding {
  kind: 'phone number' | 'email address' | 'postcode' | 'date of birth' | 'school or street name';
  text: string;
}

// UK numbers as people type them: 07700 900123, +44 7700 900123, (020) 7946 0000, 0161-496-0000.
const PHONE = /(?<![\d+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s\-)]{0,2}){9,10}(?!\d)/g;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
// The Royal Mail format: an outward code (AA9A, A9, ...) and an inward code (9AA), with or without a space.
const POSTCODE = /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}\b/gi;
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
// A full date with a year, written in figures (3/5/2019) or words (3rd May 2019, May 3 2019).
const NUMERIC_DATE = /\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b/gi;
const WORDED_DATE = new RegExp(
  `\\b(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})|(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?,?)\\s+(?:19|20)\\d{2}\\b`,
  'gi',
);
const BIRTH_CONTEXT = /\b(?:born|birthday|d\.?o\.?b\.?|date of birth)\b/i;

function matches(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0].trim());
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole word or phrase, ignoring case and runs of spaces: "canal  street" matches "Canal Street". */
function phrasePattern(phrase: string): RegExp {
  const words = phrase.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * The patterns for a list of names or words, built once per list: every post is checked against the same settings,
 * and building a RegExp per word per post was a good part of what a post cost. `any` finds whether any phrase is
 * there in one pass over the text, so a post with none (nearly every post) is not searched once per phrase.
 */
const compiled = new WeakMap<readonly string[], { each: RegExp[]; any: RegExp }>();
function patternsFor(phrases: readonly string[]) {
  let patterns = compiled.get(phrases);
  if (!patterns) {
    const each = phrases.map(phrasePattern);
    const any = new RegExp(each.map((pattern) => `(?:${pattern.source})`).join('|') || '(?!)', 'iu');
    patterns = { each, any };
    compiled.set(phrases, patterns);
  }
  return patterns;
}

/** Dates in figures are flagged wherever they are; dates in words only near "born", "birthday" or "DOB". */
function datesOfBirth(text: string): string[] {
  const found = matches(NUMERIC_DATE, text);
  for (const match of text.matchAll(WORDED_DATE)) {
    const around = text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 10);
    if (BIRTH_CONTEXT.test(around)) found.push(match[0].trim());
  }
  return found;
}

export function findIdentifyingDetails(text: string, names: readonly string[]): Finding[] {
  // Normalise look-alike characters (full-width digits, non-breaking spaces) so they cannot slip past the patterns.
  const normal = text.normalize('NFKC');
  const emails = matches(EMAIL, normal);
  // An email address can contain digits that look like a phone number; check phones with emails taken out.
  const withoutEmails = normal.replace(EMAIL, ' ');
  const findings: Finding[] = [
    ...matches(PHONE, withoutEmails).map((t) => ({ kind: 'phone number' as const, text: t })),
    ...emails.map((t) => ({ kind: 'email address' as const, text: t })),
    ...matches(POSTCODE, withoutEmails).map((t) => ({ kind: 'postcode' as const, text: t })),
    ...datesOfBirth(normal).map((t) => ({ kind: 'date of birth' as const, text: t })),
    ...patternsFor(names).each.flatMap((pattern) =>
      matches(pattern, normal).map((t) => ({ kind: 'school or street name' as const, text: t })),
    ),
  ];
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.kind}:${f.text.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Hearth's own list, used unless BOARDS_DANGER_WORDS replaces it. Phrases rather than single words where a word
 * alone is common in ordinary posts ("hit" and "hurt" are everywhere in posts about proceedings).
 */
export const DEFAULT_DANGER_WORDS = [
  'suicide',
  'suicidal',
  'kill myself',
  'end my life',
  'end it all',
  'want to die',
  'better off dead',
  'overdose',
  'self-harm',
  'self harm',
  'hurt myself',
  'cutting myself',
  'not safe at home',
  'scared for my life',
  'going to kill',
  'threatened to kill',
  'he hits me',
  'she hits me',
  'beats me',
  'hurting the baby',
  'hurting my child',
];

export function findDangerWords(text: string, words: readonly string[]): string[] {
  const normal = text.normalize('NFKC');
  const patterns = patternsFor(words);
  if (!patterns.any.test(normal)) return [];
  // test() on a global pattern moves its lastIndex on, so each check starts from the beginning.
  const found = words.filter((_, i) => {
    const pattern = patterns.each[i]!;
    pattern.lastIndex = 0;
    return pattern.test(normal);
  });
  return [...new Set(found.map((w) => w.toLowerCase()))];
}

/** "a phone number (07700 900123) and a postcode (NM1 4AB)": how the warning names what was found. */
export function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.kind === 'email address' ? 'an' : 'a'} ${f.kind}: “${f.text}”`);
}
