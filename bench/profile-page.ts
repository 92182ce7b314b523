// Loads one page of the signed-in-ratio scenario for a while, with Hearth in its own process, and prints the rate and
// Hearth's CPU time per request (steadier than the rate on a shared machine);
// with BENCH_CPU_PROFILE=<directory>, Hearth runs under `node --cpu-prof` and the profile's summary is printed too.
//   BENCH_CPU_PROFILE=profiles npx tsx bench/profile-page.ts thread|account|article|child-chronology|family-chronology|oversight [seconds]
import fs from 'node:fs/promises';
import path from 'node:path';
import { settledResponse } from './ceiling-ratio.js';
import { startHearthProcess } from './processes.js';
import { summarise } from './profile-summary.js';
import { ARTICLE } from './scenarios/content-article.js';
import { signInStaff } from './scenarios/practice-chronology.js';
import { signIn } from './scenarios/signed-in-ratio.js';
import { measure, ROOT } from './support.js';

const [page = 'thread', seconds = '10'] = process.argv.slice(2);
const profileDir = process.env.BENCH_CPU_PROFILE ? path.resolve(ROOT, process.env.BENCH_CPU_PROFILE) : undefined;
const before = new Set(profileDir ? await fs.readdir(profileDir).catch(() => []) : []);

const practice = page.endsWith('-chronology');
const oversight = page === 'oversight';
const scenario = oversight ? 'oversight-dashboard' : practice ? 'practice-chronology' : 'signed-in-ratio';
const hearth = await startHearthProcess({
  prepare: { module: new URL(`./scenarios/${scenario}.ts`, import.meta.url).href, exportName: 'prepare' },
  // As the practice-chronology scenario: on PGlite, load shedding is off to measure the queue.
  ...((practice || oversight) && !process.env.BENCH_DATABASE_URL ? { env: { MAX_EVENT_LOOP_DELAY_MS: '0' } } : {}),
});
try {
  const { threadId, childId, familyId } = hearth.prepared as { threadId?: number; childId?: string; familyId?: string };
  const paths: Record<string, string> = {
    thread: `/boards/parents/t/${threadId}`,
    account: '/account',
    article: ARTICLE,
    'child-chronology': `/practice/children/${childId}/chronology`,
    'family-chronology': `/practice/families/${familyId}/chronology`,
    oversight: '/practice/oversight',
  };
  // Preparing a synthetic authority keeps the event loop busy for a while after the process says it is ready.
  await settledResponse(`${hearth.origin}/sign-in`);
  const staff = oversight ? 'manager@example.org' : 'practitioner@example.org';
  const cookie =
    page === 'article' ? undefined : practice || oversight ? await signInStaff(hearth.origin, staff) : await signIn(hearth.origin);
  const load = { url: `${hearth.origin}${paths[page]}`, ...(cookie ? { headers: { cookie } } : {}), connections: 10, warmUpSeconds: 0 };
  await measure({ ...load, durationSeconds: 2 });
  const cpuBefore = await hearth.cpuUsage();
  const result = await measure({ ...load, durationSeconds: Number(seconds) });
  const cpuAfter = await hearth.cpuUsage();
  const cpuMs = (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1000;
  console.log(
    `${page}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms; ` +
      `Hearth CPU ${(cpuMs / result.requests).toFixed(3)} ms a request (${result.requests} requests)`,
  );
} finally {
  await hearth.close();
}

if (profileDir) {
  const written = (await fs.readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  for (const file of written) {
    console.log(`\n${path.join(profileDir, file)}\n`);
    console.log(summarise(JSON.parse(await fs.readFile(path.join(profileDir, file), 'utf8')), 30));
  }
}
