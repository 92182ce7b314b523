import { sql, type Kysely } from 'kysely';

/**
 * Everything a chronology page shows of a family, and how to find the family from a changed row of each table. Names
 * of the child, the family, the worker and the team are read with the record on every request, so they are not here.
 */
// Each lists the changed rows' families as an array, found through an index for every row: a join with the transition
// table (whose size the planner does not know) could scan the whole of case_events for a one-row insert.
const throughEvent = sql`array(select (select e.family_id from case_events e where e.id = c.event_id) from changed c)`;
const STAMPED = [
  { table: 'case_events', family: sql`array(select family_id from changed)` },
  { table: 'case_event_versions', family: throughEvent },
  { table: 'case_event_people', family: throughEvent },
  { table: 'case_event_notes', family: throughEvent },
  { table: 'case_flags', family: sql`array(select family_id from changed)` },
  // The people an entry concerns are named on the family's chronology.
  { table: 'case_people', family: sql`array(select family_id from changed)` },
] as const;

/**
 * `case_families.chronology_stamp` moves on with every change to anything a chronology page of the family shows, in
 * the transaction that makes the change, so that a page drawn under one stamp may be sent again for as long as the
 * stamp stays the same, on every instance. Triggers per statement, not per row, so that a bulk write (the generator,
 * an import, the daily run of the flags) costs one update of the families it touched, not one per row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('case_families')
    .addColumn('chronology_stamp', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const { table, family } of STAMPED) {
    const fn = sql.raw(`${table}_stamp_family`);
    await sql`create function ${fn}() returns trigger language plpgsql as $$
      begin
        -- A bulk write of new families (the generator, an import) moves their stamps once itself: see
        -- synthetic/store.ts.
        if current_setting('hearth.stamps_by_hand', true) = 'on' then
          return null;
        end if;
        update case_families set chronology_stamp = chronology_stamp + 1 where id = any(${family});
        return null;
      end $$`.execute(db);
    // A trigger with a transition table answers one kind of statement only, so one trigger for each.
    for (const [event, transition] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const) {
      await sql`create trigger ${sql.raw(`${table}_stamp_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(transition)} table as changed for each statement execute function ${fn}()`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table } of STAMPED) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger if exists ${sql.raw(`${table}_stamp_${event}`)} on ${sql.table(table)}`.execute(db);
    }
    await sql`drop function if exists ${sql.raw(`${table}_stamp_family`)}()`.execute(db);
  }
  await db.schema.alterTable('case_families').dropColumn('chronology_stamp').execute();
}
