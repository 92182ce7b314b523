import { taggedPdf } from '../../../platform/pdf.js';
import { formatDateTime, formatDay } from '../../../platform/time.js';
import { KIND_LABELS, PLAN_LABELS, RULE_NAMES, SIGNIFICANCE_LABELS, label } from '../labels.js';
import type { ChronologyEntry, EventVersion } from './queries.js';

/** The protective marking of a chronology on paper: it names children and what happened to them. */
export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';

export interface PdfFlag {
  rule: string;
  explanation: string;
  /** For a family's chronology: the child the flag is about. */
  childName?: string | null;
}

export interface ChronologyPdf {
  /** "Quill Testwood (SYN-1A2B3C)" or "Testwood family". */
  title: string;
  /** What each page's footer calls the document, without names: a child's reference, or "family chronology". */
  shortTitle: string;
  exportedBy: string;
  exportedAt: Date;
  reason: string;
  flags: PdfFlag[];
  entries: ChronologyEntry[];
}

const GREY = '#505a5f';

const kindOf = (v: EventVersion) => `${label(KIND_LABELS, v.kind)}${v.planType ? ` (${label(PLAN_LABELS, v.planType)})` : ''}`;
const factsOf = (v: EventVersion) => `Agency: ${v.agency}. Significance: ${label(SIGNIFICANCE_LABELS, v.significance)}.`;
const concernsOf = (entry: ChronologyEntry) =>
  entry.concerns.map((p) => `${p.name}${p.kind === 'adult' ? ' (adult)' : ''}`).join(', ') || 'nobody recorded';

/**
 * A chronology on A4 for a conference or a court bundle: who exported it, when and why, the flags with their rules,
 * then every entry oldest first with its earlier versions, so that a correction on paper is as plain as on the page.
 */
export function chronologyPdf(input: ChronologyPdf): Promise<Buffer> {
  const { doc, write, keepTogether, finish } = taggedPdf({ title: `Chronology: ${input.title}`, subject: PROTECTIVE_MARKING });
  const meta = { size: 9, colour: GREY };

  write(`Chronology: ${input.title}`, 'H1', { font: 'Helvetica-Bold', size: 18, gap: 0.6 });
  write(`Exported by ${input.exportedBy} on ${formatDateTime(input.exportedAt)} (London time).`, 'P', { gap: 0.2 });
  write(`Reason for the export: ${input.reason}`, 'P', { gap: 0.2 });
  write(
    `${input.entries.length} ${input.entries.length === 1 ? 'entry' : 'entries'}, oldest first. Keep this only as long as you need it, and only where your authority allows.`,
    'P',
    { gap: 1 },
  );

  write('Flags', 'H2', { font: 'Helvetica-Bold', size: 14 });
  if (input.flags.length === 0) write('No pattern rule is raised by this chronology.', 'P', { gap: 1 });
  for (const flag of input.flags) {
    const about = flag.childName ? ` (about ${flag.childName})` : '';
    write(`${label(RULE_NAMES, flag.rule)} [rule ${flag.rule}]${about}`, 'H3', {
      font: 'Helvetica-Bold',
      size: 10,
      gap: 0.1,
    });
    write(flag.explanation, 'P', { gap: 0.5 });
  }

  keepTogether(60);
  write('Entries', 'H2', { font: 'Helvetica-Bold', size: 14, gap: 0.5 });
  for (const entry of input.entries) {
    keepTogether(70);
    write(`${formatDay(entry.occurredOn)}: ${kindOf(entry)}`, 'H3', { font: 'Helvetica-Bold', size: 11, gap: 0.1 });
    write(`${factsOf(entry)} Concerns: ${concernsOf(entry)}.`, 'P', { gap: 0.1 });
    write(entry.summary, 'P', { gap: 0.1 });
    const corrected = entry.correctionReason ? ` Corrected, for this reason: ${entry.correctionReason}` : '';
    write(`Version ${entry.version}, recorded by ${entry.recordedBy} on ${formatDateTime(entry.recordedAt)}.${corrected}`, 'P', meta);
    for (const earlier of entry.earlier) {
      write(
        `Earlier version ${earlier.version}, replaced by version ${earlier.version + 1}: ${formatDay(earlier.occurredOn)}, ${kindOf(earlier)}. ${factsOf(earlier)} Recorded by ${earlier.recordedBy} on ${formatDateTime(earlier.recordedAt)}.${earlier.correctionReason ? ` Corrected, for this reason: ${earlier.correctionReason}` : ''}`,
        'P',
        { ...meta, gap: 0.1 },
      );
      write(`It said: ${earlier.summary}`, 'P', { ...meta, gap: 0.4 });
    }
    for (const note of entry.notes) {
      write(`Analysis note by ${note.author} on ${formatDateTime(note.writtenAt)}: ${note.body}`, 'P', { ...meta, gap: 0.4 });
    }
    doc.moveDown(0.5);
  }

  return finish((page, pages) => ({
    header: PROTECTIVE_MARKING,
    footer: `${PROTECTIVE_MARKING}  ·  ${input.shortTitle}  ·  Page ${page} of ${pages}`,
  }));
}
