import { DEMO_PASSWORD } from '../../src/platform/demo.js';
import { CookieJar, BenchFailure, formatRate, startHearth, type ScenarioResult } from '../support.js';
import { measureRequest } from './guided-evaluate.js';

export const name = 'boards-reply-post';

// The module's brief: posting a reply, p95 under 50 ms. It names no load, so the target is judged on what a member
// waits for: one member posting reply after reply, as fast as the server answers (a far busier board than any real
// one). Ten members posting into one thread at once, each waiting for the one before to commit, is measured too and
// reported beside it: on two shared cores that is a throughput test (about 200 posts a second), not a latency one.
// Every request writes a real post (checks, insert, counters, the watchers' job), so the rate limits are lifted.
const TARGET_P95_MS = 50;
const ONE_MEMBER = { connections: 1, warmUpSeconds: 2, durationSeconds: 8 };
const TEN_AT_ONCE = { connections: 10, warmUpSeconds: 2, durationSeconds: 8 };

async function formToken(url: string, jar: CookieJar): Promise<string> {
  const response = await fetch(url, { headers: { cookie: jar.header }, redirect: 'manual' });
  jar.take(response);
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (response.status !== 200 || !token) throw new BenchFailure(`GET ${url} answered ${response.status}, or had no form.`);
  return token;
}

export async function run(): Promise<ScenarioResult> {
  const hearth = await startHearth({ BOARDS_POSTS_PER_MINUTE: '10000', BOARDS_POSTS_PER_HOUR: '100000' });
  try {
    const db = hearth.app.services.db;
    // The demo member, raised to post freely so that each reply goes straight up as most replies do.
    const member = await db.selectFrom('users').select('id').where('email', '=', 'member@example.org').executeTakeFirstOrThrow();
    await db.updateTable('board_profiles').set({ posts_freely: true }).where('user_id', '=', member.id).execute();
    const thread = await db
      .selectFrom('board_threads')
      .select('id')
      .where('board_slug', '=', 'parents')
      .orderBy('id')
      .executeTakeFirstOrThrow();

    const jar = new CookieJar();
    const signInToken = await formToken(`${hearth.origin}/sign-in`, jar);
    const signedIn = await fetch(`${hearth.origin}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: signInToken, email: 'member@example.org', password: DEMO_PASSWORD }).toString(),
    });
    jar.take(signedIn);
    if (signedIn.status !== 303) throw new BenchFailure(`Signing in the demo member answered ${signedIn.status}.`);

    const threadUrl = `${hearth.origin}/boards/parents/t/${thread.id}`;
    const csrf = await formToken(threadUrl, jar);
    // No submissionKey: each request is a new reply, as a form opened afresh would send.
    const body = new URLSearchParams({ _csrf: csrf, body: 'Thinking of you. It does get easier, one meeting at a time.' }).toString();
    const headers = { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' };
    const first = await fetch(`${threadUrl}/reply`, { method: 'POST', headers, body, redirect: 'manual' });
    if (first.status !== 303 || !/#post-\d+$/.test(first.headers.get('location') ?? '')) {
      throw new BenchFailure(
        `Posting a reply answered ${first.status} to "${first.headers.get('location')}", not a redirect to the new post.`,
      );
    }
    const before = await db
      .selectFrom('board_posts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('thread_id', '=', thread.id)
      .executeTakeFirstOrThrow();
    const request = { url: `${threadUrl}/reply`, method: 'POST' as const, headers, body, expectedStatus: 303 };
    const one = await measureRequest({ ...request, ...ONE_MEMBER });
    const ten = await measureRequest({ ...request, ...TEN_AT_ONCE });
    const after = await db
      .selectFrom('board_posts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('thread_id', '=', thread.id)
      .executeTakeFirstOrThrow();
    const written = Number(after.n) - Number(before.n);
    const answered = one.requests + ten.requests;
    if (written < answered) throw new BenchFailure(`${answered} replies were answered but only ${written} were written.`);
    return {
      measures: `Posting a reply to a board thread (checks, write, counters and the watchers' job): one member at a time, and ${TEN_AT_ONCE.connections} at once into the same thread`,
      summary:
        `one at a time: ${formatRate(one.requestsPerSecond)} req/s, p95 ${one.latencyMs.p95} ms (p50 ${one.latencyMs.p50} ms); ` +
        `${TEN_AT_ONCE.connections} at once: ${formatRate(ten.requestsPerSecond)} req/s, p95 ${ten.latencyMs.p95} ms (p50 ${ten.latencyMs.p50} ms)`,
      target: `p95 < ${TARGET_P95_MS} ms, one member posting`,
      met: one.latencyMs.p95 < TARGET_P95_MS,
      database: hearth.database,
      figures: { written, oneAtATime: one, tenAtOnce: ten },
    };
  } finally {
    await hearth.close();
  }
}
