import { decideAccess, type AccessRule, type Principal } from '../access.js';
import { STAFF_ROLES } from '../roles.js';
import type { NavigationItem } from '../views.js';

/** Every staff role may open the workspace; members and visitors may not. */
export const STAFF_ONLY: AccessRule = STAFF_ROLES;

/** A heading and its links in the workspace's side navigation. */
export interface StaffNavigationSection {
  key: 'work' | 'administration' | 'you';
  heading: string;
  items: NavigationItem[];
}

/** The platform's own administration pages. */
const ADMINISTRATION: NavigationItem[] = [
  { text: 'Administration', href: '/admin', access: ['admin'] },
  { text: 'People and roles', href: '/admin/users', access: ['admin'] },
  { text: 'Subject access requests', href: '/admin/people', access: ['admin'] },
  { text: 'Organisations and teams', href: '/admin/organisations', access: ['admin'] },
  { text: 'Audit log', href: '/admin/audit', access: ['admin'] },
  { text: 'Outbox', href: '/admin/outbox', access: ['admin'] },
];

/** The side navigation: the workspace and the modules' staff pages, then administration, then the person's account. */
export function staffNavigationSections(moduleLinks: readonly NavigationItem[]): StaffNavigationSection[] {
  return [
    { key: 'work', heading: 'Your work', items: [{ text: 'Workspace', href: '/staff', access: STAFF_ONLY }, ...moduleLinks] },
    { key: 'administration', heading: 'Administration', items: ADMINISTRATION },
    { key: 'you', heading: 'You', items: [{ text: 'Your account', href: '/account', access: 'signed-in' }] },
  ];
}

export interface SideNavigationLink {
  text: string;
  href: string;
  current: boolean;
}

/**
 * The sections this person may open, with the page they are on marked. The longest matching address wins, so that
 * /admin/boards/new marks "Manage boards" rather than "Administration".
 */
export function sideNavigationFor(
  sections: readonly StaffNavigationSection[],
  principal: Principal,
  currentPath: string,
): { key: StaffNavigationSection['key']; heading: string; items: SideNavigationLink[] }[] {
  const visible = sections
    .map((section) => ({ ...section, items: section.items.filter((item) => decideAccess(principal, item.access) === 'allow') }))
    .filter((section) => section.items.length > 0);
  const matches = (href: string) => currentPath === href || currentPath.startsWith(`${href}/`);
  const current = visible
    .flatMap((section) => section.items)
    .filter((item) => matches(item.href))
    .reduce<string | null>((best, item) => (best === null || item.href.length > best.length ? item.href : best), null);
  return visible.map((section) => ({
    key: section.key,
    heading: section.heading,
    items: section.items.map((item) => ({ text: item.text, href: item.href, current: item.href === current })),
  }));
}
