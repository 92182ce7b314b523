import type { SettingsReader } from '../../platform/settings.js';

/** The notices module's own settings. The platform's `Config` never holds a module's settings. */
export interface NoticesSettings {
  /** Notices on one page of the list. */
  pageSize: number;
}

export function readNoticesSettings(read: SettingsReader): NoticesSettings {
  return { pageSize: read.integer('NOTICES_PAGE_SIZE', 20, 1, 100) };
}
