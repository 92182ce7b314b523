// Run once before the suite: migrates the template every test file's database is cloned from.
import { postgresUrl, preparePgliteTemplate, preparePostgresTemplate } from '../tests/support/database.js';

const url = postgresUrl();
if (url) await preparePostgresTemplate(url);
else await preparePgliteTemplate();
