import type { SettingsReader } from '../../platform/settings.js';

/** The cases module's own settings. */
export interface CasesSettings {
  /** How many days a flag counts as new, for the "children with new flags" queue and the caseload. */
  newFlagDays: number;
}

export function readCasesSettings(read: SettingsReader): CasesSettings {
  return { newFlagDays: read.integer('CASES_NEW_FLAG_DAYS', 14, 1, 365) };
}
