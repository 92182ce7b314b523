import type { TestContext } from '../../../tests/support/app.js';

// Helpers shared by the advice line's tests: reading the callback form, and filling it in as a family would.

export const slotsIn = (html: string) => [...html.matchAll(/name="slot" type="radio" value="([^"]+)"/g)].map((m) => m[1]!);
export const referenceIn = (html: string) => /id="reference">([^<]+)</.exec(html)?.[1];

let phoneCounter = 100;
/** A different number from Ofcom's drama range each time, so the limit per number does not get in the way. */
export const nextPhone = () => `07700 900${String(phoneCounter++).padStart(3, '0')}`;

export function validRequest(slot: string, overrides: Record<string, string> = {}) {
  return {
    name: 'Sam',
    phone: nextPhone(),
    email: '',
    slot,
    safeToLeaveMessage: 'yes',
    forSomeoneElse: 'no',
    needs: '',
    reason: 'A child protection conference next week.',
    website: '',
    ...overrides,
  };
}

export async function auditActions(t: TestContext, action: string) {
  return t.app.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
}
