import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { csvTable } from '../../../platform/csv.js';
import { addMonths, parseDay } from '../../../platform/time.js';
import { isFamilyCircumstance, type EventKind, type PlanType, type Significance } from '../chronology/event-kinds.js';
import { eventProblems } from '../chronology/event-rules.js';
import { CLOSURE_REASONS, PRIMARY_NEEDS, REFERRAL_SOURCES } from '../generator/census-codes.js';
import type { SyntheticEpisode, SyntheticFamily } from '../generator/types.js';

/**
 * The files `hearth practice import <dir>` reads. The first three have the Standard Safeguarding Dataset's table and
 * column names (ssd_person, ssd_family, ssd_cin_episodes); the SSD keeps no names and no chronology, so Hearth adds
 * `pers_forename` and `pers_surname` to ssd_person and a table of its own for the chronology.
 */
export const IMPORT_FILES = {
  people: { file: 'ssd_person.csv', columns: ['pers_person_id', 'pers_forename', 'pers_surname', 'pers_dob'] },
  families: { file: 'ssd_family.csv', columns: ['fami_family_id', 'fami_person_id'] },
  episodes: {
    file: 'ssd_cin_episodes.csv',
    columns: [
      'cine_referral_id',
      'cine_person_id',
      'cine_referral_date',
      'cine_referral_source_code',
      'cine_cin_primary_need_code',
      'cine_close_date',
      'cine_close_reason',
    ],
  },
  events: {
    file: 'hearth_chronology.csv',
    columns: ['event_id', 'person_ids', 'kind', 'occurred_on', 'agency', 'significance', 'plan_type', 'summary'],
  },
} as const;

const ID_MAX = 48;
const NAME_MAX = 100;
const SUMMARY_MAX = 4_000;

export type ImportRead = { families: SyntheticFamily[]; references: Map<string, string> } | { problems: string[] };

interface Person {
  id: string;
  reference: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  child: boolean;
}

/**
 * Reads and checks every file before anything is written, and reports every problem, row by row, as "file line N:
 * column: what is wrong". With no problem it gives the families ready to store; their people's own ids are kept as
 * references. Nothing is partly read: one problem anywhere means no families at all.
 */
