// Runs the whole suite with Node's test runner: unit and database tests, then (unless --no-browser) the browser tests.
// With TEST_DATABASE_URL set, the database tests run against that PostgreSQL server instead of PGlite.
// --unit runs only `*.unit.test.ts`: the tests that need no app, no database and no browser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
// --resilience runs only tests/resilience: real processes and servers stopped and started, kept out of the usual run.
const resilience = args.includes('--resilience');
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
const isResilience = (f) => f.startsWith(`tests${path.sep}resilience`);
files = files.filter((f) => isResilience(f) === resilience);
if (unitOnly) files = files.filter((f) => f.endsWith('.unit.test.ts'));
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
// Starting a test process costs seconds (tsx, the app's imports, a first database), so the files that need no browser
// run in a few shared processes ("shards") rather than one each. Their tests never share data or global state: each file
// opens its own database and app. Browser files keep a process each, as they open a browser in top-level hooks.
const isBrowser = (f) => f.startsWith(`tests${path.sep}e2e`);
const sizes = new Map();
// A test that checks a table beside it (`x.test.ts` and `x.expected.txt`, such as the access matrix) makes a request
// per line of it, so the table counts towards its size.
const sizeOnDisk = (f) => (fs.existsSync(path.join(root, f)) ? fs.statSync(path.join(root, f)).size : 0);
const size = (f) => sizes.get(f) ?? sizeOnDisk(f) + sizeOnDisk(f.replace(/\.test\.ts$/, '.expected.txt'));
const SHARDS = Number(process.env.TEST_SHARDS || 6);
const shardDir = path.join(root, '.cache', 'test-shards');
fs.rmSync(shardDir, { recursive: true, force: true });
if (only.length === 0 && SHARDS > 0) {
  const shards = Array.from({ length: SHARDS }, () => ({ files: [], weight: 0 }));
  // Largest first, each to the lightest shard: size is a fair guess at time.
  for (const f of files.filter((f) => !isBrowser(f)).sort((a, b) => size(b) - size(a) || a.localeCompare(b))) {
    const lightest = shards.reduce((a, b) => (b.weight < a.weight ? b : a));
    lightest.files.push(f);
    lightest.weight += size(f);
  }
  fs.mkdirSync(shardDir, { recursive: true });
  const shardFiles = shards
    .filter((s) => s.files.length > 0)
    .map((s, i) => {
      const file = path.join(shardDir, `shard-${i + 1}.test.mjs`);
      const imports = s.files.map((f) => `await import(${JSON.stringify(pathToFileURL(path.join(root, f)).href)});`);
      fs.writeFileSync(file, `// Written by scripts/run-tests.mjs: ${s.files.join(', ')}\n${imports.join('\n')}\n`);
      sizes.set(path.relative(root, file), s.weight);
      return path.relative(root, file);
    });
  files = [...files.filter(isBrowser), ...shardFiles];
}
// Two processes run at once, so the run ends when its longest one does. Browser files start first, as the longest of
// them (guided advice, about a minute) must not be left to run alone at the end; then the shards, heaviest first.
const weight = (f) => (isBrowser(f) ? 1e9 : 0) + size(f);
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
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-timeout=600000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    // Each test's time, kept for the next run's order (see `weight` above) and for finding slow tests.
    '--test-reporter=tap',
    `--test-reporter-destination=${path.join(root, '.cache', 'test-report.tap')}`,
    ...files,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
