import type { ColumnType, Generated } from 'kysely';

/**
 * The platform's tables. Each module adds its own by declaration merging on this interface in its schema.ts,
 * and only its own queries.ts touches them.
 */
export interface Database {
  organisations: OrganisationsTable;
  teams: TeamsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  email_tokens: EmailTokensTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  mail_messages: MailMessagesTable;
  jobs: JobsTable;
  saved_drafts: SavedDraftsTable;
  rate_limit_counts: RateLimitCountsTable;
}

export interface RateLimitCountsTable {
  key: string;
  count: number;
  resets_at: Date;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: 'charity' | 'local-authority' | 'partner-agency';
  created_at: CreatedAt;
}

export interface TeamsTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  created_at: CreatedAt;
}

export type UserStatus = 'pending' | 'invited' | 'active' | 'disabled';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  status: UserStatus;
  email_confirmed_at: Timestamp | null;
  /** Sealed with HEARTH_SECRET, never stored in the clear. */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** The last TOTP time step accepted, so that a code cannot be replayed. */
  totp_last_step: number | null;
  organisation_id: string | null;
  team_id: string | null;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  granted_by: string | null;
  granted_at: CreatedAt;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield working cookies. */
  id_hash: string;
  user_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type EmailTokenPurpose = 'confirm-email' | 'reset-password' | 'invitation';

export interface EmailTokensTable {
  token_hash: string;
  user_id: string;
  purpose: EmailTokenPurpose;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters, shown so that people can tell their tokens apart. */
  prefix: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** When it stops working. Staff tokens always have one; a member may choose none. */
  expires_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  organisation_id: string | null;
  ip: string | null;
  reason: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export type MailStatus = 'queued' | 'sent' | 'kept' | 'failed';

export interface MailMessagesTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: Json<Record<string, string>>;
  status: MailStatus;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: JobStatus;
  run_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  locked_by: string | null;
  locked_at: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
  /** Set on recurring jobs: the next run is queued this many seconds after one finishes. */
  recurring_seconds: number | null;
}

export interface SavedDraftsTable {
  id: Generated<string>;
  user_id: string;
  path: string;
  fields: Json<Record<string, string | string[]>>;
  created_at: CreatedAt;
}
