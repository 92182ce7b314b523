import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Config } from '../config.js';
import type { ContentFeed } from './content-feed.js';
import { announceChange } from './db/changes.js';
import { ConfigError, settingsReader, type SettingsReader } from './settings.js';
import type { JobHandler, RecurringJob } from './jobs.js';
import type { Services } from './services.js';
import type { StaffQueue } from './staff/queues.js';
import type { NavigationItem } from './views.js';
import type { AssessmentFacts, PlanFacts } from './practice/drift-facts.js';
import type { PracticeRecords } from './practice/records.js';

/**
 * The module contract. The platform knows no module: modules plug into these hooks, and meet each other only through
 * contracts the platform defines here and in content-feed.ts (home sections, the content feed, the site map, personal
 * data). The list of modules lives in src/modules/index.ts and is handed in by the composition root (app.ts, main.ts).
 *
 * A module reads its own settings and builds its own services once per process (`loadModules`); the platform then
 * hands that one context to the module's routes, jobs, personal-data hooks, demo seeding and commands.
 */
export interface ModuleDefinition<Settings, Own> {
  name: string;
  /** Reads and checks the module's own settings. Problems go to `read.problem`, so the start names them all at once. */
  settings?(read: SettingsReader): Settings;
  /** Builds the module's services from the platform's, once per process. */
  services?(platform: Services, settings: Settings, contracts: Contracts): Own;
  /** Registers the module's routes. Each route declares `config.access`. */
  plugin(app: FastifyInstance, context: ModuleContext<Settings, Own>): Promise<void>;
  viewsDir?: string;
  migrations?: Record<string, Migration>;
  navigation?: NavigationItem[];
  /** A section of the home page. A module that is switched off has none, so the home page never links to nothing. */
  homeSection?: HomeSection;
  jobHandlers?(context: ModuleContext<Settings, Own>): Record<string, JobHandler>;
  recurringJobs?: RecurringJob[];
  /** Extra `hearth` commands, such as "flows check". Each gets a ready app (not listening) and returns an exit code. */
  commands?: Record<string, ModuleCommand<ModuleContext<Settings, Own>>>;
  seedDemo?(context: ModuleContext<Settings, Own>): Promise<void>;
  /** What the module holds about one person: for `/account/data`, subject access requests and deleting an account. */
  personalData?: PersonalDataHooks<ModuleContext<Settings, Own>>;
  /** Contracts this module serves to the others (at most one module serves each). */
  provides?: {
    contentFeed?(context: ModuleContext<Settings, Own>): ContentFeed;
    homeComposer?(context: ModuleContext<Settings, Own>): HomeComposer;
    /** Children's records, for the practice modules that are not the records' own (practice/records.ts). */
    practiceRecords?(context: ModuleContext<Settings, Own>): PracticeRecords;
    /** What oversight counts timescales and drift from (practice/drift-facts.ts). */
    assessmentFacts?(context: ModuleContext<Settings, Own>): AssessmentFacts;
    planFacts?(context: ModuleContext<Settings, Own>): PlanFacts;
  };

  // The staff workspace at /staff (src/platform/staff) and the pages' descriptions.
  /** Links to the module's staff pages, for the workspace's side navigation; `navigation` keeps the public ones. */
  staffNavigation?: NavigationItem[];
  /** The work that waits for staff in this module, each queue measured by one small query of the module's own. */
  staffQueues?(context: ModuleContext<Settings, Own>): StaffQueue[];
  /** The meta description of the module's pages that set no `pageDescription` of their own. */
  description?: string;
  /** The module's sections of a child's record, linked from the record's page (for practice modules). */
  childRecordLinks?: ChildRecordLink[];
}

/** A link from a child's record page to a module's section of it: `/practice/children/<id>/<path>`. */
export interface ChildRecordLink {
  text: string;
  path: string;
}

/** What the platform hands each module: its own settings and services, built once, and the platform's services. */
export interface ModuleContext<Settings = unknown, Own = unknown> {
  platform: Services;
  settings: Settings;
  services: Own;
}

