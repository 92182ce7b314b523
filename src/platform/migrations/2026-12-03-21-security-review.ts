import { sql, type Kysely } from 'kysely';

/** What the December 2026 security review asked of the platform's tables (docs/security.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A token's end, chosen when it is made; null only for members who chose a token without one.
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'timestamptz').execute();
  // Staff tokens made before tokens had an end stop working 90 days after this migration, as a new one would.
  await sql`
    update api_tokens t set expires_at = now() + interval '90 days'
    where t.revoked_at is null
      and exists (select 1 from user_roles r where r.user_id = t.user_id and r.role <> 'member')`.execute(db);
  // Erasing someone's mail finds it by address, whatever the case it was written in.
  await sql`create index mail_messages_to on mail_messages (lower(to_address))`.execute(db);
  // The hourly clean finds sessions that have idled out.
  await db.schema.createIndex('sessions_last_seen').on('sessions').column('last_seen_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_last_seen').execute();
  await sql`drop index mail_messages_to`.execute(db);
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
