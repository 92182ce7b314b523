import type { Contracts } from '../../platform/modules.js';
import type { Services } from '../../platform/services.js';
import { calendarOf } from './calendar/calendar.js';
import { createNations } from './nations/service.js';
import { dueDayOf, timescalesOf } from './timescales.js';

/**
 * The oversight module's services, built once per process. `calendarOf`, `dueDayOf` and `nationOf` are what the drift
 * alerts count with (src/modules/oversight/alerts).
 */
export function createOversight(platform: Services, _contracts: Contracts) {
  const nations = createNations(platform);
  return {
    calendarOf,
    dueDayOf,
    timescalesOf,
    nationOf: nations.nationOf,
    setNation: nations.setNation,
  };
}

export type Oversight = ReturnType<typeof createOversight>;
