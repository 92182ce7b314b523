/**
 * Which tables this process has written to, told by the embedded database's driver before each statement runs. On
 * PGlite this process is the only one that can open the database, so every change passes here: something read from a
 * table may be kept for as long as that table's generation stays the same, and reading it again costs nothing.
 *
 * It errs on the side of forgetting. A statement is seen as a write to every table it names after `insert into`,
 * `update`, `delete from` or `merge into`, whether or not it changes a row or commits; a `delete`, `truncate` or
 * change of schema counts as a write to every table, because foreign keys cascade to tables the statement never names.
 */
export class WriteWatch {
  /** Every write to a table. */
  private readonly writes = new Map<string, number>();
  /** Writes that may change rows already there: updates, deletes, and inserts that may update on conflict. */
  private readonly changes = new Map<string, number>();
  private everything = 0;

  noteStatement(text: string): void {
    if (!WRITE_WORDS.test(text)) return;
    if (EVERYTHING.test(text)) {
      this.everything += 1;
      return;
    }
    const upserts = /\bon\s+conflict\b/i.test(text);
    for (const match of text.matchAll(WRITTEN_TABLE)) {
      const verb = match[1]!.toLowerCase();
      const table = match[2]!.toLowerCase();
      bump(this.writes, table);
      if (!verb.startsWith('insert') || upserts) bump(this.changes, table);
    }
  }

  /**
   * A number that grows whenever any of these tables may have changed: `anyWrite` tables on every write (a list that
   * a new row would change), `existingRows` tables only when rows already there may have changed (a row looked up by
   * its key, which a new row elsewhere cannot change).
   */
  generation(tables: { anyWrite?: readonly string[]; existingRows?: readonly string[] }): number {
    let sum = this.everything;
    for (const table of tables.anyWrite ?? []) sum += this.writes.get(table) ?? 0;
    for (const table of tables.existingRows ?? []) sum += this.changes.get(table) ?? 0;
    return sum;
  }
}

function bump(counts: Map<string, number>, table: string) {
  counts.set(table, (counts.get(table) ?? 0) + 1);
}

const WRITE_WORDS = /\b(insert|update|delete|merge|truncate|alter|create|drop|copy|call|do)\b/i;
const EVERYTHING = /\b(delete|truncate|alter|create|drop|copy|call)\b|^\s*do\b/i;
const WRITTEN_TABLE = /\b(insert\s+into|update|merge\s+into)\s+(?:only\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;
