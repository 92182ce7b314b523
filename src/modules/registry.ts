import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Migration } from 'kysely';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import type { JobHandler, RecurringJob } from '../platform/jobs.js';
import type { Services } from '../platform/services.js';
import type { NavigationItem } from '../platform/views.js';
import { adviceFlowsModule } from './advice-flows/index.js';
import { boardsModule } from './boards/index.js';
import { contentModule } from './content/index.js';
import { helplineModule } from './helpline/index.js';
import { homeModule } from './home/index.js';
import { supportersModule } from './supporters/index.js';

export interface HomeSection {
  heading: string;
  text: string;
  href: string;
  linkText: string;
}

/** What a module gives the platform. Everything but the name and the plugin is optional. */
export interface HearthModule {
  name: string;
  /** Registers the module's routes. Each route declares `config.access`. */
  plugin: FastifyPluginAsync;
  viewsDir?: string;
  migrations?: Record<string, Migration>;
  navigation?: NavigationItem[];
  /** A section of the home page. A module that is switched off has none, so the home page never links to nothing. */
  homeSection?: HomeSection;
  jobHandlers?: (services: Services) => Record<string, JobHandler>;
  recurringJobs?: RecurringJob[];
  /** Extra `hearth` commands, such as "flows check". Each gets a ready app (not listening) and returns an exit code. */
  commands?: Record<string, (app: FastifyInstance) => Promise<number>>;
  seedDemo?: (services: Services) => Promise<void>;
  /** What the module holds about one person: for `/account/data`, subject access requests and deleting an account. */
  personalData?: PersonalDataHooks;
}

export interface PersonalDataHooks {
  /** Everything the module holds about the person, as plain JSON, under headings a person would understand. */
  export(services: Services, userId: string): Promise<Record<string, unknown>>;
  /** Called inside the deleting transaction's aftermath: remove or anonymise what the module holds about the person. */
  erase(services: Services, userId: string): Promise<void>;
}

export const MODULES: readonly HearthModule[] = [
  homeModule,
  contentModule,
  adviceFlowsModule,
  boardsModule,
  helplineModule,
  supportersModule,
];

export function moduleMigrations(): Record<string, Migration> {
  return Object.assign({}, ...MODULES.map((m) => m.migrations ?? {}));
}

export function enabledModules(config: Pick<Config, 'modules'>): HearthModule[] {
  if (config.modules === 'all') return [...MODULES];
  const unknown = config.modules.filter((name) => !MODULES.some((m) => m.name === name));
  if (unknown.length > 0) {
    throw new ConfigError([
      `HEARTH_MODULES names ${unknown.map((u) => `"${u}"`).join(', ')}, which Hearth does not have. Modules: ${MODULES.map((m) => m.name).join(', ')}.`,
    ]);
  }
  return MODULES.filter((m) => config.modules.includes(m.name));
}
