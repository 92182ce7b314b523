import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Principal } from '../../../platform/access.js';
import type { Db } from '../../../platform/db/database.js';
import { keptWhileUnchanged } from '../../../platform/db/kept-reads.js';
import type { WriteWatch } from '../../../platform/db/write-watch.js';
import type { Database } from '../../../platform/db/schema.js';
import { accessTo, moderates, type BoardAccess } from '../permissions.js';
import { sharedReads } from './shared-reads.js';
import { createVersionedCache } from './versioned-cache.js';
import type { BoardsTable, PostStatus, ThreadStatus } from '../schema.js';
import '../schema.js';

export type Viewer = Pick<Principal, 'id' | 'roles'> | null;
export type Board = Selectable<BoardsTable>;
export const POSTS_PER_PAGE = 25;
export const THREADS_PER_PAGE = 30;
/** Authors may change what they wrote for this long; after that, people may already have replied to it. */
export const EDIT_WINDOW_MS = 30 * 60_000;
export const FORMER_MEMBER = 'former member';

export interface BoardView {
  board: Board;
  access: BoardAccess;
  approved: boolean;
}

export interface ThreadRow {
  id: number;
  board_slug: string;
  title: string;
  author_id: string | null;
  status: ThreadStatus;
  locked: boolean;
  reply_count: number;
  shown_posts: number;
  version: number;
  last_post_id: number | null;
  last_post_at: Date;
  created_at: Date;
}

export interface PostView {
  id: number;
  authorId: string | null;
  pseudonym: string;
  badge: string | null;
  html: string;
  body: string;
  status: PostStatus;
  createdAt: Date;
  editedAt: Date | null;
  redacted: boolean;
  /** The words before a moderator removed part of them: for moderators only, null for everyone else. */
  original: string | null;
  mine: boolean;
  editable: boolean;
  unread: boolean;
}

/** Which posts of a thread someone sees: what is up, placeholders for deleted ones, and held posts that are theirs to see. */
function visibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'board_posts'>) => {
    const shown = eb('board_posts.status', 'in', ['visible', 'deleted']);
    if (!viewer) return shown;
    if (moderates(viewer)) return eb.or([shown, eb('board_posts.status', '=', 'held')]);
    return eb.or([shown, eb.and([eb('board_posts.status', '=', 'held'), eb('board_posts.author_id', '=', viewer.id)])]);
  };
}

/** What a signed-in reader brings to a thread page: how far they have read, their own held posts, their profile and watch. */
export interface Reader {
  lastRead: number | null;
  /** Held posts in the thread that this reader sees besides everyone's: their own, or all of them for a moderator. */
  held: number;
  profile: { pseudonym: string; posts_freely: boolean; approved_posts: number } | null;
  watch: { mode: string } | undefined;
}

type PostRow = Awaited<ReturnType<ReturnType<typeof postRowsQuery>['execute']>>[number];

function postRowsQuery(db: Db, threadId: number, viewer: Viewer, page: number) {
  return db
    .selectFrom('board_posts')
    .where('board_posts.thread_id', '=', threadId)
    .where(visibleTo(viewer))
    .leftJoin('board_profiles as p', 'p.user_id', 'board_posts.author_id')
    .select([
      'board_posts.id',
      'board_posts.author_id',
      'board_posts.badge',
      'board_posts.html',
      'board_posts.body',
      'board_posts.status',
      'board_posts.created_at',
      'board_posts.edited_at',
      'board_posts.redacted_original',
      'p.pseudonym',
    ])
    .orderBy('board_posts.id')
    .limit(POSTS_PER_PAGE)
    .offset((page - 1) * POSTS_PER_PAGE);
}

