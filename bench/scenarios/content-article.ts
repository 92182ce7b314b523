import { cachedPageAgainstCeiling } from '../ceiling-ratio.js';
import { BenchFailure, type ScenarioResult } from '../support.js';

export const name = 'content-article';

// An advice sheet is the page families read most.
export const ARTICLE = '/advice/sheets/child-protection-conferences-what-to-expect';

export function run(): Promise<ScenarioResult> {
  return cachedPageAgainstCeiling({
    path: ARTICLE,
    measures: 'Anonymous advice sheet from the render cache, against a bare node:http server sending the same bytes',
    check(body) {
      if (!body.includes('general information, not legal advice')) throw new BenchFailure(`${ARTICLE} is not the demo advice sheet.`);
    },
  });
}
