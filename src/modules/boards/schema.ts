import type { ColumnType, Generated, RawBuilder } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

/** One edit of a post, kept for an hour so that edits count against the posting rate limits. */
export interface BoardPostEditsTable {
  id: Generated<number>;
  post_id: number;
  author_id: string;
  edited_at: CreatedAt;
}

/**
 * Who may read, reply to and start threads on a board. Each list holds roles, 'visitor' (anyone, signed in or
 * not) or 'approved' (people a moderator has let in after a join request). Moderators may always do everything.
 */
export interface BoardRules {
  read: string[];
  reply: string[];
  start: string[];
}

export interface BoardsTable {
  slug: string;
  title: string;
  description: string;
  position: ColumnType<number, number | undefined, number>;
  /** A restricted board does not exist for anyone it has not let in: they get 404, never "forbidden". */
  restricted: ColumnType<boolean, boolean | undefined, boolean>;
  rules: Json<BoardRules>;
  /** Set when an administrator closes the board to new threads; its threads stay readable and open to replies. */
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

/** A member's life on the boards: the pseudonym they post under and what moderators have decided about them. */
export interface BoardProfilesTable {
  user_id: string;
  pseudonym: string;
  pseudonym_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Raised by a moderator, or earned by three approved posts: their posts no longer wait for approval. */
  posts_freely: ColumnType<boolean, boolean | undefined, boolean>;
  approved_posts: ColumnType<number, number | undefined, number>;
  suspended_until: Timestamp | null;
  suspension_reason: string | null;
  created_at: CreatedAt;
}

export type MembershipStatus = 'pending' | 'approved' | 'refused';

export interface BoardMembershipsTable {
  id: Generated<string>;
  board_slug: string;
  user_id: string;
  status: MembershipStatus;
  statement: string;
  requested_at: ColumnType<Date, Date | string | undefined, Date | string>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
}

export type ThreadStatus = 'visible' | 'held' | 'rejected';

export interface BoardThreadsTable {
  id: Generated<number>;
  board_slug: string;
  title: string;
  author_id: string | null;
  status: ThreadStatus;
  locked: ColumnType<boolean, boolean | undefined, boolean>;
  /** Visible replies (not counting the first post), kept up to date so that board pages need no count. */
  reply_count: ColumnType<number, number | undefined, number>;
  /** Posts everyone sees in the thread (up, or a deleted placeholder): the page count without counting rows. */
  shown_posts: ColumnType<number, number | undefined, number>;
  /** Moves on with every change a reader could see, so that a kept rendering of the thread is known to be stale. */
  version: ColumnType<number, number | undefined, number | RawBuilder<number>>;
  last_post_id: number | null;
  last_post_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
}

export type PostStatus = 'visible' | 'held' | 'rejected' | 'deleted';
export type HoldReason = 'identifying-details' | 'danger' | 'new-member';

export interface BoardPostsTable {
  id: Generated<number>;
  thread_id: number;
  /** Null once the author's account is deleted: the post stays, signed "former member". */
  author_id: string | null;
  /** "Adviser" or "Moderator" for staff posting in that capacity. */
  badge: string | null;
  body: string;
  /** The body rendered and sanitised once, when written, so that reading a long thread renders nothing. */
  html: string;
  status: PostStatus;
  hold_reasons: JsonWithDefault<HoldReason[]>;
  /** What the identifying-details and danger checks found, for the moderator. */
  found: JsonWithDefault<string[]>;
  urgent: ColumnType<boolean, boolean | undefined, boolean>;
  /** The form's one-time key: a second submit of the same form finds the first post instead of making another. */
  submission_key: string | null;
  /** The body before a moderator removed part of it, for moderators only. */
  redacted_original: string | null;
  rejection_reason: string | null;
  created_at: CreatedAt;
  edited_at: Timestamp | null;
  /** Set by the job that emails watchers, so that running it twice sends nothing twice. */
  notified_at: Timestamp | null;
  search: ColumnType<string, never, never>;
}

export interface BoardReportsTable {
  id: Generated<string>;
  post_id: number;
  reporter_id: string | null;
  reason: string;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  outcome: string | null;
}

export type WatchMode = 'instant' | 'daily';

export interface BoardWatchesTable {
  id: Generated<string>;
  user_id: string;
  board_slug: string | null;
  thread_id: number | null;
  mode: WatchMode;
  last_sent_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
}

export interface BoardReadsTable {
  user_id: string;
  thread_id: number;
  last_read_post_id: number;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    boards: BoardsTable;
    board_profiles: BoardProfilesTable;
    board_memberships: BoardMembershipsTable;
    board_threads: BoardThreadsTable;
    board_posts: BoardPostsTable;
    board_reports: BoardReportsTable;
    board_watches: BoardWatchesTable;
    board_reads: BoardReadsTable;
    board_post_edits: BoardPostEditsTable;
  }
}
