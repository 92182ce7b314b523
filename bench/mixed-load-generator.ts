// Runs the mixed-load scenario's clients in a process of their own (as load-generator.ts does for autocannon): a fixed
// number of clients, each sending one request after another with no pause, every request drawn from a weighted mix.
import http from 'node:http';

/** Nearest-rank percentile, as load-generator.ts works it out (not imported: that module answers its own fork). */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(Math.max(1, Math.ceil((p / 100) * sorted.length)), sorted.length) - 1]!;
}

export interface MixedAction {
  name: string;
  weight: number;
  /** Requests sent one after another; the action's cookie goes with each. */
  steps: { method: 'GET' | 'POST'; path: string; body?: string; expect: number; varyQuery?: boolean }[];
  cookie?: string;
  /** Each step's form gets a fresh CSRF token from the page before it (a real sign-in). */
  formFlow?: boolean;
}

export interface MixedLoadRequest {
  origin: string;
  connections: number;
  warmUpSeconds: number;
  durationSeconds: number;
  actions: MixedAction[];
}

export interface MixedLoadReport {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Every answer by status, plus "network" for resets and refusals and "timeout" for none within 10 s. */
  statusCounts: Record<string, number>;
  /** Answers that were neither what the action expects nor a 503. */
  errors: number;
  shed: number;
  /** 503s that said when to try again. */
  shedWithRetryAfter: number;
  byAction: Record<string, { requests: number; p95: number; unexpected: number }>;
}

const TIMEOUT_MS = 10_000;

interface Answer {
  status: number | 'network' | 'timeout';
  retryAfter: boolean;
  body: string;
  cookies: string[];
}

function send(agent: http.Agent, origin: string, method: string, path: string, cookie: string, body?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const request = http.request(`${origin}${path}`, { method, agent, headers, timeout: TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          retryAfter: response.headers['retry-after'] !== undefined,
          body: Buffer.concat(chunks).toString('utf8'),
          cookies: response.headers['set-cookie'] ?? [],
        }),
      );
      response.on('error', () => resolve({ status: 'network', retryAfter: false, body: '', cookies: [] }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) =>
      resolve({ status: error.message === 'timeout' ? 'timeout' : 'network', retryAfter: false, body: '', cookies: [] }),
    );
    request.end(body);
  });
}

function pick(actions: MixedAction[], total: number): MixedAction {
  let r = Math.random() * total;
  for (const action of actions) {
    r -= action.weight;
    if (r < 0) return action;
  }
  return actions.at(-1)!;
}

export async function runMixedLoad(request: MixedLoadRequest): Promise<MixedLoadReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: request.connections });
  const total = request.actions.reduce((sum, a) => sum + a.weight, 0);
  const started = Date.now();
  const recordFrom = started + request.warmUpSeconds * 1000;
  const stopAt = recordFrom + request.durationSeconds * 1000;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const byAction: Record<string, { latencies: number[]; unexpected: number }> = {};
  let errors = 0;
  let shed = 0;
  let shedWithRetryAfter = 0;
  let sequence = 0;

  async function client() {
    while (Date.now() < stopAt) {
      const action = pick(request.actions, total);
      let cookie = action.cookie ?? '';
      let token = '';
      for (const step of action.steps) {
        let path = step.path;
        if (step.varyQuery) path += String(sequence++ % 1000);
        let body = step.body;
        if (action.formFlow && body !== undefined)
          body = new URLSearchParams({ _csrf: token, ...Object.fromEntries(new URLSearchParams(body)) }).toString();
        const at = performance.now();
        const answer = await send(agent, request.origin, step.method, path, cookie, body);
        const ms = performance.now() - at;
        if (action.formFlow) {
          const jar = new Map(cookie ? cookie.split('; ').map((pair) => pair.split('=', 2) as [string, string]) : []);
          for (const line of answer.cookies) {
            const [pair = ''] = line.split(';');
            const eq = pair.indexOf('=');
            jar.set(pair.slice(0, eq), pair.slice(eq + 1));
          }
          cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
          token = /name="_csrf" value="([^"]+)"/.exec(answer.body)?.[1] ?? token;
        }
        if (Date.now() >= recordFrom && Date.now() < stopAt) {
          latencies.push(ms);
          statusCounts[answer.status] = (statusCounts[answer.status] ?? 0) + 1;
          const mine = (byAction[action.name] ??= { latencies: [], unexpected: 0 });
          mine.latencies.push(ms);
          if (answer.status === 503) {
            shed += 1;
            if (answer.retryAfter) shedWithRetryAfter += 1;
          } else if (answer.status !== step.expect) {
            errors += 1;
            mine.unexpected += 1;
          }
        }
        // A turned-away or failed step ends the action, as it would for a person.
        if (answer.status !== step.expect) break;
      }
    }
  }

  await Promise.all(Array.from({ length: request.connections }, client));
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round((latencies.length / request.durationSeconds) * 100) / 100,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? 0),
    },
    statusCounts,
    errors,
    shed,
    shedWithRetryAfter,
    byAction: Object.fromEntries(
      Object.entries(byAction).map(([name, a]) => [
        name,
        { requests: a.latencies.length, p95: round(percentile(Float64Array.from(a.latencies).sort(), 95)), unexpected: a.unexpected },
      ]),
    ),
  };
}

// Started by fork(): take one request from the parent, answer it, and leave.
if (process.send) {
  process.once('message', (request: MixedLoadRequest) => {
    runMixedLoad(request).then(
      (report) => process.send!({ ok: true, report }, () => process.disconnect()),
      (error: unknown) =>
        process.send!({ ok: false, error: error instanceof Error ? error.stack : String(error) }, () => process.disconnect()),
    );
  });
}
