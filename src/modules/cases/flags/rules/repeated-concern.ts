import { type FlagEvent } from '../../chronology/event-kinds.js';
import { CONCERN_KINDS, type PatternRule, isConcern } from '../history.js';
import { atLeast, latestWindow } from '../windows.js';
import { capitalise, datesOf, kindName, numberInWords } from '../wording.js';

export const REPEATED_CONCERN = { count: 3, months: 12 } as const;

/**
 * Three or more care concerns of one kind within any 12 months: the pattern Ofsted found missed when each missed
 * appointment or each police notification was looked at alone. Each kind counts apart; every kind that repeats is named.
 */
export const repeatedConcern: PatternRule = {
  id: 'repeated-concern',
  find(child) {
    const byKind = new Map<string, FlagEvent[]>();
    for (const event of child.events) {
      if (!isConcern(event)) continue;
      const ofKind = byKind.get(event.kind);
      if (ofKind) ofKind.push(event);
      else byKind.set(event.kind, [event]);
    }
    const windows = CONCERN_KINDS.map((kind) =>
      latestWindow(byKind.get(kind) ?? [], REPEATED_CONCERN.months, atLeast(REPEATED_CONCERN.count)),
    ).filter((window) => window !== null);
    if (windows.length === 0) return null;
    return {
      events: windows.flat(),
      explanation: windows
        .map((w) => `${capitalise(numberInWords(w.length))} ${kindName(w[0]!.kind, w.length)} within 12 months: ${datesOf(w)}.`)
        .join(' '),
    };
  },
};