/** `writes`: on the embedded database, threads and readers are kept until a write could change them. */
export function createReading(db: Db, writes: WriteWatch | null = null) {
  // Boards change rarely (a moderator's edit, a demo seed), and every page needs them: keep them for a few seconds.
  let boardsCache: { rows: Board[]; until: number } | undefined;
  const readBoards = sharedReads(async () => db.selectFrom('boards').selectAll().orderBy('position').orderBy('title').execute());
  async function allBoards(): Promise<Board[]> {
    if (boardsCache && boardsCache.until > Date.now()) return boardsCache.rows;
    const rows = await readBoards(null);
    boardsCache = { rows, until: Date.now() + 5_000 };
    return rows;
  }
  function forgetBoards() {
    boardsCache = undefined;
  }

  async function approvedBoards(viewer: Viewer): Promise<Set<string>> {
    if (!viewer) return new Set();
    const rows = await db
      .selectFrom('board_memberships')
      .select('board_slug')
      .where('user_id', '=', viewer.id)
      .where('status', '=', 'approved')
      .execute();
    return new Set(rows.map((r) => r.board_slug));
  }

  /** Every board with what the viewer may do there. Callers show only those they may read (and name restricted ones only to people who may ask to join). */
  async function boardsFor(viewer: Viewer): Promise<BoardView[]> {
    const [boards, approved] = await Promise.all([allBoards(), approvedBoards(viewer)]);
    return boards.map((board) => ({
      board,
      approved: approved.has(board.slug),
      access: accessTo(board, viewer, approved.has(board.slug)),
    }));
  }

  async function boardFor(slug: string, viewer: Viewer): Promise<BoardView | null> {
    const board = (await allBoards()).find((b) => b.slug === slug);
    if (!board) return null;
    const approved = board.restricted && viewer ? (await approvedBoards(viewer)).has(slug) : false;
    return { board, approved, access: accessTo(board, viewer, approved) };
  }

  /** Visible threads, and the viewer's own held ones, newest activity first; with whether each has unread posts. */
  async function threadsOf(slug: string, viewer: Viewer, page: number) {
    const base = db.selectFrom('board_threads as t').where('t.board_slug', '=', slug);
    const shown = viewer
      ? base.where((eb) =>
          eb.or([eb('t.status', '=', 'visible'), eb.and([eb('t.status', '=', 'held'), eb('t.author_id', '=', viewer.id)])]),
        )
      : base.where('t.status', '=', 'visible');
    const { count } = await shown.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    const rows = await shown
      .leftJoin('board_reads as r', (join) => join.onRef('r.thread_id', '=', 't.id').on('r.user_id', '=', viewer?.id ?? null))
      .leftJoin('board_profiles as p', 'p.user_id', 't.author_id')
      .select([
        't.id',
        't.title',
        't.status',
        't.locked',
        't.reply_count',
        't.last_post_id',
        't.last_post_at',
        'r.last_read_post_id',
        'p.pseudonym',
      ])
      .orderBy('t.last_post_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(THREADS_PER_PAGE)
      .offset((page - 1) * THREADS_PER_PAGE)
      .execute();
    return {
      total: Number(count),
      threads: rows.map((row) => ({
        ...row,
        pseudonym: row.pseudonym ?? FORMER_MEMBER,
        unread: !!viewer && row.last_post_id !== null && (row.last_read_post_id === null || row.last_post_id > row.last_read_post_id),
      })),
    };
  }

  /** A thread the viewer may see: visible, or held and theirs (or they moderate). Otherwise null, which pages show as 404. */
  const readThread = keptWhileUnchanged(
    writes,
    { existingRows: ['board_threads'] },
    sharedReads(async (id: number) => db.selectFrom('board_threads').selectAll().where('id', '=', id).executeTakeFirst()),
  );
  async function threadFor(id: number, viewer: Viewer): Promise<ThreadRow | null> {
    const thread = await readThread(id);
    if (!thread) return null;
    if (thread.status === 'visible') return thread;
    if (moderates(viewer) || (thread.status === 'held' && viewer && thread.author_id === viewer.id)) return thread;
    return null;
  }

  async function lastReadOf(viewer: Viewer, threadId: number): Promise<number | null> {
    if (!viewer) return null;
    const row = await db
      .selectFrom('board_reads')
      .select('last_read_post_id')
      .where('user_id', '=', viewer.id)
      .where('thread_id', '=', threadId)
      .executeTakeFirst();
    return row?.last_read_post_id ?? null;
  }

  /**
   * Everything a thread page needs to know of its signed-in reader, in one query: each of these was a query of its own,
   * and on a busy thread they cost more than the posts.
   */
  const readReader = keptWhileUnchanged(
    writes,
    { anyWrite: ['board_reads', 'board_posts', 'board_profiles', 'board_watches'] },
    async (key: string): Promise<Reader> => {
      const [threadId, userId, moderator] = key.split(' ');
      const held = sql`(select count(*) from board_posts h
        where h.thread_id = ${Number(threadId)} and h.status = 'held' ${moderator === 'moderator' ? sql`` : sql`and h.author_id = ${userId}`})`;
      const { rows } = await sql<{
        last_read_post_id: number | null;
        held: number;
        pseudonym: string | null;
        posts_freely: boolean | null;
        approved_posts: number | null;
        watch_mode: string | null;
      }>`
        select r.last_read_post_id, ${held}::int as held, p.pseudonym, p.posts_freely, p.approved_posts, w.mode as watch_mode
        from (select ${userId}::uuid as user_id) me
        left join board_reads r on r.user_id = me.user_id and r.thread_id = ${Number(threadId)}
        left join board_profiles p on p.user_id = me.user_id
        left join board_watches w on w.user_id = me.user_id and w.thread_id = ${Number(threadId)}`.execute(db);
      const row = rows[0]!;
      return {
        lastRead: row.last_read_post_id,
        held: row.held,
        profile:
          row.pseudonym === null
            ? null
            : { pseudonym: row.pseudonym, posts_freely: row.posts_freely!, approved_posts: row.approved_posts! },
        watch: row.watch_mode ? { mode: row.watch_mode } : undefined,
      };
    },
  );
  function readerOf(threadId: number, viewer: Viewer): Promise<Reader> | Reader {
    if (!viewer) return { lastRead: null, held: 0, profile: null, watch: undefined };
    return readReader(`${threadId} ${viewer.id} ${moderates(viewer) ? 'moderator' : 'member'}`);
  }

  // The posts of a page are the same for everyone who sees no held posts there: kept with the thread's version.
  const sharedPages = createVersionedCache<PostRow[]>(200);

  async function postRowsOf(thread: ThreadRow, viewer: Viewer, page: number, held: number): Promise<PostRow[]> {
    if (held > 0 || moderates(viewer)) return postRowsQuery(db, thread.id, viewer, page).execute();
    const key = `${thread.id}:${page}`;
    const version = String(thread.version);
    const kept = sharedPages.get(key, version);
    if (kept) return kept;
    const rows = await postRowsQuery(db, thread.id, null, page).execute();
    sharedPages.set(key, version, rows);
    return rows;
  }

  /** A page of posts as this viewer sees them; `reader` is theirs from readerOf (null for an API caller who has read nothing). */
  async function postsOf(thread: ThreadRow, viewer: Viewer, page: number, reader: Reader | null = null) {
    const held = reader ? reader.held : await heldShownTo(thread.id, viewer);
    const lastRead = reader?.lastRead ?? null;
    const rows = await postRowsOf(thread, viewer, page, held);
    const now = Date.now();
    const posts: PostView[] = rows.map((row) => {
      const mine = !!viewer && row.author_id === viewer.id;
      return {
        id: row.id,
        authorId: row.author_id,
        pseudonym: row.author_id ? (row.pseudonym ?? FORMER_MEMBER) : FORMER_MEMBER,
        badge: row.author_id ? row.badge : null,
        html: row.status === 'deleted' ? '' : row.html,
        body: row.status === 'deleted' ? '' : row.body,
        status: row.status,
        createdAt: row.created_at,
        editedAt: row.edited_at,
        redacted: row.redacted_original !== null,
        original: moderates(viewer) ? row.redacted_original : null,
        mine,
        editable: mine && row.status !== 'deleted' && row.status !== 'rejected' && now - row.created_at.getTime() < EDIT_WINDOW_MS,
        unread: lastRead !== null && row.id > lastRead,
      };
    });
    return { total: thread.shown_posts + held, posts };
  }

  async function heldShownTo(threadId: number, viewer: Viewer): Promise<number> {
    if (!viewer) return 0;
    let query = db.selectFrom('board_posts').where('thread_id', '=', threadId).where('status', '=', 'held');
    if (!moderates(viewer)) query = query.where('author_id', '=', viewer.id);
    const { count } = await query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    return Number(count);
  }

  /** Remembers how far someone has read, never moving backwards when they open an older page. */
  async function markRead(viewer: Viewer, threadId: number, lastPostId: number): Promise<void> {
    if (!viewer) return;
    await db
      .insertInto('board_reads')
      .values({ user_id: viewer.id, thread_id: threadId, last_read_post_id: lastPostId })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'thread_id'])
          .doUpdateSet({ last_read_post_id: sql`greatest(board_reads.last_read_post_id, excluded.last_read_post_id)` }),
      )
      .execute();
  }

  /** The page that holds a post, counting only the posts this viewer sees. */
  async function pageOf(thread: ThreadRow, viewer: Viewer, postId: number): Promise<number> {
    const { count } = await db
      .selectFrom('board_posts')
      .where('board_posts.thread_id', '=', thread.id)
      .where(visibleTo(viewer))
      .where('board_posts.id', '<', postId)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    return Math.floor(Number(count) / POSTS_PER_PAGE) + 1;
  }

  /** The first post the viewer has not read, or null when they have read them all. */
  async function firstUnread(thread: ThreadRow, viewer: Viewer): Promise<number | null> {
    const lastRead = await lastReadOf(viewer, thread.id);
    const row = await db
      .selectFrom('board_posts')
      .select('board_posts.id')
      .where('board_posts.thread_id', '=', thread.id)
      .where(visibleTo(viewer))
      .where('board_posts.id', '>', lastRead ?? 0)
      .orderBy('board_posts.id')
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** One post, if the viewer may see it in a thread they may see. */
  async function postFor(postId: number, viewer: Viewer) {
    const post = await db
      .selectFrom('board_posts')
      .selectAll()
      .where('board_posts.id', '=', postId)
      .where(visibleTo(viewer))
      .executeTakeFirst();
    if (!post) return null;
    const thread = await threadFor(post.thread_id, viewer);
    return thread ? { post, thread } : null;
  }

  return {
    allBoards,
    forgetBoards,
    boardsFor,
    boardFor,
    threadsOf,
    threadFor,
    readerOf,
    postsOf,
    markRead,
    pageOf,
    firstUnread,
    postFor,
  };
}

export type Reading = ReturnType<typeof createReading>;
