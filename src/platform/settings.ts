/**
 * Reads settings from the environment, collecting every problem rather than stopping at the first, so that a person
 * starting Hearth sees all that is wrong at once. The platform's config and each module's own settings use it.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Hearth cannot start because of its configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface SettingsReader {
  readonly production: boolean;
  /** The raw value, or the fallback when unset or empty. `requireInProduction` makes a missing value a problem there. */
  get(name: string, fallback: string, options?: { requireInProduction?: boolean }): string;
  get(name: string, fallback?: string, options?: { requireInProduction?: boolean }): string | undefined;
  integer(name: string, fallback: number, min: number, max: number): number;
  /** "true" or "false"; anything else is a problem. */
  boolean(name: string, fallback: boolean): boolean;
  /** A URL whose protocol is one of `protocols`, or undefined when unset. */
  url(name: string, value: string | undefined, protocols: string[]): string | undefined;
  /** A comma- or line-separated list, blanks dropped. */
  list(name: string): string[];
  problem(text: string): void;
  readonly problems: readonly string[];
}

export function settingsReader(env: Environment, production: boolean): SettingsReader {
  const problems: string[] = [];
  function get(name: string, fallback?: string, options: { requireInProduction?: boolean } = {}) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (production && options.requireInProduction) problems.push(`${name} must be set in production.`);
    return fallback;
  }
  return {
    production,
    problems,
    get: get as SettingsReader['get'],
    integer(name, fallback, min, max) {
      const raw = get(name, String(fallback))!;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        problems.push(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
        return fallback;
      }
      return value;
    },
    boolean(name, fallback) {
      const raw = get(name, String(fallback))!;
      if (raw !== 'true' && raw !== 'false') {
        problems.push(`${name} must be true or false, not "${raw}".`);
        return fallback;
      }
      return raw === 'true';
    },
    url(name, value, protocols) {
      if (value === undefined) return undefined;
      try {
        const parsed = new URL(value);
        if (!protocols.includes(parsed.protocol)) {
          problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, not "${parsed.protocol}//".`);
        }
      } catch {
        problems.push(`${name} is not a valid URL.`);
      }
      return value;
    },
    list(name) {
      return (env[name] ?? '')
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean);
    },
    problem(text) {
      problems.push(text);
    },
  };
}
