import { type Flag, type FlagEvent } from '../chronology/event-kinds.js';
import { byDateThenId, familyHistory } from './history.js';
import { PATTERN_RULES } from './rules/index.js';

/**
 * Every pattern flag of a family's children, from the current version of each event of the family (the children's own
 * and the household's). `today` is the London date, YYYY-MM-DD. Pure and synchronous: the records module calls it
 * whenever an event arrives, and the whole authority's flags are recomputed by calling it family by family.
 *
 * Flags come child by child, in the order of `childIds`, and each child's in the order of FLAG_RULES; each rule raises
 * at most one flag per child, citing its events oldest first.
 */
export function familyFlags(input: { childIds: readonly string[]; events: readonly FlagEvent[]; today: string }): Flag[] {
  const family = familyHistory([...new Set(input.childIds)], input.events, input.today);
  const flags: Flag[] = [];
  for (const child of family.children) {
    for (const rule of PATTERN_RULES) {
      const finding = rule.find(child, family);
      if (!finding) continue;
      const cited = [...new Map(finding.events.map((event) => [event.id, event])).values()].sort(byDateThenId);
      flags.push({ rule: rule.id, childId: child.childId, eventIds: cited.map((event) => event.id), explanation: finding.explanation });
    }
  }
  return flags;
}
