import { cachedPageAgainstStaticFile } from '../cached-page-ratio.js';
import { BenchFailure, type ScenarioResult } from '../support.js';

export const name = 'content-article';

// An advice sheet is the page families read most.
const ARTICLE = '/advice/sheets/child-protection-conferences-what-to-expect';

export function run(): Promise<ScenarioResult> {
  return cachedPageAgainstStaticFile({
    path: ARTICLE,
    measures: 'Anonymous advice sheet from the render cache, against the same bytes as a static file',
    check(body) {
      if (!body.includes('general information, not legal advice')) throw new BenchFailure(`${ARTICLE} is not the demo advice sheet.`);
    },
  });
}
