import { cachedPageAgainstStaticFile } from '../cached-page-ratio.js';
import type { ScenarioResult } from '../support.js';

export const name = 'home';

export function run(): Promise<ScenarioResult> {
  return cachedPageAgainstStaticFile({
    path: '/',
    measures: 'Anonymous home page from the render cache, against the same bytes as a static file',
  });
}
