import { type EventKind, type Flag, type FlagEvent, type FlagRule } from '../chronology/event-kinds.js';
import { familyFlags } from './flags.js';

/** Test data for the pattern rules: events for one child by default, with numbered ids, and a fixed today. */
export const TODAY = '2026-12-05';

export function eventMaker(defaultChildIds: string[] = ['child-a']) {
  let next = 0;
  return (kind: EventKind, occurredOn: string, extra: Partial<FlagEvent> = {}): FlagEvent => ({
    id: `event-${String(++next).padStart(3, '0')}`,
    kind,
    occurredOn,
    agency: "children's social care",
    significance: 'medium',
    planType: kind === 'plan-start' || kind === 'plan-end' ? 'child-protection' : null,
    childIds: defaultChildIds,
    ...extra,
  });
}

/** The flags one rule raises on a family (one child, `child-a`, unless children are named). */
export function flagsBy(rule: FlagRule, events: FlagEvent[], options: { childIds?: string[]; today?: string } = {}): Flag[] {
  return familyFlags({ childIds: options.childIds ?? ['child-a'], events, today: options.today ?? TODAY }).filter(
    (flag) => flag.rule === rule,
  );
}

export type MakeEvent = ReturnType<typeof eventMaker>;

/** One row of a rule's table: a history, whether the rule is raised on it, and (if so) the days of the events it cites. */
export interface RuleCase {
  name: string;
  history: (event: MakeEvent) => FlagEvent[];
  raised: boolean;
  cites?: string[];
  explanation?: string;
  today?: string;
}

/** Runs a rule's table: for each row, one flag or none on `child-a`, citing the events of the days given. */
export function checkRuleCase(rule: FlagRule, row: RuleCase, check: (actual: unknown, expected: unknown, message?: string) => void) {
  const events = row.history(eventMaker());
  const flags = flagsBy(rule, events, { today: row.today });
  check(flags.length, row.raised ? 1 : 0, `${row.name}: ${JSON.stringify(flags)}`);
  if (!row.raised) return;
  const cited = flags[0]!.eventIds.map((id) => events.find((event) => event.id === id)!.occurredOn);
  if (row.cites) check(cited, row.cites, `${row.name}: the days cited`);
  if (row.explanation) check(flags[0]!.explanation, row.explanation, `${row.name}: the explanation`);
}
