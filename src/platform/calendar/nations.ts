/** The nations whose statutory guidance Hearth counts timescales by. Scotland and Northern Ireland have their own. */
export const NATIONS = ['england', 'wales'] as const;
export type Nation = (typeof NATIONS)[number];

export const NATION_NAMES: Record<Nation, string> = { england: 'England', wales: 'Wales' };

export function isNation(value: string): value is Nation {
  return (NATIONS as readonly string[]).includes(value);
}
