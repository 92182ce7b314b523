import { fork } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../../src/platform/demo.js';
import { settledResponse } from '../ceiling-ratio.js';
import type { MixedAction, MixedLoadReport, MixedLoadRequest } from '../mixed-load-generator.js';
import { startHearthProcess } from '../processes.js';
import { BenchFailure, formatRate, type ScenarioResult } from '../support.js';
import { ARTICLE } from './content-article.js';
import { signInStaff } from './practice-chronology.js';
import { signIn } from './signed-in-ratio.js';

export const name = 'mixed-load';

// Issue 16: mixed traffic at rising concurrency until p95 passes 500 ms. The knee is the highest concurrency with
// p95 ≤ 500 ms and no error and no 503; beyond it Hearth should turn requests away with 503 and Retry-After.
const P95_LIMIT_MS = 500;
const STEPS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
/** The last step: far above any knee seen here, and above MAX_REQUESTS_IN_FLIGHT's default (128). */
const FLOOD = 384;
const WARM_UP_SECONDS = Number(process.env.BENCH_MIXED_WARM_UP ?? 2);
const STEP_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 8);
/** Members who sign in for real during the run: the throttle counts an attempt until it succeeds, per account. */
const BENCH_MEMBERS = 32;

/** Runs inside the Hearth process: members who post freely (so no post waits for a moderator) and a thread to post in. */
export async function prepare(app: FastifyInstance): Promise<{ threadId: number }> {
  const db = app.services.db;
  // Plainly fictional members with the demo password, copied from the demo member's row (no argon2 needed here).
  await sql`insert into users (email, display_name, password_hash, status, email_confirmed_at)
    select 'bench-member-' || n || '@example.org', 'Bench member ' || n, password_hash, 'active', now()
    from users, generate_series(1, ${BENCH_MEMBERS}) n where email = 'member@example.org'`.execute(db);
  await sql`insert into user_roles (user_id, role) select id, 'member' from users where email like 'bench-member-%'`.execute(db);
  const member = await db.selectFrom('users').select('id').where('email', '=', 'member@example.org').executeTakeFirstOrThrow();
  await db.updateTable('board_profiles').set({ posts_freely: true }).where('user_id', '=', member.id).execute();
  const thread = await db
    .selectFrom('board_threads')
    .select('id')
    .where('board_slug', '=', 'parents')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return { threadId: thread.id };
}

function askGenerator(request: MixedLoadRequest): Promise<MixedLoadReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('../mixed-load-generator.ts', import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: { ok: true; report: MixedLoadReport } | { ok: false; error: string } | undefined;
    child.once('message', (message: typeof answer) => (answer = message));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answer) return reject(new BenchFailure(`The mixed-load generator stopped (exit code ${code}) without a report.`));
      if (!answer.ok) return reject(new BenchFailure(`The mixed-load generator failed: ${answer.error}`));
      resolve(answer.report);
    });
    child.send(request);
  });
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function formToken(url: string, cookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (response.status !== 200 || !token) throw new BenchFailure(`GET ${url} answered ${response.status}, or had no form.`);
  return token;
}

