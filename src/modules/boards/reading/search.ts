import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { FORMER_MEMBER } from './service.js';

export const RESULTS_PER_PAGE = 20;
export const QUERY_MAX = 200;

// Characters that cannot occur in a post (they are stripped when it is rendered), used to mark the matched words.
const START = '\u0001';
const STOP = '\u0002';

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Board search over visible posts in visible threads, on the boards the reader may read and no others: the list of
 * boards is decided by the caller from the same access rules as every page, and applied inside the query.
 */
export function createSearch(db: Db) {
  async function search(query: string, readableSlugs: readonly string[], page: number) {
    if (readableSlugs.length === 0 || !query.trim()) return { total: 0, results: [] };
    const tsquery = sql`websearch_to_tsquery('english', ${query})`;
    const base = db
      .selectFrom('board_posts as p')
      .innerJoin('board_threads as t', 't.id', 'p.thread_id')
      .where('p.status', '=', 'visible')
      .where('t.status', '=', 'visible')
      .where('t.board_slug', 'in', [...readableSlugs])
      .where(sql<boolean>`p.search @@ ${tsquery}`);
    const { count } = await base.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    const rows = await base
      .innerJoin('boards as b', 'b.slug', 't.board_slug')
      .leftJoin('board_profiles as pr', 'pr.user_id', 'p.author_id')
      .select([
        'p.id',
        'p.created_at',
        'p.author_id',
        't.id as thread_id',
        't.title',
        'b.slug',
        'b.title as board_title',
        'pr.pseudonym',
        sql<string>`ts_headline('english', p.body, ${tsquery}, ${`StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15`})`.as(
          'headline',
        ),
      ])
      .orderBy(sql`ts_rank(p.search, ${tsquery})`, 'desc')
      .orderBy('p.id', 'desc')
      .limit(RESULTS_PER_PAGE)
      .offset((page - 1) * RESULTS_PER_PAGE)
      .execute();
    return {
      total: Number(count),
      results: rows.map((row) => ({
        ...row,
        pseudonym: row.author_id ? (row.pseudonym ?? FORMER_MEMBER) : FORMER_MEMBER,
        // Escaped first, then the markers become <mark>: the post's own text can never become markup.
        headlineHtml: escapeHtml(row.headline).split(START).join('<mark>').split(STOP).join('</mark>'),
      })),
    };
  }
  return { search };
}
