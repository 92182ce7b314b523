import type { AccessRule } from '../../platform/access.js';

/** Who may open assessments at all: the practice door's workers. Which child's, the practice records decide. */
export const ASSESSORS = { access: ['practitioner', 'manager'] } as const satisfies { access: AccessRule };
/** Who authorises: managers, of the child's team, who wrote none of it (the decision service's rule). */
export const AUTHORISERS = { access: ['manager'] } as const satisfies { access: AccessRule };
