import { sql, type Kysely } from 'kysely';

// Days are text (YYYY-MM-DD, London), as elsewhere in Hearth: both drivers hand them back unchanged.
const day = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

/**
 * Oversight's tables. A child is named by the id the practice records gave it, with no foreign key: the records are
 * another module's tables, reached only through the PracticeRecords contract. The organisation and team are copied in
 * when a row is written, so that a manager's queue is one small query.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Which nation's guidance and bank holidays an organisation counts by. No row: England.
  await db.schema
    .createTable('oversight_nations')
    .addColumn('organisation_id', 'uuid', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('nation', 'text', (c) => c.notNull().check(sql`nation in ('england', 'wales')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('oversight_supervisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('child_id', 'uuid', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull().check(day('held_on')))
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('discussion', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('oversight_supervisions_child').on('oversight_supervisions').columns(['child_id', 'held_on']).execute();

  await db.schema
    .createTable('oversight_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('child_id', 'uuid', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('recorded', 'awaiting-approval', 'approved', 'not-approved')`))
    .addColumn('proposed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approver_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approver_note', 'text')
    .addColumn('approved_at', 'timestamptz')
    // Four eyes: whoever proposed a decision can never be the one who approves it, whatever the code above says.
    .addCheckConstraint('oversight_decisions_four_eyes', sql`approver_id is null or proposed_by is null or approver_id <> proposed_by`)
    .addCheckConstraint('oversight_decisions_answered', sql`(status in ('approved', 'not-approved')) = (approved_at is not null)`)
    .execute();
  await db.schema.createIndex('oversight_decisions_child').on('oversight_decisions').columns(['child_id', 'proposed_at']).execute();
  await db.schema.createIndex('oversight_decisions_team_status').on('oversight_decisions').columns(['team_id', 'status']).execute();
  // The check above holds for a row as written; this trigger also stops an update that keeps the approver and changes
  // the proposer to them (no code does, but the rule is the point of the table).
  await sql`
    create function oversight_decisions_no_self_approval() returns trigger language plpgsql as $$
    begin
      if new.approver_id is not null and new.approver_id = new.proposed_by then
        raise exception 'A decision cannot be approved by the person who proposed it' using errcode = 'check_violation';
      end if;
      if tg_op = 'UPDATE' and old.proposed_by is not null and new.proposed_by is distinct from old.proposed_by
         and new.proposed_by is not null then
        raise exception 'Who proposed a decision cannot be changed' using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger oversight_decisions_no_self_approval before insert or update on oversight_decisions
    for each row execute function oversight_decisions_no_self_approval()`.execute(db);

  // A challenge to a decision or to the child's plan, and each escalation of its answer, one row each, linked to the
  // one it escalates: the whole chain is kept, nothing in it is ever changed but its answer, once.
  await db.schema
    .createTable('oversight_challenges')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('child_id', 'uuid', (c) => c.notNull())
    .addColumn('decision_id', 'uuid', (c) => c.references('oversight_decisions.id').onDelete('cascade'))
    .addColumn('escalates_id', 'uuid', (c) => c.unique().references('oversight_challenges.id').onDelete('cascade'))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 3`))
    .addColumn('concern', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_at', 'timestamptz')
    .addCheckConstraint('oversight_challenges_answered', sql`(answer is null) = (answered_at is null)`)
    // Whoever raised a challenge does not answer it.
    .addCheckConstraint('oversight_challenges_not_own', sql`answered_by is null or raised_by is null or answered_by <> raised_by`)
    .addCheckConstraint('oversight_challenges_first', sql`(escalates_id is null) = (level = 1)`)
    .execute();
  await db.schema.createIndex('oversight_challenges_child').on('oversight_challenges').columns(['child_id', 'raised_at']).execute();
  await db.schema.createIndex('oversight_challenges_team_open').on('oversight_challenges').columns(['team_id', 'answered_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oversight_challenges').execute();
  await db.schema.dropTable('oversight_decisions').execute();
  await sql`drop function if exists oversight_decisions_no_self_approval()`.execute(db);
  await db.schema.dropTable('oversight_supervisions').execute();
  await db.schema.dropTable('oversight_nations').execute();
}
