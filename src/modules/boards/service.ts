import type { Services } from '../../platform/services.js';
import type { BoardsSettings } from './settings.js';
import { createBoardAdmin } from './admin/service.js';
import { createCommunity } from './membership/community.js';
import { createModeration } from './moderation/service.js';
import { createPersonalData } from './personal-data/service.js';
import { createPosting } from './posting/service.js';
import { createReading } from './reading/service.js';
import { createSearch } from './reading/search.js';
import { createWatching } from './watching/service.js';

/** Every part of the boards, built once per process from the platform's services and the boards' settings. */
export function createBoards(services: Services, settings: BoardsSettings) {
  const { db, writes, audit, mailer, config } = services;
  const reading = createReading(db, writes);
  const posting = createPosting(db, settings);
  return {
    reading,
    posting,
    moderation: createModeration({ db, audit, mailer, posting, baseUrl: config.baseUrl }),
    community: createCommunity(db),
    admin: createBoardAdmin({ db, audit, reading }),
    watching: createWatching(db, mailer, config),
    search: createSearch(db),
    personalData: createPersonalData(db),
  };
}

export type Boards = ReturnType<typeof createBoards>;
