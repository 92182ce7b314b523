import fs from 'node:fs/promises';
import path from 'node:path';
import { BenchFailure, formatRate, measure, ROOT, startHearth, type ScenarioResult } from '../support.js';

export const name = 'home';

// DESIGN.md: anonymous content pages "reach at least half the throughput of the same bytes served as a static file by
// the same server".
const TARGET_RATIO = 0.5;
const STATIC_NAME = 'bench-home.html';
const LOAD = { connections: 10, warmUpSeconds: 2, durationSeconds: 8 };

async function fetchChecked(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200) throw new BenchFailure(`GET ${url} answered ${response.status}, not 200.`);
  return { response, body };
}

export async function run(): Promise<ScenarioResult> {
  const hearth = await startHearth();
  const staticFile = path.join(ROOT, 'public', 'build', STATIC_NAME);
  try {
    const homeUrl = `${hearth.origin}/`;
    const first = await fetchChecked(homeUrl);
    // The promise that matters most here: reading the front page must not start a session.
    if (first.response.headers.has('set-cookie')) {
      throw new BenchFailure(`The anonymous home page set a cookie: ${first.response.headers.get('set-cookie')}`);
    }
    const cached = await fetchChecked(homeUrl);
    if (cached.response.headers.has('set-cookie')) throw new BenchFailure('The cached home page set a cookie.');
    if (cached.body !== first.body || !cached.response.headers.get('etag')) {
      throw new BenchFailure('The second request for / was not served from the page cache (no ETag, or different bytes).');
    }

    // public/build is git-ignored and served at /assets/build/, so the same bytes can go out as a plain static file.
    await fs.mkdir(path.dirname(staticFile), { recursive: true });
    await fs.writeFile(staticFile, first.body);
    const staticUrl = `${hearth.origin}/assets/build/${STATIC_NAME}`;
    const asStatic = await fetchChecked(staticUrl);
    if (asStatic.body !== first.body) throw new BenchFailure(`${staticUrl} did not serve the bytes of the home page.`);

    const home = await measure({ url: homeUrl, ...LOAD });
    const file = await measure({ url: staticUrl, ...LOAD });
    const ratio = Math.round((home.requestsPerSecond / file.requestsPerSecond) * 100) / 100;

    return {
      measures: 'Anonymous home page from the render cache, against the same bytes as a static file',
      summary:
        `${formatRate(home.requestsPerSecond)} req/s against ${formatRate(file.requestsPerSecond)} req/s static: ` +
        `ratio ${ratio.toFixed(2)} (p95 ${home.latencyMs.p95} ms against ${file.latencyMs.p95} ms)`,
      target: `ratio ≥ ${TARGET_RATIO}`,
      met: ratio >= TARGET_RATIO,
      database: hearth.database,
      figures: { ratio, pageBytes: Buffer.byteLength(first.body), setsCookie: false, home, static: file },
    };
  } finally {
    await hearth.close();
    await fs.rm(staticFile, { force: true });
  }
}
