import type { Db } from '../db/database.js';
import type { Viewer } from './viewer.js';

/**
 * The practice door's records as the other practice modules (assessments, plans, oversight) see them. The cases module
 * holds children, families and chronologies and serves this contract; the others never read its tables or import it,
 * so that there is one access check for a child's record and one way into a chronology.
 */
export interface PracticeRecords {
  /**
   * The child's record if this viewer may read it: the practice door's one access check (allocated worker, team,
   * managers, a glass broken in this session). Writes no audit entry: the caller writes the one that says what it read
   * or changed, in its own transaction. `hidden` must be answered exactly as a missing id (a 404).
   */
  openChild(viewer: Viewer, childId: string): Promise<OpenedChild>;
  /**
   * The children the viewer holds (allocated to them or their family, or their team's), by family then name, with a
   * stamp that moves whenever the list could change: a page drawn from it may be kept for as long as the stamp holds.
   * The list may be shared with other callers, so it is read-only.
   */
  heldChildren(viewer: Viewer): Promise<HeldChildren>;
  /** Every child of every organisation, a page at a time in id order, for daily jobs such as drift alerts. */
  childrenAfter(afterId: string | null, limit: number): Promise<PracticeChild[]>;
  /**
   * Adds an event to a child's chronology (a plan starting, a conference held), after the same checks as a worker's own
   * entry. Pass the caller's transaction so that the change and its chronology entry commit or roll back together.
   */
  recordEvent(viewer: Viewer, childId: string, event: PracticeEvent, trx?: Db): Promise<RecordedEvent>;
  /** Chronology events of these kinds about these children, oldest first: what timescales are counted from. */
  eventsOf(childIds: readonly string[], kinds: readonly string[]): Promise<PracticeEventFact[]>;
  /** Where someone refused with `break-glass` is sent to give their reason. */
  breakGlassPath(childId: string): string;
}

export interface PracticeChild {
  id: string;
  /** The plainly synthetic reference shown beside the name, such as `HX-00012`. */
  reference: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  familyId: string;
  organisationId: string;
  teamId: string;
  /** The allocated worker's account id (the child's own worker, else the family's), and their name. */
  workerId: string | null;
  worker: string | null;
}

export interface HeldChildren {
  stamp: string;
  children: readonly PracticeChild[];
}

export type RefusedReason = 'hidden' | 'break-glass' | 'counts-only';

export type OpenedChild = { ok: true; child: PracticeChild } | { ok: false; reason: RefusedReason };

/** An event as another module tells it. Kinds and plan types are the chronology's controlled list (docs/practice.md). */
export interface PracticeEvent {
  kind: string;
  occurredOn: string;
  agency: string;
  significance: 'low' | 'medium' | 'high';
  planType: 'early-help' | 'child-in-need' | 'child-protection' | null;
  summary: string;
}

export type RecordedEvent =
  | { ok: true; id: string }
  | { ok: false; reason: RefusedReason }
  | { ok: false; reason: 'invalid'; errors: { field: string; text: string }[] };

export interface PracticeEventFact {
  id: string;
  childId: string;
  kind: string;
  occurredOn: string;
  planType: string | null;
}
