import type { Contracts } from '../../platform/modules.js';
import type { Services } from '../../platform/services.js';
import type { Viewer } from '../../platform/practice/viewer.js';
import { calendarOf } from '../../platform/calendar/calendar.js';
import { createChallenges } from './challenges/service.js';
import { childOpener } from './child-access.js';
import { createChildOversight } from './child/service.js';
import { createDecisions } from './decisions/service.js';
import { createNations } from './nations/service.js';
import { createPersonalData } from './personal-data.js';
import { createTeamQueue } from './queue/service.js';
import { createSupervision } from './supervision/service.js';
import { dueDayOf, timescalesOf } from './timescales.js';

/**
 * The oversight module's services, built once per process. `calendarOf`, `dueDayOf` and `nationOf` are what the drift
 * alerts count with (src/modules/oversight/alerts).
 */
export function createOversight(platform: Services, contracts: Contracts) {
  const nations = createNations(platform);
  const openChild = childOpener(contracts);
  const supervision = createSupervision(platform, openChild);
  const decisions = createDecisions(platform, openChild);
  const challenges = createChallenges(platform, openChild);
  const teamQueue = createTeamQueue(platform, contracts, { decisions, challenges });
  return {
    calendarOf,
    dueDayOf,
    timescalesOf,
    nationOf: nations.nationOf,
    setNation: nations.setNation,
    supervision,
    decisions,
    challenges,
    oversightOf: createChildOversight(platform, openChild, { supervision, decisions, challenges }),
    waitingFor: teamQueue.waitingFor,
    staffQueues: teamQueue.staffQueues,
    personalData: createPersonalData(platform),
    /** The children a viewer holds, from the practice records (none while no module serves them). */
    heldChildren: async (viewer: Viewer) => (await contracts.practiceRecords()?.heldChildren(viewer))?.children ?? [],
  };
}

export type Oversight = ReturnType<typeof createOversight>;
