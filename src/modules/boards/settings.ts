import type { SettingsReader } from '../../platform/settings.js';

/** The boards' settings (docs/boards.md). */
export interface BoardsSettings {
  /** Posts one member may make in any minute, and in any hour, before being asked to wait. */
  postsPerMinute: number;
  postsPerHour: number;
  /** Words and phrases that suggest someone may be in danger; null keeps Hearth's own list. */
  dangerWords: string[] | null;
  /** Names of local schools and streets that would identify a family if posted. */
  identifyingNames: string[];
}

export function readBoardsSettings(read: SettingsReader): BoardsSettings {
  return {
    postsPerMinute: read.integer('BOARDS_POSTS_PER_MINUTE', 4, 1, 10_000),
    postsPerHour: read.integer('BOARDS_POSTS_PER_HOUR', 30, 1, 100_000),
    dangerWords: read.get('BOARDS_DANGER_WORDS') ? read.list('BOARDS_DANGER_WORDS') : null,
    identifyingNames: read.list('BOARDS_IDENTIFYING_NAMES'),
  };
}