export async function run(): Promise<ScenarioResult> {
  const hearth = await startHearthProcess({
    // Every post is a real one; the boards' per-member limits (4 a minute) would otherwise make most of them 429s.
    env: { BOARDS_POSTS_PER_MINUTE: '10000', BOARDS_POSTS_PER_HOUR: '100000' },
    prepare: { module: import.meta.url, exportName: 'prepare' },
  });
  try {
    const { threadId } = hearth.prepared as { threadId: number };
    const origin = hearth.origin;
    await settledResponse(`${origin}/sign-in`);
    // Signed in before the run: a staff sign-in's code can be used once per 30-second step, so staff pages are read by
    // sessions made here, through the real password and two-factor forms.
    const member = await signIn(origin);
    const manager = await signInStaff(origin, 'manager@example.org');
    const practitioner = await signInStaff(origin, 'practitioner@example.org');
    const threadPath = `/boards/parents/t/${threadId}`;
    const csrf = await formToken(`${origin}${threadPath}`, member);

    const signIns: MixedAction[] = Array.from({ length: BENCH_MEMBERS }, (_, i) => ({
      name: 'sign-in',
      weight: 3 / BENCH_MEMBERS,
      formFlow: true,
      steps: [
        { method: 'GET', path: '/sign-in', expect: 200 },
        {
          method: 'POST',
          path: '/sign-in',
          body: new URLSearchParams({ email: `bench-member-${i + 1}@example.org`, password: DEMO_PASSWORD }).toString(),
          expect: 303,
        },
      ],
    }));
    const actions: MixedAction[] = [
      { name: 'article', weight: 30, steps: [{ method: 'GET', path: ARTICLE, expect: 200 }] },
      { name: 'home', weight: 10, steps: [{ method: 'GET', path: '/', expect: 200 }] },
      { name: 'search', weight: 20, steps: [{ method: 'GET', path: '/search?q=child+protection+', expect: 200, varyQuery: true }] },
      { name: 'thread', weight: 10, cookie: member, steps: [{ method: 'GET', path: threadPath, expect: 200 }] },
      {
        name: 'post',
        weight: 5,
        cookie: member,
        steps: [
          {
            method: 'POST',
            path: `${threadPath}/reply`,
            body: new URLSearchParams({ _csrf: csrf, body: 'Thinking of you. It does get easier, one meeting at a time.' }).toString(),
            expect: 303,
          },
        ],
      },
      { name: 'practice', weight: 10, cookie: practitioner, steps: [{ method: 'GET', path: '/practice', expect: 200 }] },
      { name: 'oversight', weight: 5, cookie: manager, steps: [{ method: 'GET', path: '/practice/oversight', expect: 200 }] },
      { name: 'staff', weight: 7, cookie: manager, steps: [{ method: 'GET', path: '/staff', expect: 200 }] },
      ...signIns,
    ];

    const steps: (MixedLoadReport & { connections: number; rssMb: { before: number; peak: number } })[] = [];
    for (const connections of STEPS) {
      const before = rssMb(hearth.pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(hearth.pid))), 250);
      let report: MixedLoadReport;
      try {
        report = await askGenerator({ origin, connections, warmUpSeconds: WARM_UP_SECONDS, durationSeconds: STEP_SECONDS, actions });
      } finally {
        clearInterval(sampler);
      }
      steps.push({ ...report, connections, rssMb: { before, peak } });
      console.log(
        `  ${connections} at once: ${formatRate(report.requestsPerSecond)} req/s, p95 ${report.latencyMs.p95} ms, ` +
          `${report.errors} errors, ${report.shed} 503s, RSS peak ${peak} MB, ${JSON.stringify(report.statusCounts)}`,
      );
      if (report.latencyMs.p95 > P95_LIMIT_MS || report.errors > 0 || report.shed > 0) break;
      // Let the session touches and the post's jobs settle, and the shedder's view of the event loop clear.
      await settledResponse(`${origin}/`);
    }

    // Far above the knee and above MAX_REQUESTS_IN_FLIGHT's default (128): what a flood gets.
    await settledResponse(`${origin}/`);
    const floodBefore = rssMb(hearth.pid);
    let floodPeak = floodBefore;
    const floodSampler = setInterval(() => (floodPeak = Math.max(floodPeak, rssMb(hearth.pid))), 250);
    let flood: MixedLoadReport;
    try {
      flood = await askGenerator({ origin, connections: FLOOD, warmUpSeconds: WARM_UP_SECONDS, durationSeconds: STEP_SECONDS, actions });
    } finally {
      clearInterval(floodSampler);
    }
    console.log(
      `  flood, ${FLOOD} at once: ${formatRate(flood.requestsPerSecond)} req/s, p95 ${flood.latencyMs.p95} ms, ` +
        `${flood.errors} errors, ${flood.shed} 503s (${flood.shedWithRetryAfter} with Retry-After), RSS peak ${floodPeak} MB, ${JSON.stringify(flood.statusCounts)}`,
    );

    const knee = steps.filter((s) => s.latencyMs.p95 <= P95_LIMIT_MS && s.errors === 0 && s.shed === 0).at(-1);
    const beyond = steps.at(-1)!;
    const peakRss = Math.max(floodPeak, ...steps.map((s) => s.rssMb.peak));
    const errorRate = (s: MixedLoadReport) => (s.requests === 0 ? 0 : Math.round((s.errors / s.requests) * 10_000) / 10_000);
    const shedOk = beyond.shed === beyond.shedWithRetryAfter && flood.shed === flood.shedWithRetryAfter;
    const floodText = `flood of ${FLOOD}: ${formatRate(flood.requestsPerSecond)} req/s, ${flood.shed} of ${flood.requests} answers 503 (${flood.shedWithRetryAfter} with Retry-After), error rate ${errorRate(flood)}, p95 ${flood.latencyMs.p95} ms`;
    const beyondText =
      beyond === knee
        ? `p95 stayed under ${P95_LIMIT_MS} ms up to ${beyond.connections} at once`
        : `at ${beyond.connections}: p95 ${beyond.latencyMs.p95} ms, error rate ${errorRate(beyond)}, ${beyond.shed} of ${beyond.requests} answers 503 (${beyond.shedWithRetryAfter} with Retry-After)`;
    return {
      measures:
        'Mixed traffic at 1, 2, 4, … clients at once until p95 passes 500 ms: anonymous advice sheet and home page 40 %, search 20 %, ' +
        `a member's thread page 10 % and replies 5 %, staff pages (/practice, /practice/oversight, /staff) 22 %, real member sign-ins 3 %`,
      summary: knee
        ? `knee ${knee.connections} at once (${formatRate(knee.requestsPerSecond)} req/s, p95 ${knee.latencyMs.p95} ms, error rate ${errorRate(knee)}); ` +
          `${beyondText}; ${floodText}; Hearth's RSS peaked at ${peakRss} MB`
        : `no step met p95 ≤ ${P95_LIMIT_MS} ms without errors; ${beyondText}; ${floodText}; RSS peaked at ${peakRss} MB`,
      target: `p95 ≤ ${P95_LIMIT_MS} ms with no errors below the knee; above it, and in a flood of ${FLOOD}, only 503s with Retry-After`,
      // Every step before the last had no error (the run stops at the first); past the knee only 503s may appear.
      met: knee !== undefined && beyond.errors === 0 && flood.errors === 0 && shedOk,
      database: hearth.database,
      figures: {
        p95LimitMs: P95_LIMIT_MS,
        stepSeconds: STEP_SECONDS,
        knee: knee ? { connections: knee.connections, requestsPerSecond: knee.requestsPerSecond, p95: knee.latencyMs.p95 } : null,
        peakRssMb: peakRss,
        steps,
        flood: { ...flood, connections: FLOOD, rssMb: { before: floodBefore, peak: floodPeak } },
      },
    };
  } finally {
    await hearth.close();
  }
}
