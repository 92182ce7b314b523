import { cachedPageAgainstCeiling } from '../ceiling-ratio.js';
import type { ScenarioResult } from '../support.js';

export const name = 'home';

export function run(): Promise<ScenarioResult> {
  return cachedPageAgainstCeiling({
    path: '/',
    measures: 'Anonymous home page from the render cache, against a bare node:http server sending the same bytes',
  });
}
