import type { Actor, AuditLog } from '../audit.js';
import type { Db } from '../db/database.js';
import { addDays, startOfLondonDay } from '../time.js';
import type { AuditFilter } from './filters.js';
import { escapeLike } from './people.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditListEntry {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditListEntry[];
  /** The cursor for the next, older page; null on the last page. */
  olderBefore: number | null;
  /** Where the newer page starts: null for the newest page itself, { before: null } when that is the first page. */
  newer: { before: number | null } | null;
}

/**
 * Reading the audit log. It stays apart from audit.ts, which only writes and verifies the chain: nothing here can
 * change an entry, and the table refuses updates anyway.
 */
export function createAuditQueries(db: Db, audit: AuditLog) {
  function matching(filter: AuditFilter) {
    let query = db.selectFrom('audit_log');
    if (filter.actor) query = query.where('actor_label', 'ilike', `%${escapeLike(filter.actor)}%`);
    // A prefix, so that "sign-in" finds sign-in.failed and sign-in.succeeded alike.
    if (filter.action) query = query.where('action', 'like', `${escapeLike(filter.action)}%`);
    if (filter.subject) query = query.where('subject_id', '=', filter.subject);
    // Days as people in England and Wales count them, whatever the server's time zone and whether or not it is summer time.
    if (filter.from) query = query.where('at', '>=', startOfLondonDay(filter.from));
    if (filter.to) query = query.where('at', '<', startOfLondonDay(addDays(filter.to, 1)));
    return query;
  }

  /** A page of entries for an administrator. Reading the log is itself recorded, with the filters used. */
  async function page(actor: Actor, filter: AuditFilter): Promise<AuditPage> {
    let query = matching(filter)
      .select([
        'id',
        'at',
        'actor_label as actorLabel',
        'action',
        'subject_type as subjectType',
        'subject_id as subjectId',
        'ip',
        'reason',
        'details',
      ])
      .orderBy('id', 'desc')
      .limit(AUDIT_PAGE_SIZE + 1);
    if (filter.before) query = query.where('id', '<', filter.before);
    const rows = await query.execute();
    const entries = rows.slice(0, AUDIT_PAGE_SIZE);
    const used = Object.fromEntries(Object.entries(filter).filter(([, value]) => value));
    await audit.record({ actor, action: 'audit.viewed', details: used });
    return {
      entries,
      olderBefore: rows.length > AUDIT_PAGE_SIZE ? (entries.at(-1)?.id ?? null) : null,
      newer: filter.before ? await newerPage(filter, filter.before) : null,
    };
  }

  /** Keyset pages only go one way, so the way back is found by counting a page's worth of newer entries. */
  async function newerPage(filter: AuditFilter, before: number) {
    const newer = await matching(filter)
      .select('id')
      .where('id', '>=', before)
      .orderBy('id', 'asc')
      .limit(AUDIT_PAGE_SIZE + 1)
      .execute();
    return { before: newer.length > AUDIT_PAGE_SIZE ? newer[AUDIT_PAGE_SIZE]!.id : null };
  }

  return { page };
}
