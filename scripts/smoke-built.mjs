// Starts the compiled Hearth (dist/, from `npm run build`) on a new embedded database with the demo data, as the
// container image runs it, and checks that it serves its pages and stops cleanly on SIGTERM. Run by .ci/run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-built-'));
const port = 30_000 + Math.floor(Math.random() * 20_000);
const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), 'start', '--demo'], {
  cwd: root,
  env: { ...process.env, HEARTH_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

function fail(message) {
  console.error(`The built Hearth failed: ${message}\n${output}`);
  child.kill('SIGKILL');
  process.exit(1);
}

const started = await new Promise((resolve) => {
  const timer = setTimeout(() => resolve(false), 180_000);
  child.stdout.on('data', (chunk) => {
    output += chunk;
    if (output.includes('Hearth is running at')) {
      clearTimeout(timer);
      resolve(true);
    }
  });
  child.once('exit', () => resolve(false));
});
if (!started) fail('it did not start within 3 minutes');

const base = `http://127.0.0.1:${port}`;
// Just after the start, the in-process worker's first jobs may keep the event loop busy enough for Hearth to shed
// load: a 503 with Retry-After is the answer a load balancer waits out, so this waits it out too, for up to a minute.
async function get(address) {
  for (let waited = 0; ;) {
    const response = await fetch(base + address, { redirect: 'manual' });
    if (response.status !== 503 || waited >= 60) return response;
    const pause = Number(response.headers.get('retry-after')) || 1;
    await new Promise((resolve) => setTimeout(resolve, pause * 1000));
    waited += pause;
  }
}
for (const [address, expected] of [
  ['/', 200],
  ['/healthz', 200],
  ['/readyz', 200],
  ['/sign-in', 200],
  ['/advice-line', 200],
  ['/no-such-page', 404],
]) {
  const response = await get(address);
  if (response.status !== expected) fail(`${address} answered ${response.status}, not ${expected}`);
}
const home = await (await get('/')).text();
const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(home)?.[1];
if (!stylesheet || (await get(stylesheet)).status !== 200) fail(`the stylesheet ${stylesheet ?? '(none linked)'} is not served`);

const stopping = Date.now();
child.kill('SIGTERM');
const { code } = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), 10_000))]);
if (code !== 0) fail(`SIGTERM ended it with ${code}`);
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`The built Hearth (node dist/cli.js) served its pages and stopped ${Date.now() - stopping} ms after SIGTERM.`);
