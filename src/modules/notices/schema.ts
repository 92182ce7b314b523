import type { ColumnType, Generated } from 'kysely';

/**
 * A short notice for the staff of one team, such as a change to the duty rota. Only that team sees it. The author is
 * kept while their account exists; deleting the account leaves the notice for the team, without a name.
 */
export interface NoticesTable {
  id: Generated<number>;
  team_id: string;
  author_id: string | null;
  title: string;
  body: string;
  /** The day (YYYY-MM-DD, London) a manager should look at it again: from then it waits in the team's staff queue. */
  review_by: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    notices: NoticesTable;
  }
}
