import { defineModule } from '../../platform/modules.js';
import { reportHolidays } from './calendar/holidays-command.js';
import * as createOversightTables from './migrations/2026-12-06-30-oversight.js';
import { setNationCommand } from './nations/nation-command.js';
import { createOversight, type Oversight } from './service.js';
import { workingDaysApi } from './working-days/api.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Oversight: this module's own routes and tests reach its services here. */
    oversight: Oversight;
  }
}

/**
 * Management oversight of children's cases (issue 15): statutory timescales counted in working days by the nation's
 * bank holidays, supervision, management decisions and practitioners' challenges. See docs/oversight.md.
 */
export const oversightModule = defineModule({
  name: 'oversight',
  services: (platform, _settings, contracts) => createOversight(platform, contracts),
  migrations: { '2026-12-06-30-oversight': createOversightTables },
  description: 'Management oversight of children’s cases: timescales, supervision, decisions and challenges.',
  commands: {
    holidays: {
      usage: '',
      summary: 'say how far ahead the bank holidays of England and Wales run; exits 1 under 12 months',
      run: () => reportHolidays(),
    },
    'oversight nation': {
      usage: '<organisation> england|wales',
      summary: 'choose whose guidance and bank holidays an organisation counts timescales by',
      run: setNationCommand,
    },
  },
  async plugin(app, { services }) {
    app.decorate('oversight', services);
    await app.register(workingDaysApi);
  },
});
