import { sql, type Kysely } from 'kysely';

/**
 * The administrators' queues on /staff count on every visit: invitations nobody has accepted, and practitioners and
 * managers without a team. Members are by far the most people, so both must find the few rows without reading them all.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index users_invited on users (created_at) where status = 'invited'`.execute(db);
  await sql`create index user_roles_by_role on user_roles (role, granted_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index user_roles_by_role`.execute(db);
  await sql`drop index users_invited`.execute(db);
}
