import type { AccessRule } from '../../platform/access.js';

/** Who may use team notices: the practice door's staff who belong to teams. Which team's notices is the service's rule. */
export const NOTICE_READERS = { access: ['practitioner', 'manager'] } as const satisfies { access: AccessRule };
