import fs from 'node:fs';
import path from 'node:path';
import { PLATFORM_VIEWS } from './views.js';

/** For a page that says nothing more specific: what Hearth is, in one sentence a search result can show. */
export const SITE_DESCRIPTION =
  'Hearth helps families in England and Wales who are involved with children’s services, and relatives bringing up a child: advice, guided help, an advice line and boards.';

export interface ModuleDescription {
  viewsDir: string;
  description: string;
}

/**
 * The fallback meta description for a template: its module's `description` when the template is one of the module's,
 * otherwise the site's. Templates are found the way Nunjucks finds them (the platform's views first, then each module's
 * in order), once per template name.
 */
export function templateDescriptions(modules: readonly ModuleDescription[]): (template: string) => string {
  const known = new Map<string, string>();
  return (template) => {
    let description = known.get(template);
    if (description === undefined) {
      const owner = fs.existsSync(path.join(PLATFORM_VIEWS, template))
        ? undefined
        : modules.find((m) => fs.existsSync(path.join(m.viewsDir, template)));
      description = owner?.description ?? SITE_DESCRIPTION;
      known.set(template, description);
    }
    return description;
  };
}
