// Rewrites the README's performance table from bench/results/*.json. Run by `npm run bench`, or by itself with
// `npx tsx bench/readme-table.ts` after editing a result by hand.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DatabaseKind } from './support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
export const README = path.join(ROOT, 'README.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** The shape of bench/results/<scenario>.json. */
export interface SavedResult {
  scenario: string;
  measures: string;
  summary: string;
  target: string;
  met: boolean;
  /** ISO 8601, when the run finished. */
  date: string;
  node: string;
  cores: number;
  cpu: string;
  /** The machine's one-minute load average as the scenario started. */
  loadAverage: number;
  database: DatabaseKind;
  figures: Record<string, unknown>;
}

export async function readResults(dir = RESULTS_DIR): Promise<SavedResult[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const results: SavedResult[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    results.push(JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as SavedResult);
  }
  return results;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const DATABASE_NAMES: Record<DatabaseKind, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

export function renderTable(results: readonly SavedResult[]): string {
  const rows = results.map((r) =>
    [
      `\`${r.scenario}\``,
      r.measures,
      // The load average says how much else the machine was doing: a ratio measured at load 20 is not one at load 1.
      `${r.summary} (${DATABASE_NAMES[r.database]}, Node ${r.node.replace(/^v/, '')}, ${r.cores} cores, load ${r.loadAverage})`,
      `${r.target} ${r.met ? '(met)' : '(not met)'}`,
      r.date.slice(0, 10),
    ]
      .map(cell)
      .join(' | '),
  );
  return ['| scenario | what is measured | result | target | date |', '|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join(
    '\n',
  );
}

/** Replaces what lies between the markers; returns false, changing nothing, when there is no README or no markers. */
export async function updateReadme(table: string, readme = README): Promise<boolean> {
  let text: string;
  try {
    text = await fs.readFile(readme, 'utf8');
  } catch {
    return false;
  }
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  if (start === -1 || end === -1) return false;
  await fs.writeFile(readme, `${text.slice(0, start + START.length)}\n\n${table}\n\n${text.slice(end)}`);
  return true;
}

/** Updates the README, or prints the table when it cannot. */
export async function refreshReadmeTable(): Promise<void> {
  const table = renderTable(await readResults());
  if (await updateReadme(table)) {
    console.log(`Updated the performance table in ${path.relative(process.cwd(), README) || README}.`);
  } else {
    console.log(`README.md has no ${START} … ${END} section, so the table was not written. Here it is:\n\n${table}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await refreshReadmeTable();
}
