import { toCsv } from '../../../platform/csv.js';
import type { Services } from '../../../platform/services.js';
import { defineForm, text } from '../../../platform/validation.js';
import type { Records } from '../records/service.js';
import type { Viewer } from '../viewer.js';
import { readChronology, type ChronologyEntry, type EventVersion } from './queries.js';

/** Why a chronology leaves Hearth: asked every time, and kept in the audit log with the export. */
export const exportForm = defineForm({
  reason: text({ label: 'Your reason', required: 'Enter why you are exporting this chronology', maxLength: 500 }),
});

const HEADER = [
  'Date',
  'Kind',
  'Plan type',
  'Agency',
  'Significance',
  'Summary',
  'Concerns',
  'Version',
  'Status',
  'Correction reason',
  'Recorded by',
  'Recorded at',
];

function rowsOf(entry: ChronologyEntry): string[][] {
  const concerns = entry.concerns.map((p) => p.name).join('; ');
  const row = (v: EventVersion, status: string) => [
    v.occurredOn,
    v.kind,
    v.planType ?? '',
    v.agency,
    v.significance,
    v.summary,
    concerns,
    String(v.version),
    status,
    v.correctionReason ?? '',
    v.recordedBy,
    v.recordedAt.toISOString(),
  ];
  // Earlier versions follow the current one, so a correction never hides what the record said before.
  return [row(entry, 'current'), ...entry.earlier.map((v) => row(v, `replaced by version ${v.version + 1}`))];
}

/** A child's whole chronology as CSV, for a reason that is audited with it. */
export function createChronologyExport(platform: Services, records: Records) {
  async function childCsv(viewer: Viewer, childId: string, reason: string) {
    const opened = await records.openChild(viewer, childId);
    if (!opened.ok) return opened;
    const why = reason.trim();
    if (why === '') return { ok: false as const, reason: 'invalid' as const };
    const events = await readChronology(platform.db, { childId }, {});
    await platform.audit.record({
      actor: viewer.actor,
      action: 'cases.chronology-exported',
      subjectType: 'child',
      subjectId: childId,
      organisationId: opened.record.organisationId,
      reason: why,
      details: { format: 'csv', events: events.length },
    });
    return { ok: true as const, child: opened.record, csv: toCsv([HEADER, ...events.flatMap(rowsOf)]) };
  }

  return { childCsv };
}
