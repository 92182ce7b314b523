import { sql } from 'kysely';
import type { Actor, AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { FieldError } from '../../../platform/validation.js';
import { RESERVED_SLUGS } from './forms.js';
import { startingRules, tidyRules, unsafeRules } from './rules.js';
import type { Reading } from '../reading/service.js';
import type { BoardRules } from '../schema.js';

export interface NewBoard {
  slug: string;
  title: string;
  description: string;
  restricted: boolean;
}

export interface BoardDetails {
  title: string;
  description: string;
  position: number;
}

export interface BoardAccessRules {
  restricted: boolean;
  rules: BoardRules;
}

/**
 * What a change to a board comes to: `not-found` when there is no such board, `invalid` with the errors to show
 * (a taken address, unsafe rules), `has-threads` when a board people have posted on would be deleted.
 */
export type BoardChange =
  { ok: true } | { ok: false; reason: 'not-found' | 'has-threads' } | { ok: false; reason: 'invalid'; errors: FieldError[] };

const DONE = { ok: true } as const;
const NOT_FOUND = { ok: false, reason: 'not-found' } as const;
const invalid = (errors: FieldError[]) => ({ ok: false, reason: 'invalid', errors }) as const;

/** What the audit entry keeps of a board: everything an administrator can change. */
function snapshot(board: {
  title: string;
  description: string;
  position: number;
  restricted: boolean;
  rules: BoardRules;
  closed_at: Date | null;
}) {
  return {
    title: board.title,
    description: board.description,
    position: board.position,
    restricted: board.restricted,
    rules: board.rules,
    closed: board.closed_at !== null,
  };
}

/**
 * Adding boards and deciding who may use them. Each change and its audit entry (with the board before and after)
 * commit together. Afterwards this instance forgets the boards it keeps in memory, so the change applies to the
 * next request, and every thread of the board moves to a new version, so no kept rendering shows the old name.
 */
export function createBoardAdmin(deps: { db: Db; audit: AuditLog; reading: Reading }) {
  const { db, audit, reading } = deps;

  async function list() {
    return db
      .selectFrom('boards as b')
      .leftJoin('board_threads as t', 't.board_slug', 'b.slug')
      .selectAll('b')
      .select((eb) => eb.fn.count<string>('t.id').as('threads'))
      .groupBy('b.slug')
      .orderBy('b.position')
      .orderBy('b.title')
      .execute()
      .then((rows) => rows.map((row) => ({ ...row, threads: Number(row.threads) })));
  }

  async function find(slug: string) {
    return (await list()).find((board) => board.slug === slug) ?? null;
  }

  async function lockBoard(trx: Db, slug: string) {
    return trx.selectFrom('boards').selectAll().where('slug', '=', slug).forUpdate().executeTakeFirst();
  }

  async function touchThreads(trx: Db, slug: string) {
    await trx
      .updateTable('board_threads')
      .set({ version: sql<number>`version + 1` })
      .where('board_slug', '=', slug)
      .execute();
  }

  /** Runs one change to a board and its audit entry together; nothing is written when nothing would change. */
  async function change(
    actor: Actor,
    slug: string,
    action: string,
    apply: (trx: Db, board: NonNullable<Awaited<ReturnType<typeof lockBoard>>>) => Promise<void>,
  ): Promise<BoardChange> {
    const found = await db.transaction().execute(async (trx) => {
      const board = await lockBoard(trx, slug);
      if (!board) return false;
      await apply(trx, board);
      const after = (await lockBoard(trx, slug))!;
      const [before, now] = [snapshot(board), snapshot(after)];
      if (JSON.stringify(before) === JSON.stringify(now)) return true;
      await touchThreads(trx, slug);
      await audit.record({ actor, action, subjectType: 'board', subjectId: slug, details: { before, after: now } }, trx);
      return true;
    });
    reading.forgetBoards();
    return found ? DONE : NOT_FOUND;
  }

  /** Adds a board, last in the list, with the rules a board of its kind starts with. */
  async function create(actor: Actor, board: NewBoard): Promise<BoardChange> {
    if (RESERVED_SLUGS.includes(board.slug)) {
      return invalid([
        { field: 'slug', text: `The boards already use /boards/${board.slug} for something else. Choose a different web address` },
      ]);
    }
    const taken = [{ field: 'slug', text: `There is already a board at /boards/${board.slug}. Choose a different web address` }];
    try {
      const created = await db.transaction().execute(async (trx) => {
        const { last } = await trx
          .selectFrom('boards')
          .select((eb) => eb.fn.max<number | null>('position').as('last'))
          .executeTakeFirstOrThrow();
        const row = await trx
          .insertInto('boards')
          .values({
            slug: board.slug,
            title: board.title,
            description: board.description,
            restricted: board.restricted,
            position: (last ?? -1) + 1,
            rules: JSON.stringify(startingRules(board.restricted)),
          })
          .onConflict((oc) => oc.column('slug').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) return false;
        await audit.record(
          {
            actor,
            action: 'boards.board.created',
            subjectType: 'board',
            subjectId: board.slug,
            details: { before: null, after: snapshot(row) },
          },
          trx,
        );
        return true;
      });
      return created ? DONE : invalid(taken);
    } finally {
      reading.forgetBoards();
    }
  }

  async function changeDetails(actor: Actor, slug: string, details: BoardDetails): Promise<BoardChange> {
    return change(actor, slug, 'boards.board.changed', async (trx) => {
      await trx.updateTable('boards').set(details).where('slug', '=', slug).execute();
    });
  }

  /** Changes who may read, reply and start threads; unsafe rules are refused as errors and nothing is saved. */
  async function changeRules(actor: Actor, slug: string, access: BoardAccessRules): Promise<BoardChange> {
    const rules = tidyRules(access.rules);
    const problems = unsafeRules({ slug, restricted: access.restricted, rules });
    if (problems.length > 0) return (await find(slug)) ? invalid(problems) : NOT_FOUND;
    return change(actor, slug, 'boards.board.rules-changed', async (trx) => {
      await trx
        .updateTable('boards')
        .set({ restricted: access.restricted, rules: JSON.stringify(rules) })
        .where('slug', '=', slug)
        .execute();
    });
  }

  /** Closing keeps every thread readable and open to replies; it only stops new threads. */
  async function setClosed(actor: Actor, slug: string, closed: boolean): Promise<BoardChange> {
    return change(actor, slug, closed ? 'boards.board.closed' : 'boards.board.opened', async (trx, board) => {
      if (closed === (board.closed_at !== null)) return;
      await trx
        .updateTable('boards')
        .set({ closed_at: closed ? new Date() : null })
        .where('slug', '=', slug)
        .execute();
    });
  }

  /** Only a board nobody has posted on can go; one with threads is closed instead, so no conversation is lost. */
  async function remove(actor: Actor, slug: string): Promise<BoardChange> {
    try {
      return await db.transaction().execute(async (trx) => {
        const board = await lockBoard(trx, slug);
        if (!board) return NOT_FOUND;
        const thread = await trx.selectFrom('board_threads').select('id').where('board_slug', '=', slug).limit(1).executeTakeFirst();
        if (thread) return { ok: false, reason: 'has-threads' } as const;
        await trx.deleteFrom('board_watches').where('board_slug', '=', slug).execute();
        await trx.deleteFrom('board_memberships').where('board_slug', '=', slug).execute();
        await trx.deleteFrom('boards').where('slug', '=', slug).execute();
        await audit.record(
          {
            actor,
            action: 'boards.board.deleted',
            subjectType: 'board',
            subjectId: slug,
            details: { before: snapshot(board), after: null },
          },
          trx,
        );
        return DONE;
      });
    } catch (error) {
      // A thread started while the board was being deleted: its row now points here, so the board stays.
      if ((error as { code?: string }).code === '23503') return { ok: false, reason: 'has-threads' };
      throw error;
    } finally {
      reading.forgetBoards();
    }
  }

  return { list, find, create, changeDetails, changeRules, setClosed, remove };
}

export type BoardAdmin = ReturnType<typeof createBoardAdmin>;
