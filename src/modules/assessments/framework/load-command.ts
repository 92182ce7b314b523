import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../../platform/audit.js';
import type { Services } from '../../../platform/services.js';
import type { Assessments } from '../service.js';

const USAGE = `Usage: hearth assessments load-framework <file.json> [--organisation NAME]
  docs/assessments.md describes the file, and docs/examples/framework.json is a small one to copy.`;

/** The words after the command: the file, and the organisation's name. */
function readArgs(args: readonly string[]): { file: string; organisation: string | null } | null {
  const rest = [...args];
  let organisation: string | null = null;
  const at = rest.indexOf('--organisation');
  if (at >= 0) {
    organisation = rest[at + 1] ?? null;
    if (!organisation || organisation.startsWith('--')) return null;
    rest.splice(at, 2);
  }
  return rest.length === 1 && !rest[0]!.startsWith('--') ? { file: rest[0]!, organisation } : null;
}

/** The local authority the framework is for: the one named, or the only one there is. */
async function organisationFor(platform: Services, name: string | null): Promise<{ id: string; name: string } | { problem: string }> {
  const councils = await platform.db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', '=', 'local-authority')
    .orderBy('name')
    .execute();
  const chosen = name === null ? (councils.length === 1 ? councils[0] : undefined) : councils.find((c) => c.name === name);
  if (chosen) return chosen;
  if (councils.length === 0) return { problem: 'There is no local authority to load a framework for: add one at /admin/organisations' };
  return { problem: `Choose the local authority with --organisation: ${councils.map((c) => `"${c.name}"`).join(', ')}` };
}

/**
 * `hearth assessments load-framework <file.json> --organisation NAME`: checks the file and lists every problem with its
 * line, or stores it as the organisation's next version, which new assessments then use.
 */
export async function loadFrameworkCommand(
  _app: FastifyInstance,
  { platform, services }: { platform: Services; services: Assessments },
  args: readonly string[],
): Promise<number> {
  const read = readArgs(args);
  if (!read) {
    console.error(USAGE);
    return 2;
  }
  const organisation = await organisationFor(platform, read.organisation);
  if ('problem' in organisation) {
    console.error(`${organisation.problem}.`);
    return 1;
  }
  let text: string;
  try {
    text = await readFile(read.file, 'utf8');
  } catch {
    console.error(`Hearth cannot read ${read.file}: check the file's name and that it exists.`);
    return 1;
  }
  const loaded = await services.frameworks.load(systemActor(`hearth assessments load-framework ${read.file}`), organisation.id, text);
  if (!loaded.ok) {
    for (const problem of loaded.problems) console.error(`${read.file} ${problem}`);
    console.error(
      `Nothing was loaded: ${loaded.problems.length} ${loaded.problems.length === 1 ? 'problem' : 'problems'} to put right first.`,
    );
    return 1;
  }
  console.log(
    `Loaded "${loaded.title}" as version ${loaded.version} of ${organisation.name}'s framework. New assessments use it from now on.`,
  );
  return 0;
}
