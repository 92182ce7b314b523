import { sql, type Kysely } from 'kysely';

/**
 * `case_rosters.stamp` moves on, in the writing transaction, whenever the list of children someone holds could change
 * anywhere in the organisation: a child or family added, moved, renamed, reallocated or removed, or a worker renamed.
 * A caseload read under one stamp may be used again, on every instance, for as long as the stamp stays the same.
 *
 * New and removed rows are counted per statement, so that a bulk insert costs one update; changed rows per row, with a
 * WHEN that skips the many updates that touch nothing a caseload shows (every new chronology entry moves its family's
 * chronology stamp, for one).
 */
const PEOPLE_FIELDS = ['organisation_id', 'family_id', 'kind', 'reference', 'given_name', 'family_name', 'date_of_birth'];
const FAMILY_FIELDS = ['organisation_id', 'team_id', 'allocated_worker_id', 'name'];

const changedIn = (fields: readonly string[]) => sql.raw(fields.map((f) => `old.${f} is distinct from new.${f}`).join(' or '));

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_rosters')
    .addColumn('organisation_id', 'uuid', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('stamp', 'bigint', (c) => c.notNull().defaultTo(1))
    .execute();

  await sql`create function case_roster_moved(organisations uuid[]) returns void language sql as $$
    insert into case_rosters (organisation_id)
      select distinct o from unnest(organisations) o
      -- An organisation being deleted takes its families with it, and has no stamp left to move.
      where exists (select 1 from organisations where id = o)
      on conflict (organisation_id) do update set stamp = case_rosters.stamp + 1
  $$`.execute(db);

  // Per statement, for rows added or removed: the generator and imports add thousands at once.
  await sql`create function case_roster_rows_moved() returns trigger language plpgsql as $$
    begin
      -- The generator moves the stamps of the organisations it wrote to once itself: see synthetic/store.ts.
      if current_setting('hearth.stamps_by_hand', true) = 'on' then
        return null;
      end if;
      perform case_roster_moved(array(select distinct organisation_id from changed));
      return null;
    end $$`.execute(db);
  for (const table of ['case_families', 'case_people']) {
    for (const [event, transition] of [
      ['insert', 'new'],
      ['delete', 'old'],
    ] as const) {
      await sql`create trigger ${sql.raw(`${table}_roster_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(transition)} table as changed for each statement execute function case_roster_rows_moved()`.execute(db);
    }
  }

  // Per row, for changes: old and new organisation both, as a family may in principle move between them.
  await sql`create function case_roster_row_changed() returns trigger language plpgsql as $$
    begin
      perform case_roster_moved(array[old.organisation_id, new.organisation_id]);
      return null;
    end $$`.execute(db);
  await sql`create trigger case_people_roster_update after update on case_people for each row
    when (${changedIn([...PEOPLE_FIELDS, 'allocated_worker_id'])}) execute function case_roster_row_changed()`.execute(db);
  await sql`create trigger case_families_roster_update after update on case_families for each row
    when (${changedIn(FAMILY_FIELDS)}) execute function case_roster_row_changed()`.execute(db);
  // A caseload names each child's worker.
  await sql`create trigger users_roster_update after update on users for each row
    when (${changedIn(['display_name', 'organisation_id'])}) execute function case_roster_row_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists users_roster_update on users`.execute(db);
  for (const table of ['case_families', 'case_people']) {
    for (const event of ['insert', 'delete', 'update']) {
      await sql`drop trigger if exists ${sql.raw(`${table}_roster_${event}`)} on ${sql.table(table)}`.execute(db);
    }
  }
  await sql`drop function if exists case_roster_row_changed()`.execute(db);
  await sql`drop function if exists case_roster_rows_moved()`.execute(db);
  await sql`drop function if exists case_roster_moved(uuid[])`.execute(db);
  await db.schema.dropTable('case_rosters').execute();
}
