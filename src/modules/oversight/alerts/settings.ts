import type { SettingsReader } from '../../../platform/settings.js';

export interface AlertSettings {
  /** How many working days before a timescale's day an alert is raised as due soon. */
  dueSoonDays: number;
}

export function readAlertSettings(read: SettingsReader): AlertSettings {
  return { dueSoonDays: read.integer('OVERSIGHT_DUE_SOON_WORKING_DAYS', 5, 0, 30) };
}