export async function readImport(dir: string, today: string): Promise<ImportRead> {
  const problems: string[] = [];
  const tables = {} as Record<keyof typeof IMPORT_FILES, { line: number; values: Record<string, string> }[]>;
  for (const [key, spec] of Object.entries(IMPORT_FILES) as [
    keyof typeof IMPORT_FILES,
    (typeof IMPORT_FILES)[keyof typeof IMPORT_FILES],
  ][]) {
    let text: string;
    try {
      text = await fs.readFile(path.join(dir, spec.file), 'utf8');
    } catch {
      problems.push(`${spec.file}: the file is missing from ${dir}`);
      continue;
    }
    if (text.includes('\uFFFD')) {
      problems.push(`${spec.file}: the file is not UTF-8 text; save it as "CSV UTF-8"`);
      continue;
    }
    const table = csvTable(text, spec.columns);
    if ('problem' in table) problems.push(`${spec.file} line ${table.problem.line}: ${table.problem.text}`);
    else tables[key] = table.rows;
  }
  if (problems.length > 0) return { problems };

  const at = (file: string, line: number, column: string, text: string) => problems.push(`${file} line ${line}: ${column}: ${text}`);
  const adulthood = addMonths(today, -18 * 12);

  const people = new Map<string, Person>();
  for (const { line, values } of tables.people) {
    const file = IMPORT_FILES.people.file;
    const reference = values.pers_person_id!;
    if (!reference || reference.length > ID_MAX) at(file, line, 'pers_person_id', `enter an id of 1 to ${ID_MAX} characters`);
    else if (people.has(reference)) at(file, line, 'pers_person_id', `${reference} is already on an earlier line`);
    const dateOfBirth = parseDay(values.pers_dob!);
    if (!dateOfBirth || dateOfBirth > today) at(file, line, 'pers_dob', 'must be a real date, as YYYY-MM-DD, and not in the future');
    for (const column of ['pers_forename', 'pers_surname'] as const) {
      if (!values[column] || values[column]!.length > NAME_MAX) at(file, line, column, `enter 1 to ${NAME_MAX} characters`);
    }
    if (reference && dateOfBirth && !people.has(reference)) {
      people.set(reference, {
        id: randomUUID(),
        reference,
        givenName: values.pers_forename!,
        familyName: values.pers_surname!,
        dateOfBirth,
        child: dateOfBirth > adulthood,
      });
    }
  }

  const familyOf = new Map<string, string>();
  const members = new Map<string, Person[]>();
  for (const { line, values } of tables.families) {
    const file = IMPORT_FILES.families.file;
    const family = values.fami_family_id!;
    const person = people.get(values.fami_person_id!);
    if (!family || family.length > ID_MAX) at(file, line, 'fami_family_id', `enter an id of 1 to ${ID_MAX} characters`);
    if (!person) at(file, line, 'fami_person_id', `${values.fami_person_id || 'an empty id'} is not in ${IMPORT_FILES.people.file}`);
    else if (familyOf.has(person.reference))
      at(file, line, 'fami_person_id', `${person.reference} is already in family ${familyOf.get(person.reference)}`);
    else if (family) {
      familyOf.set(person.reference, family);
      members.set(family, [...(members.get(family) ?? []), person]);
    }
  }
  for (const person of people.values()) {
    if (!familyOf.has(person.reference))
      problems.push(`${IMPORT_FILES.people.file}: ${person.reference} is in no family in ${IMPORT_FILES.families.file}`);
  }
  for (const [family, list] of members) {
    if (!list.some((p) => p.child)) problems.push(`${IMPORT_FILES.families.file}: family ${family} has no child under 18`);
  }

  const episodes = new Map<string, SyntheticEpisode[]>();
  const seenReferrals = new Set<string>();
  for (const { line, values } of tables.episodes) {
    const file = IMPORT_FILES.episodes.file;
    const person = people.get(values.cine_person_id!);
    if (!values.cine_referral_id || seenReferrals.has(values.cine_referral_id))
      at(file, line, 'cine_referral_id', 'enter an id not used on an earlier line');
    seenReferrals.add(values.cine_referral_id!);
    if (!person || !person.child)
      at(file, line, 'cine_person_id', `${values.cine_person_id || 'an empty id'} is not a child in ${IMPORT_FILES.people.file}`);
    const referralOn = parseDay(values.cine_referral_date!);
    if (!referralOn || referralOn > today)
      at(file, line, 'cine_referral_date', 'must be a real date, as YYYY-MM-DD, and not in the future');
    const source = values.cine_referral_source_code!;
    if (!Object.hasOwn(REFERRAL_SOURCES, source))
      at(file, line, 'cine_referral_source_code', `${source || 'an empty code'} is not a CIN census referral source`);
    const need = values.cine_cin_primary_need_code!;
    if (!Object.hasOwn(PRIMARY_NEEDS, need)) at(file, line, 'cine_cin_primary_need_code', 'must be a code from N0 to N9');
    const closedOn = values.cine_close_date ? parseDay(values.cine_close_date) : null;
    if (values.cine_close_date && (!closedOn || (referralOn && closedOn < referralOn))) {
      at(file, line, 'cine_close_date', 'must be a real date, as YYYY-MM-DD, on or after the referral date, or empty');
    }
    const reason = values.cine_close_reason || null;
    if (closedOn && (!reason || !Object.hasOwn(CLOSURE_REASONS, reason)))
      at(file, line, 'cine_close_reason', 'a closed episode needs a reason from RC1 to RC9');
    if (!values.cine_close_date && reason) at(file, line, 'cine_close_reason', 'leave it empty while the episode is open');
    if (person?.child && referralOn) {
      episodes.set(person.reference, [
        ...(episodes.get(person.reference) ?? []),
        {
          id: randomUUID(),
          childId: person.id,
          referralOn,
          referralSource: source as SyntheticEpisode['referralSource'],
          primaryNeed: need as SyntheticEpisode['primaryNeed'],
          assessment: null,
          section47On: null,
          plan: null,
          closedOn,
          closureReason: reason as SyntheticEpisode['closureReason'],
        },
      ]);
    }
  }

  const events = new Map<string, SyntheticFamily['events']>();
  const seenEvents = new Set<string>();
  for (const { line, values } of tables.events) {
    const file = IMPORT_FILES.events.file;
    if (!values.event_id || seenEvents.has(values.event_id)) at(file, line, 'event_id', 'enter an id not used on an earlier line');
    seenEvents.add(values.event_id!);
    const input = {
      kind: values.kind as EventKind,
      occurredOn: values.occurred_on!,
      agency: values.agency!,
      significance: values.significance as Significance,
      planType: (values.plan_type || null) as PlanType | null,
      summary: values.summary!,
    };
    for (const problem of eventProblems(input, today)) at(file, line, columnOf(problem.field), problem.text.toLowerCase());
    if (input.summary.length > SUMMARY_MAX) at(file, line, 'summary', `keep it to ${SUMMARY_MAX.toLocaleString('en-GB')} characters`);
    const named = values.person_ids!.split(/\s+/).filter(Boolean);
    const concerned = named.map((reference) => people.get(reference));
    const missing = named.filter((_, i) => !concerned[i]);
    if (missing.length > 0)
      at(file, line, 'person_ids', `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in ${IMPORT_FILES.people.file}`);
    const families = new Set(concerned.flatMap((p) => (p ? [familyOf.get(p.reference)] : [])));
    if (named.length === 0) at(file, line, 'person_ids', 'name the people it concerns, by pers_person_id, separated by spaces');
    else if (families.size > 1) at(file, line, 'person_ids', 'name people of one family only');
    const family = [...families][0];
    const children = concerned.filter((p): p is Person => !!p?.child).map((p) => p.id);
    if (family && children.length === 0 && !isFamilyCircumstance(input.kind))
      at(file, line, 'person_ids', 'a care event must concern at least one child');
    if (family) {
      const everyChild = (members.get(family) ?? []).filter((p) => p.child).map((p) => p.id);
      events.set(family, [
        ...(events.get(family) ?? []),
        {
          ...input,
          id: randomUUID(),
          agency: input.agency.trim(),
          summary: input.summary.trim(),
          // A family circumstance named for the adults alone still touches every child of the household.
          childIds: children.length > 0 ? children : everyChild,
          recordedBy: 'import',
          recordedOn: today,
        },
      ]);
    }
  }
  if (problems.length > 0) return { problems };

  const references = new Map<string, string>();
  const families = [...members].map(([family, list]) => {
    for (const person of list) references.set(person.id, person.reference);
    const children = list.filter((p) => p.child);
    return {
      id: randomUUID(),
      familyName: children[0]!.familyName,
      story: null,
      children: children.map(({ id, givenName, familyName, dateOfBirth }) => ({ id, givenName, familyName, dateOfBirth })),
      adults: list
        .filter((p) => !p.child)
        .map(({ id, givenName, familyName, dateOfBirth }) => ({
          id,
          givenName,
          familyName,
          dateOfBirth,
          relationship: null,
          parentalResponsibility: false,
        })),
      households: [],
      episodes: children.flatMap((child) => episodes.get(child.reference) ?? []),
      events: (events.get(family) ?? []).sort((a, b) => a.occurredOn.localeCompare(b.occurredOn)),
    } satisfies SyntheticFamily;
  });
  return { families, references };
}

/** The column of hearth_chronology.csv that a rule of the event form names. */
function columnOf(field: string): string {
  if (field.startsWith('occurredOn')) return 'occurred_on';
  if (field === 'planType') return 'plan_type';
  return field;
}
