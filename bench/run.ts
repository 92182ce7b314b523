// `npm run bench` runs every scenario in bench/scenarios; `npm run bench -- home` runs only the ones named.
// Each result goes to bench/results/<name>.json (<name>-postgres.json on PostgreSQL), then the README's table is rebuilt from all of them.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { refreshReadmeTable, RESULTS_DIR, type SavedResult } from './readme-table.js';
import { BenchFailure, type Scenario } from './support.js';

const SCENARIOS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scenarios');

async function loadScenarios(): Promise<Scenario[]> {
  const files = (await fs.readdir(SCENARIOS_DIR)).filter((f) => f.endsWith('.ts')).sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(SCENARIOS_DIR, file)).href)) as Partial<Scenario>;
    if (typeof module.name !== 'string' || typeof module.run !== 'function') {
      throw new Error(`bench/scenarios/${file} must export a name and a run() function.`);
    }
    scenarios.push({ name: module.name, run: module.run });
  }
  return scenarios;
}

async function main(names: string[]): Promise<number> {
  const all = await loadScenarios();
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(`No scenario named ${unknown.join(', ')}. Scenarios: ${all.map((s) => s.name).join(', ')}.`);
    return 2;
  }
  const chosen = names.length > 0 ? all.filter((s) => names.includes(s.name)) : all;

  await fs.mkdir(RESULTS_DIR, { recursive: true });
  let failed = 0;
  for (const scenario of chosen) {
    console.log(`Running ${scenario.name}…`);
    const started = Date.now();
    // Other work on the machine skews every figure; the load average lets a reader judge a run that looks odd.
    const loadAverage = Math.round(os.loadavg()[0]! * 100) / 100;
    try {
      const result = await scenario.run();
      const saved: SavedResult = {
        scenario: scenario.name,
        ...result,
        date: new Date().toISOString(),
        node: process.version,
        cores: os.availableParallelism(),
        cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
        loadAverage,
      };
      // One file per scenario and database, so that a PostgreSQL run does not replace the PGlite figures.
      const file = result.database === 'postgres' ? `${scenario.name}-postgres.json` : `${scenario.name}.json`;
      await fs.writeFile(path.join(RESULTS_DIR, file), `${JSON.stringify(saved, null, 2)}\n`);
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`  ${result.summary}. Target ${result.target}: ${result.met ? 'met' : 'NOT MET'}. (${seconds} s)`);
    } catch (error) {
      // A failed run keeps its previous result file: a number from a broken run would mislead more than an old one.
      failed += 1;
      // A wrong answer from Hearth needs only its message; anything else is a bug whose stack is worth seeing.
      console.error(`  ${scenario.name} FAILED:`, error instanceof BenchFailure ? error.message : error);
    }
  }

  await refreshReadmeTable();
  if (failed > 0) console.error(`${failed} of ${chosen.length} scenarios failed.`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
