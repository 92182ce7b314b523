import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.js';

export const AUDIT_REFUSED = /the audit log refuses this entry \(test\)/;

/**
 * Runs `fn` while every new audit entry fails to be written, as a full disk or a lost connection would make it fail,
 * so that a test can show a change is not kept without its entry. The refusal is a trigger, which PGlite and
 * PostgreSQL both run, and it is taken away again however `fn` ends. Each test file has a database of its own, so no
 * other file is affected.
 */
export async function whileAuditRefuses<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  await sql`
    create or replace function test_refuse_audit() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log refuses this entry (test)';
    end $$`.execute(db);
  await sql`create trigger test_refuse_audit before insert on audit_log for each row execute function test_refuse_audit()`.execute(db);
  try {
    return await fn();
  } finally {
    await sql`drop trigger if exists test_refuse_audit on audit_log`.execute(db);
  }
}
