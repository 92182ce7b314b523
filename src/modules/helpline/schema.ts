import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type CallbackStatus = 'waiting' | 'claimed' | 'closed';

/**
 * A family's request for a call back. Not tied to any account: a caller gives a first name and a number, nothing else.
 * The personal columns are emptied by the retention purge (`purged_at` set); the rest stays for weekly figures.
 */
export interface HelplineCallbacksTable {
  id: Generated<string>;
  reference: string;
  slot_starts_at: Timestamp;
  name: string | null;
  phone: string | null;
  email: string | null;
  safe_to_leave_message: boolean | null;
  for_someone_else: boolean | null;
  needs: string | null;
  reason: string | null;
  status: CallbackStatus;
  /** When it is next due: the slot, or a follow-up an adviser set. */
  due_at: Timestamp;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  first_called_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: CreatedAt;
  purged_at: Timestamp | null;
  /** Other requests from the same number still open when this one came in: a repeat, shown to advisers only. */
  open_for_number: ColumnType<number, number | undefined, number>;
}

/** How many places are taken in each slot. The row lock of the upsert stops two people taking the last place at once. */
export interface HelplineSlotsTable {
  starts_at: Timestamp;
  taken: number;
}

/** One call an adviser made (or tried to make) about a callback request. */
export interface HelplineCallsTable {
  id: Generated<string>;
  callback_id: string;
  adviser_id: string | null;
  outcome: string;
  topics: Json<string[]>;
  /** Personal: emptied by the retention purge with the request's details. */
  notes: string | null;
  follow_up_at: Timestamp | null;
  created_at: CreatedAt;
}

/** Days the charity closes the line on top of the bank holidays (training, a winter break). */
export interface HelplineClosuresTable {
  date: string;
  reason: string;
  created_by: string | null;
  created_at: CreatedAt;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    helpline_callbacks: HelplineCallbacksTable;
    helpline_slots: HelplineSlotsTable;
    helpline_calls: HelplineCallsTable;
    helpline_closures: HelplineClosuresTable;
  }
}
