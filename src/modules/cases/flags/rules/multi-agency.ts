import { type FlagEvent } from '../../chronology/event-kinds.js';
import { type PatternRule, isConcern, isHomeVisit } from '../history.js';
import { distinctAtLeast, latestWindow } from '../windows.js';
import { datesOf, joinWithAnd, numberInWords } from '../wording.js';

export const MULTI_AGENCY = { agencies: 3, months: 6 } as const;

// "Police", "police " and "POLICE" are one agency: the name is typed by people and imported from other systems.
const agencyOf = (event: FlagEvent) => event.agency.trim().toLowerCase();

/**
 * Concerns from three or more agencies within 6 months: when the school, the health visitor and the police each see a
 * little, together they may see a lot. Home visits where the child was not seen are the social worker's own findings,
 * not another agency's worry, so they are left out here (not-seen speaks to them); so are concerns with no agency.
 */
export const multiAgency: PatternRule = {
  id: 'multi-agency',
  find(child) {
    const concerns = child.events.filter((event) => isConcern(event) && !isHomeVisit(event) && agencyOf(event) !== '');
    const window = latestWindow(concerns, MULTI_AGENCY.months, distinctAtLeast(MULTI_AGENCY.agencies, agencyOf));
    if (!window) return null;
    const byAgency = new Map<string, FlagEvent[]>();
    for (const event of window) {
      const same = byAgency.get(agencyOf(event));
      if (same) same.push(event);
      else byAgency.set(agencyOf(event), [event]);
    }
    const agencies = [...byAgency.values()].map((events) => `${events[0]!.agency.trim()} (${datesOf(events)})`);
    return {
      events: window,
      explanation: `Concerns from ${numberInWords(byAgency.size)} agencies within 6 months: ${joinWithAnd(agencies)}.`,
    };
  },
};
