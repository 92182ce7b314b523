import fs from 'node:fs/promises';
import path from 'node:path';
import { BenchFailure, formatRate, measure, ROOT, startHearth, type ScenarioResult } from './support.js';

// DESIGN.md: anonymous content pages "reach at least half the throughput of the same bytes served as a static file by
// the same server".
const TARGET_RATIO = 0.5;
const LOAD = { connections: 10, warmUpSeconds: 2, durationSeconds: 8 };

async function fetchChecked(url: string) {
  let response = await fetch(url, { redirect: 'manual' });
  // Just after start, the load shedder may still be counting the start-up's busy event loop: wait for it to settle.
  for (let attempt = 0; response.status === 503 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    response = await fetch(url, { redirect: 'manual' });
  }
  const body = await response.text();
  if (response.status !== 200) throw new BenchFailure(`GET ${url} answered ${response.status}, not 200.`);
  return { response, body };
}

/**
 * Measures an anonymous page against the same bytes served as a plain static file by the same server. The page must
 * set no cookie and come from the page cache (an ETag, and the same bytes twice); `check` adds the scenario's own
 * test that the page is the one meant.
 */
export async function cachedPageAgainstStaticFile(options: {
  path: string;
  measures: string;
  check?: (body: string) => void;
}): Promise<ScenarioResult> {
  const hearth = await startHearth();
  const staticName = `bench-${options.path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.html`;
  // public/build is git-ignored and served at /assets/build/, so the same bytes can go out as a plain static file.
  const staticFile = path.join(ROOT, 'public', 'build', staticName);
  try {
    const pageUrl = `${hearth.origin}${options.path}`;
    const first = await fetchChecked(pageUrl);
    // The promise that matters most here: reading a public page must not start a session.
    if (first.response.headers.has('set-cookie')) {
      throw new BenchFailure(`The anonymous page ${options.path} set a cookie: ${first.response.headers.get('set-cookie')}`);
    }
    options.check?.(first.body);
    const cached = await fetchChecked(pageUrl);
    if (cached.body !== first.body || !cached.response.headers.get('etag')) {
      throw new BenchFailure(`The second request for ${options.path} was not served from the page cache (no ETag, or different bytes).`);
    }

    await fs.mkdir(path.dirname(staticFile), { recursive: true });
    await fs.writeFile(staticFile, first.body);
    const staticUrl = `${hearth.origin}/assets/build/${staticName}`;
    const asStatic = await fetchChecked(staticUrl);
    if (asStatic.body !== first.body) throw new BenchFailure(`${staticUrl} did not serve the bytes of ${options.path}.`);

    const page = await measure({ url: pageUrl, ...LOAD });
    const file = await measure({ url: staticUrl, ...LOAD });
    const ratio = Math.round((page.requestsPerSecond / file.requestsPerSecond) * 100) / 100;
    return {
      measures: options.measures,
      summary:
        `${formatRate(page.requestsPerSecond)} req/s against ${formatRate(file.requestsPerSecond)} req/s static: ` +
        `ratio ${ratio.toFixed(2)} (p95 ${page.latencyMs.p95} ms against ${file.latencyMs.p95} ms)`,
      target: `ratio ≥ ${TARGET_RATIO}`,
      met: ratio >= TARGET_RATIO,
      database: hearth.database,
      figures: { ratio, path: options.path, pageBytes: Buffer.byteLength(first.body), page, static: file },
    };
  } finally {
    await hearth.close();
    await fs.rm(staticFile, { force: true });
  }
}
