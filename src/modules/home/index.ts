import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyPlugin from 'fastify-plugin';
import type { HearthModule, HomeSection } from '../registry.js';

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

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

declare module 'fastify' {
  interface FastifyInstance {
    homeComposer: HomeComposer | null;
  }
}

/** The front page. Later modules add their own sections to it; a section for a module that is off is simply absent. */
export const homeModule: HearthModule = {
  name: 'home',
  viewsDir,
  // Not encapsulated, so that another module (content) can set `app.homeComposer` on the root instance.
  plugin: fastifyPlugin(async (app) => {
    app.decorate('homeComposer', null);
    const moduleSections: ModuleSection[] = app.modules.flatMap((m) => (m.homeSection ? [{ key: m.name, section: m.homeSection }] : []));
    app.get('/', { config: { access: 'public', publicCache: true } }, async (_request, reply) => {
      const sections: HomeBlock[] = app.homeComposer
        ? await app.homeComposer(moduleSections)
        : moduleSections.map(({ key, section }) => ({ key, ...section }));
      return reply.page('home.njk', { sections });
    });
  }),
};
