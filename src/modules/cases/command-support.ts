import type { Services } from '../../platform/services.js';

/** The council records from the command line go to: the one named, or the only local authority there is. */
export async function councilFor(platform: Services, name: string | null): Promise<{ id: string } | { problem: string }> {
  const councils = await platform.db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', '=', 'local-authority')
    .orderBy('name')
    .execute();
  const chosen = name === null ? (councils.length === 1 ? councils[0] : undefined) : councils.find((c) => c.name === name);
  if (chosen) return chosen;
  if (councils.length === 0) return { problem: 'There is no local authority to hold the families: add one at /admin/organisations' };
  return { problem: `Choose the local authority with --organisation: ${councils.map((c) => `"${c.name}"`).join(', ')}` };
}

/**
 * The words of a command line: `--name value` pairs for the names given, and the rest in order. A flag it does not
 * know, or one with no value, is a problem in a sentence for the operator.
 */
export function readFlags(
  args: readonly string[],
  names: readonly string[],
): { flags: Record<string, string>; positional: string[] } | { problem: string } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const name = word.slice(2);
    if (!names.includes(name)) return { problem: `It does not know ${word}` };
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return { problem: `${word} needs a value` };
    flags[name] = value;
    i++;
  }
  return { flags, positional };
}
