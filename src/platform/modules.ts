import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Migration } from 'kysely';
import { ConfigError, type Config } from '../config.js';
import type { JobHandler, RecurringJob } from './jobs.js';
import type { Services } from './services.js';
import type { NavigationItem } from './views.js';

/**
 * The module contract. The platform knows no module: modules plug into these hooks, and meet each other only through
 * contracts the platform defines here and in content-feed.ts (home sections, the content feed, the site map, personal
 * data). The list of modules lives in src/modules/index.ts and is handed in by the composition root (app.ts, main.ts).
 */
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

/** A module's section of the home page: a heading, a sentence and a link. */
export interface HomeSection {
  heading: string;
  text: string;
  href: string;
  linkText: string;
}

/** A section of the front page: a module's own section, or one an editor's content fills with its latest items. */
export interface HomeBlock extends HomeSection {
  key: string;
  items?: { title: string; href: string; summary?: string }[];
}

/** The module sections that are switched on, each under its module's name. */
export interface ModuleSection {
  key: string;
  section: HomeSection;
}

/** Arranges the front page. The content module sets one so that editors choose the order; without it, module order. */
export type HomeComposer = (moduleSections: readonly ModuleSection[]) => Promise<HomeBlock[]>;

/** What a module may link to: the pages this Hearth serves, and which modules exist and are switched on. */
export interface SiteMap {
  /** Whether a fixed GET address exists. Known once every route is registered. */
  pathExists(path: string): boolean;
  moduleEnabled(name: string): boolean;
  /** Every module this build of Hearth has, switched on or not, so that a misspelt name is caught. */
  knownModules: readonly string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The switched-on modules, in order. */
    modules: HearthModule[];
    /** Every module Hearth has, switched on or not: personal data is erased from all of them. */
    allModules: readonly HearthModule[];
    homeComposer: HomeComposer | null;
    siteMap: SiteMap;
  }
}

export function moduleMigrations(modules: readonly HearthModule[]): Record<string, Migration> {
  return Object.assign({}, ...modules.map((m) => m.migrations ?? {}));
}

/** The modules HEARTH_MODULES switches on, in the order of `all`. A name Hearth does not know stops the start. */
export function enabledModules(all: readonly HearthModule[], config: Pick<Config, 'modules'>): HearthModule[] {
  if (config.modules === 'all') return [...all];
  const unknown = config.modules.filter((name) => !all.some((m) => m.name === name));
  if (unknown.length > 0) {
    throw new ConfigError([
      `HEARTH_MODULES names ${unknown.map((u) => `"${u}"`).join(', ')}, which Hearth does not have. Modules: ${all.map((m) => m.name).join(', ')}.`,
    ]);
  }
  return all.filter((m) => config.modules.includes(m.name));
}

/** Home sections of the switched-on modules, keyed by module name. */
export function moduleSections(modules: readonly HearthModule[]): ModuleSection[] {
  return modules.flatMap((m) => (m.homeSection ? [{ key: m.name, section: m.homeSection }] : []));
}

/** The site map, built from the app's route table once every route is registered. */
export function siteMapOf(app: FastifyInstance): SiteMap {
  let paths: Set<string> | undefined;
  return {
    pathExists(candidate) {
      paths ??= new Set(
        app
          .registeredRoutes()
          .filter((r) => r.method === 'GET' && !/[:*]/.test(r.url))
          .map((r) => r.url),
      );
      return paths.has(candidate);
    },
    moduleEnabled: (name) => app.modules.some((m) => m.name === name),
    knownModules: app.allModules.map((m) => m.name),
  };
}
