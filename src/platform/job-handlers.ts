import { clearEndedRateLimits } from './http/rate-limits.js';
import type { HearthModule, ModuleContext } from './modules.js';
import type { JobHandler, RecurringJob } from './jobs.js';
import type { Services } from './services.js';

/** Every kind of job Hearth runs, so that the web process and `hearth worker` always agree. */
export function jobHandlersFor(
  services: Services,
  modules: readonly HearthModule[],
  contexts: ReadonlyMap<HearthModule, ModuleContext>,
): Record<string, JobHandler> {
  return {
    'mail.send': (payload) => services.mailer.deliver(payload),
    'mail.clean': async () => void (await services.mailer.clean()),
    'sessions.clean': async () => {
      await services.sessions.clean();
      await services.accounts.removeOldDrafts();
    },
    'sign-in-attempts.clean': () => services.throttle.purgeOld(),
    'rate-limits.clean': () => clearEndedRateLimits(services.db),
    ...Object.assign({}, ...modules.map((m) => m.jobHandlers?.(contexts.get(m)!) ?? {})),
  };
}

/** Housekeeping that runs on a timetable, whichever worker is free. */
export function recurringJobsFor(modules: readonly HearthModule[]): RecurringJob[] {
  return [
    { kind: 'sessions.clean', everySeconds: 60 * 60 },
    { kind: 'mail.clean', everySeconds: 24 * 60 * 60 },
    { kind: 'sign-in-attempts.clean', everySeconds: 24 * 60 * 60 },
    { kind: 'rate-limits.clean', everySeconds: 60 * 60 },
    ...modules.flatMap((m) => m.recurringJobs ?? []),
  ];
}