/** What a process gives every module's services: the contracts between modules, and what differs by process. */
export interface Contracts {
  /** Read when used, not when services are built: the module serving it may be built later. */
  contentFeed(): ContentFeed | null;
  /** Read when used, like the content feed. Null when no module serves children's records. */
  practiceRecords(): PracticeRecords | null;
  assessmentFacts(): AssessmentFacts | null;
  planFacts(): PlanFacts | null;
  /** Public pages changed: empty every instance's page cache (the web process also empties its own at once). */
  invalidatePublicPages(): Promise<void>;
  /**
   * Calls `listener` whenever public pages change, on any instance: for what a module keeps in memory beside the page
   * cache, which would otherwise fill the emptied cache again from what it kept. A process that serves no pages hears
   * nothing.
   */
  onPublicPagesChanged(listener: () => void): void;
  /** What exists to link to. Its paths are known once every route is registered, and only in a web process. */
  siteMap: SiteMap;
}

export interface ModuleCommand<Context> {
  /** What to type after the command's name, for the usage text: `"<dir>"`, `"--children N"`, or `""`. */
  usage: string;
  /** What it does, in a few words, for the usage text. */
  summary: string;
  /** `args` are the words typed after the command's name (`--demo` aside). */
  run(app: FastifyInstance, context: Context, args: readonly string[]): Promise<number>;
}

export interface PersonalDataHooks<Context = ModuleContext> {
  /** Everything the module holds about the person, as plain JSON, under headings a person would understand. */
  export(context: Context, userId: string): Promise<Record<string, unknown>>;
  /** Called inside the deleting transaction's aftermath: remove or anonymise what the module holds about the person. */
  erase(context: Context, userId: string): Promise<void>;
}

/** The context each module was given in this process. */
export type ContextOf = (module: HearthModule) => ModuleContext;

/** A module as the platform holds it: its own settings and services are its business. */
export type HearthModule = ModuleDefinition<unknown, unknown>;

/**
 * Types a module's definition by its own settings and services, then lets it join the list beside modules of other
 * types. Sound because the platform only ever hands a module the context built from that same module's hooks.
 */
export function defineModule<Settings = undefined, Own = undefined>(definition: ModuleDefinition<Settings, Own>): HearthModule {
  return definition as unknown as HearthModule;
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
    /** Children's records for the practice modules (practice/records.ts), served by the cases module; null while it is off. */
    practiceRecords: PracticeRecords | null;
    assessmentFacts: AssessmentFacts | null;
    planFacts: PlanFacts | null;
    siteMap: SiteMap;
    /** The context `loadModules` built for a module: the same one its routes, jobs and hooks were given. */
    moduleContext: ContextOf;
    /** Runs a switched-on module's command, such as "flows check"; undefined when no module has it. */
    runModuleCommand(name: string, args?: readonly string[]): Promise<number> | undefined;
  }
}

/**
 * Reads every module's settings and builds its services, once per process. Every module Hearth has is loaded, switched
 * on or not, so that deleting an account still erases what a switched-off module holds; a problem in any module's
 * settings stops the start, listing them all.
 */
export function loadModules(
  all: readonly HearthModule[],
  platform: Services,
  config: Config,
  contracts: Contracts,
): Map<HearthModule, ModuleContext> {
  const read = settingsReader(config.environment, config.env === 'production');
  const settings = new Map(all.map((module) => [module, module.settings?.(read)]));
  if (read.problems.length > 0) throw new ConfigError([...read.problems]);
  return new Map(
    all.map((module) => {
      const own = settings.get(module);
      return [module, { platform, settings: own, services: module.services?.(platform, own, contracts) }];
    }),
  );
}

/** The contracts served by switched-on modules (the content feed, the home page's composer, the practice records and
 * facts), each null while no module that serves it is on. */
