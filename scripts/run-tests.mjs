// Runs the whole suite with Node's test runner: unit and database tests, then (unless --no-browser) the browser tests.
// With TEST_DATABASE_URL set, the database tests run against that PostgreSQL server instead of PGlite.
// --unit runs only `*.unit.test.ts`: the tests that need no app, no database and no browser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const withBrowser = !unitOnly && !args.includes('--no-browser');
const only = args.filter((a) => !a.startsWith('--'));

function find(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return find(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

let files = [
  ...find(path.join(root, 'src')),
  ...(withBrowser ? find(path.join(root, 'tests')) : find(path.join(root, 'tests')).filter((f) => !f.startsWith(`tests${path.sep}e2e`))),
];
if (unitOnly) files = files.filter((f) => f.endsWith('.unit.test.ts'));
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
// Two files run at once, so the run ends when its longest file does: start the slowest first so that no long file is
// left to run alone at the end. Browser files are the slowest; among the rest, size is a fair guess at time.
const weight = (f) => (f.startsWith(`tests${path.sep}e2e`) ? 1e9 : 0) + fs.statSync(path.join(root, f)).size;
files.sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));

const env = { ...process.env, NODE_ENV: 'test' };
if (!unitOnly) {
  // The app will not start without its built assets; an up-to-date build takes well under a second.
  const assets = spawnSync(process.execPath, ['scripts/build-assets.mjs'], { cwd: root, env, stdio: 'inherit' });
  if (assets.status !== 0) process.exit(assets.status ?? 1);
  const prepare = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prepare-test-database.ts'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (prepare.status !== 0) process.exit(prepare.status ?? 1);
}

// The timeout only catches a hung file: a browser file that walks every guided-advice flow at two widths can take
// several minutes on a busy two-core machine.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', '--test-reporter=spec', ...files],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
