import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/modules.js';
import * as createCaseTables from './migrations/2026-12-05-10-cases.js';
import { readCasesSettings } from './settings.js';

/**
 * The practice door's records: children, families and a chronology that points out repeated neglect by itself
 * (issue 14). See docs/practice.md.
 */
export const casesModule = defineModule({
  name: 'cases',
  settings: readCasesSettings,
  viewsDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views'),
  migrations: { '2026-12-05-10-cases': createCaseTables },
  description: 'Children’s records and chronologies for a local authority’s social workers.',
  async plugin() {},
});
