import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { publicPath, type ContentType } from '../types.js';

export interface SearchQuery {
  q: string;
  type?: ContentType;
  subject?: string;
  page: number;
}

export interface SearchHit {
  id: string;
  type: ContentType;
  title: string;
  /** Escaped HTML with the matching words in <mark>. */
  titleHtml: string;
  excerptHtml: string;
  path: string;
  publishedAt: Date;
}

export const SEARCH_PER_PAGE = 10;
/** Longer queries are cut here: nobody types more, and it bounds the work a request can ask for. */
export const MAX_QUERY_LENGTH = 200;

// ts_headline marks matches with these; the text is escaped afterwards and only then are they turned into <mark>, so
// no text from an item can ever become markup. Published text is stripped of control characters, so they cannot clash.
const START = '\u0002';
const STOP = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function markedHtml(headline: string): string {
  return escapeHtml(headline).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');
}

/** What a person typed, made safe to hand to websearch_to_tsquery, which accepts any text without a syntax error. */
export function cleanQuery(raw: unknown): string {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== 'string') return '';
  // eslint-disable-next-line no-control-regex -- control characters are never part of a search
  return [...text.replace(/[\u0000-\u001f\u007f\ufffd]/g, ' ')].slice(0, MAX_QUERY_LENGTH).join('').trim();
}

/** Levenshtein distance, for ranking a handful of suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * PostgreSQL full-text search over everything published. Items whose title or summary hold the whole query come first,
 * ranked by ts_rank on those few words (a title counts more than a summary); the other matches follow, newest first.
 * Ranking never reads the long text, so a word found in ten thousand items costs a count of them and a ranking of
 * the few hundred with it in the title or summary. Highlighted excerpts are made only for the page shown.
 */
export function createSearch(db: Db) {
  async function search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
    if (!query.q) return { hits: [], total: 0 };
    const offset = (query.page - 1) * SEARCH_PER_PAGE;
    // Each part of the page is cut to what the requested page can need before the two are put together.
    const enough = offset + SEARCH_PER_PAGE;
    const typeFilter = query.type ? sql`and s.type = ${query.type}` : sql``;
    const subjectFilter = query.subject ? sql`and s.subject = ${query.subject}` : sql``;
    const result = await sql<{
      total: number;
      item_id: string | null;
      type: string;
      slug: string;
      subject: string | null;
      published_at: Date;
      title_html: string;
      excerpt: string;
    }>`
      with query as (select websearch_to_tsquery('english', ${query.q}) as q),
      -- Every match, as a key and a date only: the index answers which items match, and their narrow rows are
      -- counted without reading any text.
      matches as materialized (
        select s.item_id, s.published_at from content_search s, query
        where s.document @@ query.q ${typeFilter} ${subjectFilter}
      ),
      -- The matches whose title or summary hold the whole query; joining with matches keeps a negated word
      -- ("foster -court") out when it is in the text.
      head_matches as materialized (
        select m.item_id, m.published_at, ts_rank(h.head, query.q) as rank
        from matches m join content_search_heads h using (item_id), query
        where h.head @@ query.q
      ),
      page as (
        (select item_id, published_at, rank from head_matches order by rank desc, published_at desc, item_id limit ${enough})
        union all
        (select item_id, published_at, -1 from matches m
         where not exists (select 1 from head_matches h where h.item_id = m.item_id)
         order by published_at desc, item_id limit ${enough})
        order by rank desc, published_at desc, item_id
        limit ${SEARCH_PER_PAGE} offset ${offset}
      )
      select t.total::int as total, p.item_id, p.type, p.slug, p.subject, p.published_at,
             ts_headline('english', p.title, query.q, ${TITLE_OPTIONS}) as title_html,
             ts_headline('english', p.summary || ' ' || p.body_text, query.q, ${HEADLINE_OPTIONS}) as excerpt
      from (select count(*) as total from matches) t
      cross join query
      left join (page join content_published p using (item_id)) on true
      order by page.rank desc, page.published_at desc, page.item_id
    `.execute(db);
    const rows = result.rows;
    return {
      total: Number(rows[0]?.total ?? 0),
      hits: rows.flatMap((row) => {
        if (row.item_id === null) return [];
        const type = row.type as ContentType;
        return [
          {
            id: row.item_id,
            type,
            title: row.title_html.replaceAll(START, '').replaceAll(STOP, ''),
            titleHtml: markedHtml(row.title_html),
            excerptHtml: markedHtml(row.excerpt),
            path: publicPath(type, row.slug, row.subject),
            publishedAt: row.published_at,
          },
        ];
      }),
    };
  }

  /** Close words that published content does use, by trigram similarity: "did you mean kinship care?". */
  async function suggest(q: string): Promise<string | null> {
    const words = (q.toLowerCase().match(/[a-z][a-z'-]*/g) ?? []).slice(0, 8);
    if (words.length === 0) return null;
    let changed = false;
    const better: string[] = [];
    for (const word of words) {
      if (word.length < 4) {
        better.push(word);
        continue;
      }
      // Trigrams find candidates quickly through the index; edit distance then picks the one a typo most likely meant.
      const candidates = await db
        .selectFrom('content_lexicon')
        .select(['word', sql<number>`similarity(word, ${word})`.as('score')])
        .where(sql<boolean>`word % ${word}`)
        .orderBy('score', 'desc')
        .orderBy('word')
        .limit(8)
        .execute();
      const row = candidates.sort((a, b) => editDistance(a.word, word) - editDistance(b.word, word))[0];
      if (row && row.word !== word) {
        changed = true;
        better.push(row.word);
      } else better.push(word);
    }
    return changed ? better.join(' ') : null;
  }

  return { search, suggest };
}

export type Search = ReturnType<typeof createSearch>;
