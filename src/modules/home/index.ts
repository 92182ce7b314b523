import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HearthModule } from '../registry.js';

const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

/** The front page. Later modules add their own sections to it; a section for a module that is off is simply absent. */
export const homeModule: HearthModule = {
  name: 'home',
  viewsDir,
  async plugin(app) {
    const sections = app.modules.flatMap((m) => (m.homeSection ? [m.homeSection] : []));
    app.get('/', { config: { access: 'public', publicCache: true } }, async (_request, reply) => reply.page('home.njk', { sections }));
  },
};
