/** The roles of DESIGN.md. A visitor is anyone not signed in, so it is not a role that can be granted. */
export const ROLES = ['member', 'adviser', 'moderator', 'editor', 'practitioner', 'manager', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'member');
export const PRACTICE_ROLES: readonly Role[] = ['practitioner', 'manager', 'analyst'];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  member: 'Member: a parent or carer who posts on the boards and manages their own data',
  adviser: 'Adviser: answers the advice line and callback requests',
  moderator: 'Moderator: keeps the boards safe',
  editor: 'Editor: writes and publishes content, guided advice and newsletters',
  practitioner: 'Practitioner: a social worker or partner agency worker with cases',
  manager: 'Manager: oversees a team’s cases, approvals and alerts',
  analyst: 'Analyst: sees area insight without names, and statutory returns',
  admin: 'Administrator: manages users, organisations, settings and the audit log',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Staff must use two-factor sign-in; members may choose to. */
export function isStaff(roles: readonly string[]): boolean {
  return roles.some((role) => role !== 'member');
}
