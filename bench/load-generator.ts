// Runs autocannon in a process of its own, started by `measure()` in support.ts. Sharing the server's event loop
// would make the load generator's own work count against Hearth, and on a two-core machine it would flatter every
// ratio towards 1, since the client's cost is the same for a fast page and a slow one.
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  connections: number;
  durationSeconds: number;
  warmUpSeconds: number;
  /** Sent with every request: a signed-in member's cookies, say. */
  headers?: Record<string, string>;
}

export interface LoadReport {
  requestsPerSecond: number;
  requests: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCounts: Record<string, number>;
  bytesPerSecond: number;
}

export type LoadMessage = { ok: true; report: LoadReport } | { ok: false; error: string };

/** Nearest-rank percentile of latencies already sorted in ascending order. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

function round(value: number, places = 2): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

function fire(request: LoadRequest, seconds: number, onLatency?: (ms: number) => void) {
  const instance = autocannon({
    url: request.url,
    connections: request.connections,
    duration: seconds,
    timeout: 10,
    ...(request.headers ? { headers: request.headers } : {}),
  });
  // autocannon's own histogram stores whole milliseconds and stops at p97.5 and p99; loopback latencies are often
  // under a millisecond, so the bench keeps every sample itself and can report p95 exactly.
  if (onLatency) instance.on('response', (_client, _status, _bytes, ms) => onLatency(ms));
  return instance;
}

export async function runLoad(request: LoadRequest): Promise<LoadReport> {
  if (request.warmUpSeconds > 0) await fire(request, request.warmUpSeconds);

  let samples = new Float64Array(1 << 16);
  let count = 0;
  const result = await fire(request, request.durationSeconds, (ms) => {
    if (count === samples.length) {
      const grown = new Float64Array(samples.length * 2);
      grown.set(samples);
      samples = grown;
    }
    samples[count++] = ms;
  });
  const sorted = samples.slice(0, count).sort();

  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count: n }]) => [code, n]));
  return {
    requestsPerSecond: round(result.requests.average),
    requests: result.requests.total,
    latencyMs: {
      p50: round(percentile(sorted, 50), 3),
      p95: round(percentile(sorted, 95), 3),
      p99: round(percentile(sorted, 99), 3),
      max: round(sorted.at(-1) ?? 0, 3),
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCounts,
    bytesPerSecond: round(result.throughput.average, 0),
  };
}

// Started by fork(): take one request from the parent, answer it, and leave.
if (process.send) {
  process.once('message', (request: LoadRequest) => {
    runLoad(request).then(
      (report) => process.send!({ ok: true, report } satisfies LoadMessage, () => process.disconnect()),
      (error: unknown) =>
        process.send!(
          { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LoadMessage,
          () => process.disconnect(),
        ),
    );
  });
}
