import type { AccessRule } from '../../platform/access.js';

/** Practitioners and managers: who records and reads oversight of a child. Which child is `openChild`'s to say. */
export const CASE_WORKERS = { access: ['practitioner', 'manager'] } as const satisfies { access: AccessRule };
/** The working-days calculator holds nothing about anyone: the practice door's readers, analysts included, may use it. */
export const PRACTICE_READERS = { access: ['practitioner', 'manager', 'analyst'] } as const satisfies { access: AccessRule };
/** Managers only: approving decisions, answering challenges, the decisions page. */
export const MANAGERS = { access: ['manager'] } as const satisfies { access: AccessRule };