export function servedContracts(enabled: readonly HearthModule[], contextOf: ContextOf) {
  type Provides = NonNullable<HearthModule['provides']>;
  const serve = <K extends keyof Provides>(key: K): ReturnType<NonNullable<Provides[K]>> | null => {
    const server = enabled.find((m) => m.provides?.[key]);
    const provide = server?.provides?.[key] as ((context: ModuleContext) => ReturnType<NonNullable<Provides[K]>>) | undefined;
    return server && provide ? provide(contextOf(server)) : null;
  };
  return {
    contentFeed: serve('contentFeed'),
    homeComposer: serve('homeComposer'),
    practiceRecords: serve('practiceRecords'),
    assessmentFacts: serve('assessmentFacts'),
    planFacts: serve('planFacts'),
  };
}

/**
 * The modules of a process that serves no pages (`hearth worker`, `hearth seed-demo`): the same contexts, with public
 * pages invalidated by announcing the change to every instance (db/changes.ts) and a site map that knows modules but not pages.
 */
export function loadModulesWithoutPages(
  all: readonly HearthModule[],
  platform: Services,
  config: Config,
): { modules: HearthModule[]; contextOf: ContextOf } {
  const modules = enabledModules(all, config);
  let served: ReturnType<typeof servedContracts> | undefined;
  const contexts = loadModules(all, platform, config, {
    invalidatePublicPages: () => announceChange(platform.db, 'public-pages'),
    onPublicPagesChanged: () => undefined,
    siteMap: siteMapOf(all, modules),
    contentFeed: () => (served ??= servedContracts(modules, contextOf)).contentFeed,
    practiceRecords: () => (served ??= servedContracts(modules, contextOf)).practiceRecords,
    assessmentFacts: () => (served ??= servedContracts(modules, contextOf)).assessmentFacts,
    planFacts: () => (served ??= servedContracts(modules, contextOf)).planFacts,
  });
  const contextOf: ContextOf = (module) => contexts.get(module)!;
  return { modules, contextOf };
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

/** The switched-on module that has a command, such as "flows check". */
export function moduleWithCommand(modules: readonly HearthModule[], name: string): HearthModule | undefined {
  return modules.find((m) => m.commands?.[name]);
}

/**
 * The module command a command line names, with the words after its name: a command's name is one word ("generate")
 * or two ("flows check"), and the longer name wins.
 */
export function moduleCommandFor(
  modules: readonly HearthModule[],
  words: readonly string[],
): { module: HearthModule; name: string; args: string[] } | undefined {
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join(' ');
    const module = words.length >= length ? moduleWithCommand(modules, name) : undefined;
    if (module) return { module, name, args: words.slice(length) };
  }
  return undefined;
}

/** The usage lines of every switched-on module's commands, lined up as the platform's own. */
export function moduleCommandUsage(modules: readonly HearthModule[], width: number): string[] {
  return modules.flatMap((m) =>
    Object.entries(m.commands ?? {}).map(([name, command]) => `  ${`${name} ${command.usage}`.trim().padEnd(width)} ${command.summary}`),
  );
}

/** Home sections of the switched-on modules, keyed by module name. */
export function moduleSections(modules: readonly HearthModule[]): ModuleSection[] {
  return modules.flatMap((m) => (m.homeSection ? [{ key: m.name, section: m.homeSection }] : []));
}

/**
 * The site map, from the route table once every route is registered. A process that serves no pages (the worker)
 * passes no routes, and asking it whether a page exists is a mistake in the caller.
 */
export function siteMapOf(
  all: readonly HearthModule[],
  enabled: readonly HearthModule[],
  routes?: () => readonly { method: string; url: string }[],
): SiteMap {
  let paths: Set<string> | undefined;
  return {
    pathExists(candidate) {
      if (!routes) throw new Error('Only a web process knows which pages exist.');
      paths ??= new Set(
        routes()
          .filter((r) => r.method === 'GET' && !/[:*]/.test(r.url))
          .map((r) => r.url),
      );
      return paths.has(candidate);
    },
    moduleEnabled: (name) => enabled.some((m) => m.name === name),
    knownModules: all.map((m) => m.name),
  };
}

/** Runs a module's command with the context its other hooks get. */
export function runModuleCommand(app: FastifyInstance, module: HearthModule, name: string, args: readonly string[] = []): Promise<number> {
  return module.commands![name]!.run(app, app.moduleContext(module), args);
}
