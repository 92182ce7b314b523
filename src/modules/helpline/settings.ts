import type { SettingsReader } from '../../platform/settings.js';

/** The advice line's settings (docs/advice-line.md). */
export interface HelplineSettings {
  /** Months a callback request's personal details are kept before the purge job empties them. */
  retentionMonths: number;
  /** Callbacks an adviser team can make in one half-hour slot. */
  slotCapacity: number;
  /** Callback requests one address may send an hour (per instance), on top of the limit per phone number. */
  requestsPerHour: number;
}

export function readHelplineSettings(read: SettingsReader): HelplineSettings {
  return {
    retentionMonths: read.integer('HELPLINE_RETENTION_MONTHS', 12, 1, 120),
    slotCapacity: read.integer('HELPLINE_SLOT_CAPACITY', 2, 1, 100),
    requestsPerHour: read.integer('HELPLINE_REQUESTS_PER_HOUR', 20, 1, 10_000),
  };
}
