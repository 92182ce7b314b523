import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleSections, type HearthModule, type HomeBlock } from '../../platform/modules.js';

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** The front page. Later modules add their own sections to it; a section for a module that is off is simply absent. */
export const homeModule: HearthModule = {
  name: 'home',
  viewsDir,
  plugin: async (app) => {
    const sections = moduleSections(app.modules);
    app.get('/', { config: { access: 'public', publicCache: true } }, async (_request, reply) => {
      // The content module, when on, sets the composer so that editors choose the order (platform/modules.ts).
      const blocks: HomeBlock[] = app.homeComposer
        ? await app.homeComposer(sections)
        : sections.map(({ key, section }) => ({ key, ...section }));
      return reply.page('home/home.njk', { sections: blocks });
    });
  },
};
