import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../../src/platform/demo.js';
import {
  againstCeiling,
  CACHED_PAGE_TARGET,
  checkCachedAnonymousPage,
  describeComparison,
  settledResponse,
  type CeilingComparison,
} from '../ceiling-ratio.js';
import { startHearthProcess } from '../processes.js';
import { BenchFailure, CookieJar, type ScenarioResult } from '../support.js';
import { longThread } from './boards-thread-read.js';
import { ARTICLE } from './content-article.js';

export const name = 'signed-in-ratio';

// DESIGN.md: pages for signed-in people reach at least 1/20 of the ceiling, on both databases.
const SIGNED_IN_TARGET = 0.05;
const POSTS_ON_THE_PAGE = 25;
const MEMBER = 'member@example.org';

/** Runs inside the Hearth process: a thread whose first page is full (an opening post and 24 replies). */
export async function prepare(app: FastifyInstance): Promise<{ threadId: number }> {
  return { threadId: await longThread(app, POSTS_ON_THE_PAGE - 1) };
}

/** Signs the demo member in through the form, as a browser would, and returns their cookies. */
export async function signIn(origin: string): Promise<string> {
  const jar = new CookieJar();
  let form = await fetch(`${origin}/sign-in`, { redirect: 'manual' });
  for (let attempt = 0; form.status === 503 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    form = await fetch(`${origin}/sign-in`, { redirect: 'manual' });
  }
  jar.take(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (form.status !== 200 || !token) throw new BenchFailure(`GET /sign-in answered ${form.status}, or had no form.`);
  const signedIn = await fetch(`${origin}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email: MEMBER, password: DEMO_PASSWORD }).toString(),
  });
  jar.take(signedIn);
  if (signedIn.status !== 303) throw new BenchFailure(`Signing in the demo member answered ${signedIn.status}.`);
  return jar.header;
}

function signedInPage(path: string, expect: (body: string) => boolean) {
  return (body: string, headers: [string, string][]) => {
    // A page that sets a cookie each time would make every request a new session or a new CSRF secret.
    if (headers.some(([name]) => name.toLowerCase() === 'set-cookie')) throw new BenchFailure(`${path} set a cookie on a steady request.`);
    if (!body.includes('Sign out') || !expect(body)) throw new BenchFailure(`${path} is not the signed-in member's page.`);
  };
}

export async function run(): Promise<ScenarioResult> {
  const hearth = await startHearthProcess({ prepare: { module: import.meta.url, exportName: 'prepare' } });
  try {
    const { threadId } = hearth.prepared as { threadId: number };
    const threadPath = `/boards/parents/t/${threadId}`;
    const cookie = await signIn(hearth.origin);
    // The session is touched at most once a minute: asking once before recording keeps that write out of the sample.
    await settledResponse(`${hearth.origin}/account`, { cookie });

    const article = await againstCeiling({
      url: `${hearth.origin}${ARTICLE}`,
      target: CACHED_PAGE_TARGET,
      check(body, headers) {
        checkCachedAnonymousPage(ARTICLE, headers);
        if (!body.includes('general information, not legal advice')) throw new BenchFailure(`${ARTICLE} is not the demo advice sheet.`);
      },
    });
    const thread = await againstCeiling({
      url: `${hearth.origin}${threadPath}`,
      headers: { cookie },
      target: SIGNED_IN_TARGET,
      check: signedInPage(
        threadPath,
        (body) => body.includes(`Reply ${POSTS_ON_THE_PAGE - 1}.`) && body.split('id="post-').length - 1 === POSTS_ON_THE_PAGE,
      ),
    });
    const account = await againstCeiling({
      url: `${hearth.origin}/account`,
      headers: { cookie },
      target: SIGNED_IN_TARGET,
      check: signedInPage('/account', (body) => body.includes(MEMBER)),
    });

    const pages: Record<string, CeilingComparison> = { article, thread, account };
    return {
      measures:
        'Against a bare node:http server sending the same bytes, in the same run: an anonymous advice sheet from the render cache, ' +
        `a signed-in member's board thread page (${POSTS_ON_THE_PAGE} posts) and their /account page; 10 connections`,
      summary:
        `cached article ${describeComparison(article)}; thread page ${describeComparison(thread)}; ` +
        `/account ${describeComparison(account)}`,
      target: `cached article ≥ ${CACHED_PAGE_TARGET}, signed-in pages ≥ ${SIGNED_IN_TARGET} of the ceiling`,
      met: Object.values(pages).every((page) => page.met),
      database: hearth.database,
      figures: { ratios: { article: article.ratio, thread: thread.ratio, account: account.ratio }, ...pages },
    };
  } finally {
    await hearth.close();
  }
}
