import type { Services } from '../../platform/services.js';
import { createBoardAdmin } from './board-admin.js';
import { createCommunity } from './community.js';
import { createModeration } from './moderation.js';
import { createPersonalData } from './personal-data.js';
import { createPosting } from './posting.js';
import { createReading } from './reading.js';
import { createSearch } from './search.js';
import { createWatching } from './watching.js';

/** Every part of the boards, built from the platform's services, as `app.boards`. */
export function createBoards(services: Services) {
  const { db, audit, mailer, config } = services;
  const reading = createReading(db);
  const posting = createPosting(db, config.boards);
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
