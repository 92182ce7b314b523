import type { Contracts } from '../../platform/modules.js';
import type { OpenedChild } from '../../platform/practice/records.js';
import type { Viewer } from '../../platform/practice/viewer.js';

/**
 * A child's record through the one access check (platform/practice/records.ts). With no module serving children's
 * records, there is no child to open: the answer is the same as for a missing one.
 */
export async function openChild(contracts: Contracts, viewer: Viewer, childId: string): Promise<OpenedChild> {
  const records = contracts.practiceRecords();
  if (!records) return { ok: false, reason: 'hidden' };
  return records.openChild(viewer, childId.toLowerCase());
}
