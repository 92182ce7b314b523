import { toCsv } from '../../../platform/csv.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import { choice, defineForm, text, type FieldError } from '../../../platform/validation.js';
import type { FlagStore } from '../flag-store.js';
import type { Records } from '../records/service.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import { chronologyPdf, type PdfFlag } from './export-pdf.js';
import { readChronology, type ChronologyEntry, type ChronologyScope, type EventVersion } from './queries.js';

export const EXPORT_FORMATS = ['pdf', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const REASON_LENGTH = 500;

/** The format, and why the chronology leaves Hearth: asked every time, and kept in the audit log with the export. */
export const exportForm = defineForm({
  format: choice(EXPORT_FORMATS, { required: 'Select the format you want' }),
  reason: text({ label: 'Your reason', required: 'Enter why you are exporting this chronology', maxLength: REASON_LENGTH }),
});

export interface ExportRequest {
  format: ExportFormat;
  reason: string;
}

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

export type ExportResult =
  | { ok: true; file: ExportedFile }
  | { ok: false; reason: 'hidden' | 'break-glass' | 'counts-only' }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

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
  const concerns = entry.concerns.map((p) => `${p.name}${p.kind === 'adult' ? ' (adult)' : ''}`).join('; ');
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

/** A name for the file that a header can carry whatever a reference holds: an imported one is anyone's text. */
const fileName = (stem: string, format: ExportFormat) => `${stem.replace(/[^A-Za-z0-9-]+/g, '-')}-${londonDay(new Date())}.${format}`;

/** What the service checks whoever calls it: the page's form checks the same, with the same words. */
function requestProblems(request: ExportRequest): FieldError[] {
  const errors: FieldError[] = [];
  if (!(EXPORT_FORMATS as readonly string[]).includes(request.format)) errors.push({ field: 'format', text: 'Select the format you want' });
  const reason = request.reason.trim();
  if (reason === '') errors.push({ field: 'reason', text: 'Enter why you are exporting this chronology' });
  else if ([...reason].length > REASON_LENGTH)
    errors.push({ field: 'reason', text: `Your reason must be ${REASON_LENGTH} characters or fewer` });
  return errors;
}

interface Subject {
  type: 'child' | 'family';
  id: string;
  organisationId: string;
  scope: ChronologyScope;
  action: string;
  stem: string;
  title: string;
  shortTitle: string;
}

/**
 * A child's or a family's whole chronology as CSV or PDF, for a reason. Opening the record is the same check as
 * reading it (records.openChild, records.openFamily), and the export is audited before the file is handed back, so
 * that a file whose export could not be recorded never leaves.
 */
export function createChronologyExport(platform: Services, records: Records, flags: FlagStore) {
  const { db, audit } = platform;

  async function exportOf(
    viewer: Viewer,
    subject: Subject,
    request: ExportRequest,
    flagsOf: () => Promise<PdfFlag[]>,
  ): Promise<ExportResult> {
    const reason = request.reason.trim();
    const entries = await readChronology(db, subject.scope, {});
    const body =
      request.format === 'csv'
        ? toCsv([HEADER, ...entries.flatMap(rowsOf)])
        : await chronologyPdf({
            title: subject.title,
            shortTitle: subject.shortTitle,
            exportedBy: viewer.actor.label,
            exportedAt: new Date(),
            reason,
            flags: await flagsOf(),
            entries,
          });
    await audit.record({
      actor: viewer.actor,
      action: subject.action,
      subjectType: subject.type,
      subjectId: subject.id,
      organisationId: subject.organisationId,
      reason,
      details: { format: request.format, entries: entries.length },
    });
    const contentType = request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf';
    return { ok: true, file: { filename: fileName(subject.stem, request.format), contentType, body } };
  }

  /** A child's chronology, audited as `cases.chronology-exported`. */
  async function ofChild(viewer: Viewer, childId: string, request: ExportRequest): Promise<ExportResult> {
    const opened = await records.openChild(viewer, childId);
    if (!opened.ok) return opened;
    const errors = requestProblems(request);
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    const child = opened.record;
    const subject: Subject = {
      type: 'child',
      id: childId,
      organisationId: child.organisationId,
      scope: { childId },
      action: 'cases.chronology-exported',
      stem: `chronology-${child.reference}`,
      title: `${child.givenName} ${child.familyName} (${child.reference})`,
      shortTitle: child.reference,
    };
    return exportOf(viewer, subject, request, async () => (await flags.ofChild(childId)).map((f) => ({ ...f, childName: null })));
  }

  /** A family's chronology, every entry marked with whom it concerns, audited as `cases.family-chronology-exported`. */
  async function ofFamily(viewer: Viewer, familyId: string, request: ExportRequest): Promise<ExportResult> {
    const opened = await records.openFamily(viewer, familyId);
    if (!opened.ok) return opened;
    const errors = requestProblems(request);
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    const family = opened.record;
    const subject: Subject = {
      type: 'family',
      id: familyId,
      organisationId: family.organisationId,
      scope: { familyId },
      action: 'cases.family-chronology-exported',
      stem: `family-chronology-${familyId.slice(0, 8)}`,
      title: family.name,
      shortTitle: `Family chronology ${familyId.slice(0, 8)}`,
    };
    return exportOf(viewer, subject, request, async () => {
      const children = await db
        .selectFrom('case_people')
        .select(['id', 'given_name', 'family_name'])
        .where('family_id', '=', familyId)
        .execute();
      const names = new Map(children.map((p) => [p.id, `${p.given_name} ${p.family_name}`]));
      return (await flags.ofFamily(familyId)).map((f) => ({ ...f, childName: names.get(f.childId) ?? null }));
    });
  }

  return { ofChild, ofFamily };
}

export type ChronologyExport = ReturnType<typeof createChronologyExport>;
