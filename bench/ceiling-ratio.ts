import { recordResponse, startCeiling, startHearthProcess } from './processes.js';
import { BenchFailure, formatRate, measure, type Measurement, type ScenarioResult } from './support.js';

// DESIGN.md: "Ceiling: a plain node:http server in its own process sending the same bytes, measured in the same run."
export const LOAD = { connections: 10, warmUpSeconds: 2, durationSeconds: 6 };
/** DESIGN.md: anonymous content pages from the render cache reach at least half the ceiling. */
export const CACHED_PAGE_TARGET = 0.5;

export interface CeilingComparison {
  /** Hearth's rate over the mean of the ceiling's two runs, to two places. */
  ratio: number;
  target: number;
  met: boolean;
  path: string;
  pageBytes: number;
  hearth: Measurement;
  ceilingBefore: Measurement;
  ceilingAfter: Measurement;
}

/** Asks for a page until the load shedder, still counting the start-up's busy event loop, lets it through. */
export async function settledResponse(url: string, headers: Record<string, string> = {}) {
  let recorded = await recordResponse(url, headers);
  for (let attempt = 0; recorded.status === 503 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    recorded = await recordResponse(url, headers);
  }
  return recorded;
}

/**
 * Measures one Hearth page against the ceiling sending the same response: the ceiling just before and just after
 * Hearth, so that a change in the machine's other load during the run shows as a gap between the two ceiling runs
 * rather than as a better or worse ratio. `check` must throw unless the body is the page meant.
 */
export async function againstCeiling(options: {
  url: string;
  headers?: Record<string, string>;
  target: number;
  check: (body: string, headers: [string, string][]) => void;
}): Promise<CeilingComparison> {
  const headers = options.headers ?? {};
  // Twice, so that what is recorded is the steady answer (a cached page, a session already touched), not the first one.
  await settledResponse(options.url, headers);
  const recorded = await settledResponse(options.url, headers);
  const { pathname, search } = new URL(options.url);
  if (recorded.status !== 200) throw new BenchFailure(`GET ${pathname}${search} answered ${recorded.status}, not 200.`);
  options.check(recorded.bytes.toString('utf8'), recorded.headers);

  const ceiling = await startCeiling(recorded);
  try {
    const ceilingBefore = await measure({ url: ceiling.url, ...LOAD });
    const hearth = await measure({ url: options.url, headers, ...LOAD });
    const ceilingAfter = await measure({ url: ceiling.url, ...LOAD });
    const ceilingRate = (ceilingBefore.requestsPerSecond + ceilingAfter.requestsPerSecond) / 2;
    const ratio = Math.round((hearth.requestsPerSecond / ceilingRate) * 1000) / 1000;
    return {
      ratio,
      target: options.target,
      met: ratio >= options.target,
      path: `${pathname}${search}`,
      pageBytes: recorded.bytes.length,
      hearth,
      ceilingBefore,
      ceilingAfter,
    };
  } finally {
    await ceiling.close();
  }
}

/** "0.62 of the ceiling (4,108 against 6,626 req/s; p95 4.9 ms)". */
export function describeComparison(comparison: CeilingComparison): string {
  const ceilingRate = (comparison.ceilingBefore.requestsPerSecond + comparison.ceilingAfter.requestsPerSecond) / 2;
  return (
    `${comparison.ratio.toFixed(3)} of the ceiling (${formatRate(comparison.hearth.requestsPerSecond)} against ` +
    `${formatRate(ceilingRate)} req/s; p95 ${comparison.hearth.latencyMs.p95} ms)`
  );
}

/** The checks every cached anonymous page must pass: no cookie, and served from the page cache. */
export function checkCachedAnonymousPage(path: string, headers: [string, string][]) {
  const names = headers.map(([name]) => name.toLowerCase());
  // The promise that matters most here: reading a public page must not start a session.
  if (names.includes('set-cookie')) throw new BenchFailure(`The anonymous page ${path} set a cookie.`);
  if (!names.includes('etag')) throw new BenchFailure(`${path} was not served from the page cache (no ETag).`);
}

/** A scenario of one anonymous page from the render cache, against the ceiling. */
export async function cachedPageAgainstCeiling(options: {
  path: string;
  measures: string;
  check?: (body: string) => void;
}): Promise<ScenarioResult> {
  const hearth = await startHearthProcess();
  try {
    const comparison = await againstCeiling({
      url: `${hearth.origin}${options.path}`,
      target: CACHED_PAGE_TARGET,
      check(body, headers) {
        checkCachedAnonymousPage(options.path, headers);
        options.check?.(body);
      },
    });
    return {
      measures: options.measures,
      summary: describeComparison(comparison),
      target: `ratio ≥ ${CACHED_PAGE_TARGET}`,
      met: comparison.met,
      database: hearth.database,
      figures: { ...comparison },
    };
  } finally {
    await hearth.close();
  }
}
