import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testApp, type TestContext } from '../support/app.js';
import { migratedDataDirectory } from '../support/database.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Far more clients at once than Hearth lets in (MAX_REQUESTS_IN_FLIGHT below), each sending requests back to back. */
const CLIENTS = 200;
const MAX_IN_FLIGHT = 8;
const REQUESTS = 1_000;
/** Hearth on PGlite with the demo data uses a few hundred MB; a flood must not take it anywhere near this. */
const RSS_BOUND_BYTES = 1.5 * 1024 ** 3;
// Pages that cost something different each: the render cache, a database search (a new one each time, so that no
// cache can answer it), a form that starts a session, and the public API.
const PATHS = ['/', '/advice/sheets/child-protection-conferences-what-to-expect', '/search?q=conference+', '/sign-in', '/api/v1/flows'];

interface Answer {
  status: number;
  retryAfter: string | undefined;
}

function get(agent: http.Agent, origin: string, pathAndQuery: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${origin}${pathAndQuery}`, { agent }, (response) => {
      response.resume();
      response.on('end', () => {
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** The resident set of a process, from Linux's /proc. */
function rssOf(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) * 1024;
}

describe('Hearth flooded far beyond what it lets in at once', () => {
  let hearth: ChildProcess;
  let origin: string;
  let dataDir: string;
  const output: string[] = [];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-shedding-'));
    // Already migrated, so that `hearth start` has only the demo data to add.
    await migratedDataDirectory(dataDir);
    hearth = spawn(process.execPath, [path.join(ROOT, 'bin/hearth.mjs'), 'start', '--demo'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: '0',
        HEARTH_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        MAX_REQUESTS_IN_FLIGHT: String(MAX_IN_FLIGHT),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hearth.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    origin = await new Promise<string>((resolve, reject) => {
      let seen = '';
      hearth.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        output.push(chunk.toString());
        const address = /Hearth is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)?.[1];
        if (address) resolve(address);
      });
      hearth.once('exit', (code) => reject(new Error(`Hearth stopped (exit code ${code}) before it was ready:\n${output.join('')}`)));
    });
  });

  after(async () => {
    if (hearth.exitCode === null && hearth.signalCode === null) {
      const exited = new Promise((resolve) => hearth.once('exit', resolve));
      hearth.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request with its page or a 503 with Retry-After, keeps its memory bounded, and goes on serving', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const answers: Answer[] = [];
    const failures: string[] = [];
    let peakRss = rssOf(hearth.pid!);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(hearth.pid!))), 100);
    let sent = 0;
    try {
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (sent < REQUESTS) {
            const n = sent++;
            const url = PATHS[n % PATHS.length]! + (PATHS[n % PATHS.length]!.endsWith('+') ? String(n) : '');
            try {
              answers.push(await get(agent, origin, url));
            } catch (error) {
              failures.push(`${url}: ${(error as Error).message}`);
            }
          }
        }),
      );
    } finally {
      clearInterval(sampler);
      agent.destroy();
    }

    assert.deepEqual(failures.slice(0, 5), [], 'no connection was reset or refused');
    assert.equal(answers.length, REQUESTS);
    const statuses = answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
    assert.deepEqual(
      Object.keys(statuses).filter((status) => status !== '200' && status !== '503'),
      [],
      `only 200 and 503: ${JSON.stringify(statuses)}`,
    );
    assert.ok((statuses[503] ?? 0) > 0, `the flood was shed: ${JSON.stringify(statuses)}`);
    assert.ok((statuses[200] ?? 0) > 0, `some requests were served: ${JSON.stringify(statuses)}`);
    assert.ok(
      answers.every((a) => a.status !== 503 || a.retryAfter === '10'),
      'every 503 says when to try again',
    );
    assert.ok(peakRss < RSS_BOUND_BYTES, `resident memory peaked at ${Math.round(peakRss / 1024 ** 2)} MB`);

    assert.equal(hearth.exitCode, null, `Hearth is still running:\n${output.join('')}`);
    // Once the flood is over, one visitor at a time is let in as before (the event loop's lag is sampled each second).
    let afterwards = await get(new http.Agent(), origin, '/');
    for (let tries = 0; afterwards.status === 503 && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      afterwards = await get(new http.Agent(), origin, '/');
    }
    assert.equal(afterwards.status, 200);
    assert.doesNotMatch(output.join(''), /"level":(50|60)/, 'no error was logged');
  });
});

describe('the cap on requests in flight, alone', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ MAX_REQUESTS_IN_FLIGHT: '3' });
  });
  after(() => t.close());

  it('turns away what is over the cap with 503 and Retry-After, as a page and as problem+json, and lets requests in again once answered', async () => {
    // Searches each run a query, so a dozen sent at once are all in flight together.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.app.inject(i % 2 ? `/search?q=conference+${i}` : `/api/v1/content?page=${i + 1}`)),
    );
    const served = burst.filter((r) => r.statusCode === 200);
    const turnedAway = burst.filter((r) => r.statusCode === 503);
    assert.equal(served.length + turnedAway.length, burst.length, `only 200 and 503: ${burst.map((r) => r.statusCode)}`);
    assert.ok(served.length >= 3, `the first three were served: ${burst.map((r) => r.statusCode)}`);
    assert.ok(turnedAway.length > 0, `the rest were turned away: ${burst.map((r) => r.statusCode)}`);
    const isProblem = (response: (typeof burst)[number]) => String(response.headers['content-type']).startsWith('application/problem+json');
    for (const response of turnedAway) {
      assert.equal(response.headers['retry-after'], '10');
      if (isProblem(response)) {
        assert.equal(response.json().type, 'urn:hearth:problem:unavailable');
      } else {
        assert.match(response.body, /Sorry, the service is busy/);
      }
    }
    assert.ok(turnedAway.some(isProblem) && turnedAway.some((r) => !isProblem(r)), 'both a page and the API were turned away');

    // Every answer let one more in: one at a time, as many as there were in the burst, all are served.
    for (let i = 0; i < burst.length; i++) {
      assert.equal((await t.app.inject(`/search?q=advice+${i}`)).statusCode, 200);
    }
  });
});
