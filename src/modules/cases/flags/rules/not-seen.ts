import { type FlagEvent } from '../../chronology/event-kinds.js';
import { type PatternRule, isHomeVisit, isMissedVisit } from '../history.js';
import { capitalise, datesInList, joinWithAnd, numberInWords } from '../wording.js';

export const NOT_SEEN = { count: 2 } as const;

/**
 * Two or more home visits in a row where the child was not seen or no one let the worker in: a child no one sees is a
 * child no one can keep safe. Only home visits break or extend a run; the most recent run is named.
 */
export const notSeen: PatternRule = {
  id: 'not-seen',
  find(child) {
    let run: FlagEvent[] = [];
    let latestRun: FlagEvent[] | null = null;
    for (const visit of child.events.filter(isHomeVisit)) {
      if (!isMissedVisit(visit)) {
        run = [];
        continue;
      }
      run.push(visit);
      if (run.length >= NOT_SEEN.count) latestRun = run;
    }
    if (!latestRun) return null;
    const dates = datesInList(latestRun.map((visit) => visit.occurredOn));
    const visits = latestRun.map((visit, i) => `${visit.kind === 'home-visit-no-access' ? 'no access' : 'not seen'} on ${dates[i]}`);
    return {
      events: latestRun,
      explanation: `${capitalise(numberInWords(latestRun.length))} home visits in a row without seeing the child: ${joinWithAnd(visits)}.`,
    };
  },
};
