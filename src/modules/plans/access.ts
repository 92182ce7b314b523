import type { AccessRule } from '../../platform/access.js';

/** Who may open the plans pages and API at all. Which child's plans they may read is the practice records' check. */
export const PLAN_WORKERS = { access: ['practitioner', 'manager'] } as const satisfies { access: AccessRule };
