import type { BoardRules } from '../schema.js';

export interface RoundUpThread {
  id: number;
  title: string;
  /** New posts by other people since the last round-up. */
  posts: number;
  board: { slug: string; title: string; rules: BoardRules };
}

/** A round-up at most this many threads long; the rest are a link away. */
const MAX_THREADS = 50;

/**
 * The daily round-up: one email for everything someone watches, threads grouped under their boards, busiest first,
 * each with a link to its first unread post. Like every boards email it names threads but never quotes a post.
 */
export function roundUpFor(threads: readonly RoundUpThread[], links: { baseUrl: string; unsubscribeUrl: string }) {
  const listed = [...threads].sort((a, b) => b.posts - a.posts || a.id - b.id).slice(0, MAX_THREADS);
  const boards = new Map<string, RoundUpThread[]>();
  for (const thread of listed) boards.set(thread.board.title, [...(boards.get(thread.board.title) ?? []), thread]);
  const sections = [...boards].map(([title, inBoard]) => {
    const lines = inBoard.map(
      (t) =>
        `- “${t.title}”: ${t.posts} new ${t.posts === 1 ? 'post' : 'posts'}\n  ${links.baseUrl}/boards/${t.board.slug}/t/${t.id}/unread`,
    );
    return `${title}\n\n${lines.join('\n')}`;
  });
  const more = threads.length - listed.length;
  const total = threads.reduce((sum, t) => sum + t.posts, 0);
  return {
    subject: `Your daily round-up from the boards: ${total} new ${total === 1 ? 'post' : 'posts'}`,
    text: [
      'New posts since your last round-up, in the threads and boards you watch:',
      ...sections,
      ...(more > 0 ? [`And ${more} more ${more === 1 ? 'thread' : 'threads'} with new posts: ${links.baseUrl}/boards`] : []),
      `--\nYou get this round-up once a day because you asked for a daily email about threads or boards on Hearth's boards.\nStop the daily round-up: ${links.unsubscribeUrl}`,
    ].join('\n\n'),
  };
}
