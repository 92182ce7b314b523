import { sql, type Kysely } from 'kysely';

/**
 * `oversight_alert_stamps.stamp` moves on, in the writing transaction, with every change to an organisation's stored
 * alerts, so that a dashboard drawn under one stamp may be sent again, on every instance, while it holds. Counted per
 * statement: the daily run writes thousands of alerts at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oversight_alert_stamps')
    .addColumn('organisation_id', 'uuid', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('stamp', 'bigint', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create function oversight_alerts_moved() returns trigger language plpgsql as $$
    begin
      insert into oversight_alert_stamps (organisation_id)
        select distinct organisation_id from changed
        -- An organisation being deleted takes its alerts with it, and has no stamp left to move.
        where exists (select 1 from organisations o where o.id = changed.organisation_id)
        on conflict (organisation_id) do update set stamp = oversight_alert_stamps.stamp + 1;
      return null;
    end $$`.execute(db);
  // A trigger with a transition table answers one kind of statement only, so one trigger for each.
  for (const [event, transition] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ] as const) {
    await sql`create trigger ${sql.raw(`oversight_alerts_stamp_${event}`)} after ${sql.raw(event)} on oversight_alerts
      referencing ${sql.raw(transition)} table as changed for each statement execute function oversight_alerts_moved()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) {
    await sql`drop trigger if exists ${sql.raw(`oversight_alerts_stamp_${event}`)} on oversight_alerts`.execute(db);
  }
  await sql`drop function if exists oversight_alerts_moved()`.execute(db);
  await db.schema.dropTable('oversight_alert_stamps').execute();
}
