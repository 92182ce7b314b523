import fs from 'node:fs/promises';
import path from 'node:path';
import { BenchFailure, formatRate, measure, ROOT, startHearth, type ScenarioResult } from '../support.js';

export const name = 'content-article';

// DESIGN.md: anonymous content pages "reach at least half the throughput of the same bytes served as a static file by
// the same server". An advice sheet is the page families read most.
const TARGET_RATIO = 0.5;
const STATIC_NAME = 'bench-content-article.html';
const ARTICLE = '/advice/sheets/child-protection-conferences-what-to-expect';
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

export async function run(): Promise<ScenarioResult> {
  const hearth = await startHearth();
  const staticFile = path.join(ROOT, 'public', 'build', STATIC_NAME);
  try {
    const articleUrl = `${hearth.origin}${ARTICLE}`;
    const first = await fetchChecked(articleUrl);
    if (first.response.headers.has('set-cookie')) throw new BenchFailure('The anonymous article page set a cookie.');
    if (!first.body.includes('general information, not legal advice')) throw new BenchFailure(`${ARTICLE} is not the demo advice sheet.`);
    const cached = await fetchChecked(articleUrl);
    if (cached.body !== first.body || !cached.response.headers.get('etag')) {
      throw new BenchFailure(`The second request for ${ARTICLE} was not served from the page cache.`);
    }

    await fs.mkdir(path.dirname(staticFile), { recursive: true });
    await fs.writeFile(staticFile, first.body);
    const staticUrl = `${hearth.origin}/assets/build/${STATIC_NAME}`;
    const asStatic = await fetchChecked(staticUrl);
    if (asStatic.body !== first.body) throw new BenchFailure(`${staticUrl} did not serve the bytes of the article.`);

    const article = await measure({ url: articleUrl, ...LOAD });
    const file = await measure({ url: staticUrl, ...LOAD });
    const ratio = Math.round((article.requestsPerSecond / file.requestsPerSecond) * 100) / 100;
    return {
      measures: 'Anonymous advice sheet from the render cache, against the same bytes as a static file',
      summary:
        `${formatRate(article.requestsPerSecond)} req/s against ${formatRate(file.requestsPerSecond)} req/s static: ` +
        `ratio ${ratio.toFixed(2)} (p95 ${article.latencyMs.p95} ms against ${file.latencyMs.p95} ms)`,
      target: `ratio ≥ ${TARGET_RATIO}`,
      met: ratio >= TARGET_RATIO,
      database: hearth.database,
      figures: { ratio, pageBytes: Buffer.byteLength(first.body), article, static: file },
    };
  } finally {
    await hearth.close();
    await fs.rm(staticFile, { force: true });
  }
}
