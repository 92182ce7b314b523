import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { BenchFailure, startHearth, type ScenarioResult } from '../support.js';

export const name = 'lighthouse';

// Debian's Chromium, which the browser tests use too (scripts/ensure-chromium.mjs installs it). Never a downloaded one.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const TARGET = 0.95;
// A single Lighthouse run swings by a few points on a busy machine; the middle of three is what it reports for itself.
const RUNS = 3;

const PAGES = [
  { key: 'home', path: '/' },
  // An advice sheet is the page families read most.
  { key: 'article', path: '/advice/sheets/child-protection-conferences-what-to-expect' },
] as const;

interface PageScore {
  path: string;
  /** The middle of the runs' performance scores, 0 to 1. */
  score: number;
  runs: number[];
  /** The metrics of the middle run, in milliseconds (CLS has no unit). */
  metrics: Record<string, number>;
  /** What Lighthouse said could be better in the middle run, with the time it would save. */
  opportunities: string[];
  /** Why any run gave no score; such runs are repeated, not counted. */
  failedRuns: string[];
}

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

type Audit = Pick<PageScore, 'score' | 'metrics' | 'opportunities'> | { failure: string };

async function audit(port: number, url: string): Promise<Audit> {
  // Lighthouse's default settings: a mid-range phone on a slow 4G connection, simulated, and the performance category.
  const result = await lighthouse(url, { port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
  if (!result) throw new BenchFailure(`Lighthouse gave no result for ${url}.`);
  const { lhr } = result;
  const score = lhr.categories.performance?.score;
  // On a busy machine Lighthouse now and then gives up on a run (no paint seen in time); the caller tries again.
  if (lhr.runtimeError || typeof score !== 'number') return { failure: lhr.runtimeError?.message ?? 'no performance score' };
  const metrics = Object.fromEntries(METRICS.map((id) => [id, Math.round((lhr.audits[id]?.numericValue ?? NaN) * 1000) / 1000]));
  const opportunities = Object.values(lhr.audits)
    .filter((a) => a.details?.type === 'opportunity' && typeof a.score === 'number' && a.score < 0.9)
    .map((a) => `${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return { score, metrics, opportunities };
}

/** Lighthouse's mobile performance score for the home page and an advice sheet, as an anonymous visitor sees them. */
export async function run(): Promise<ScenarioResult> {
  if (!fs.existsSync(CHROMIUM)) throw new BenchFailure(`${CHROMIUM} is missing: run node scripts/ensure-chromium.mjs.`);
  const hearth = await startHearth();
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
    const scores: Record<string, PageScore> = {};
    for (const page of PAGES) {
      const url = `${hearth.origin}${page.path}`;
      // Once first, so that every measured run finds the page in the render cache, as nearly every visitor does.
      const warm = await fetch(url);
      if (warm.status !== 200) throw new BenchFailure(`GET ${page.path} answered ${warm.status}, not 200.`);
      const runs = [];
      const failures: string[] = [];
      while (runs.length < RUNS) {
        const outcome = await audit(chrome.port, url);
        if ('failure' in outcome) failures.push(outcome.failure);
        else runs.push(outcome);
        if (failures.length > RUNS) throw new BenchFailure(`Lighthouse failed on ${page.path}: ${failures.join('; ')}`);
      }
      const middle = [...runs].sort((a, b) => a.score - b.score)[Math.floor(RUNS / 2)]!;
      scores[page.key] = { path: page.path, ...middle, runs: runs.map((r) => r.score), failedRuns: failures };
    }
    const home = scores.home!.score;
    const article = scores.article!.score;
    return {
      measures: 'Lighthouse mobile performance score (simulated slow 4G), home page and an advice sheet',
      summary: `home ${home.toFixed(2)}, advice sheet ${article.toFixed(2)} (middle of ${RUNS} runs each)`,
      target: `both ≥ ${TARGET}`,
      met: home >= TARGET && article >= TARGET,
      database: hearth.database,
      figures: { home, article, pages: scores },
    };
  } finally {
    chrome?.kill();
    await hearth.close();
  }
}
