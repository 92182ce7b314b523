import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Contracts } from '../../../platform/modules.js';
import type { PracticeChild, RefusedReason } from '../../../platform/practice/records.js';
import type { Viewer } from '../../../platform/practice/viewer.js';
import type { Services } from '../../../platform/services.js';
import { londonDay } from '../../../platform/time.js';
import { isUuid, type FieldError } from '../../../platform/validation.js';
import type { Frameworks } from '../framework/service.js';
import { openChild } from '../opening.js';
import { assessmentOf, type Assessment, type AssessmentContent } from '../queries.js';
import { contentProblems } from './rules.js';

export type Refused = { ok: false; reason: RefusedReason };
export type StartResult = { ok: true; id: string } | Refused | { ok: false; reason: 'already-open'; openId: string };
export type ReadResult = { ok: true; child: PracticeChild; assessment: Assessment } | Refused;
export type SaveResult =
  | { ok: true }
  | Refused
  | { ok: false; reason: 'not-editable'; state: Assessment['state'] }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

/** Unique index of one open assessment per child: see the migration. */
const ONE_OPEN = 'assessments_one_open';

/**
 * Starting, reading and writing an assessment. Every read is audited, and every change writes its audit entry in the
 * same transaction; the child's record is opened through the practice records' one access check each time.
 */
export function createRecording(platform: Services, contracts: Contracts, frameworks: Frameworks) {
  const { db, audit } = platform;

  const audited = (
    viewer: Viewer,
    child: PracticeChild,
    action: string,
    assessmentId: string,
    trx: Db = db,
    details?: Record<string, unknown>,
  ) =>
    audit.record(
      {
        actor: viewer.actor,
        action,
        subjectType: 'assessment',
        subjectId: assessmentId,
        organisationId: child.organisationId,
        details: { childId: child.id, ...details },
      },
      trx,
    );

  const openAssessmentOf = (childId: string) =>
    db.selectFrom('assessments').select('id').where('child_id', '=', childId).where('state', '<>', 'authorised').executeTakeFirst();

  /** A new assessment of the child, with the organisation's current framework. One is open per child at a time. */
  async function start(viewer: Viewer, childId: string, startedOn: string): Promise<StartResult> {
    const opened = await openChild(contracts, viewer, childId);
    if (!opened.ok) return opened;
    const { child } = opened;
    const open = await openAssessmentOf(child.id);
    if (open) return { ok: false, reason: 'already-open', openId: open.id };
    const framework = await frameworks.currentFor(child.organisationId);
    try {
      return await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('assessments')
          .values({
            child_id: child.id,
            organisation_id: child.organisationId,
            team_id: child.teamId,
            framework_id: framework.id,
            started_on: startedOn,
            author_id: viewer.principal.id,
            author_label: viewer.actor.label,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('assessment_authors').values({ assessment_id: id, user_id: viewer.principal.id }).execute();
        await audited(viewer, child, 'assessments.started', id, trx, { startedOn, frameworkVersion: framework.version });
        return { ok: true as const, id };
      });
    } catch (error) {
      // Two people starting one at once: the index lets one in, and the other is told of it.
      if (
        (error as { constraint?: string; message?: string }).message?.includes(ONE_OPEN) ||
        (error as { code?: string }).code === '23505'
      ) {
        const now = await openAssessmentOf(child.id);
        if (now) return { ok: false, reason: 'already-open', openId: now.id };
      }
      throw error;
    }
  }

  /** One assessment of a child the viewer may open, whole; reading it is audited. Another child's id is a missing one. */
  async function read(viewer: Viewer, childId: string, assessmentId: string): Promise<ReadResult> {
    const opened = await openChild(contracts, viewer, childId);
    if (!opened.ok) return opened;
    const assessment = isUuid(assessmentId) ? await assessmentOf(db, frameworks, opened.child.id, assessmentId.toLowerCase()) : null;
    if (!assessment) return { ok: false, reason: 'hidden' };
    await audited(viewer, opened.child, 'assessments.viewed', assessment.id);
    return { ok: true, child: opened.child, assessment };
  }

  /**
   * Replaces what an assessment in progress says with `content`, all of it or none; `complete` then asks a manager to
   * authorise it, once everything completion needs is there. An assessment awaiting authorisation or authorised is not
   * written to (a manager returns it first; an authorised one never changes, which the database enforces too).
   */
  async function save(
    viewer: Viewer,
    childId: string,
    assessmentId: string,
    content: AssessmentContent,
    complete: boolean,
  ): Promise<SaveResult> {
    const opened = await openChild(contracts, viewer, childId);
    if (!opened.ok) return opened;
    const { child } = opened;
    const assessment = isUuid(assessmentId) ? await assessmentOf(db, frameworks, child.id, assessmentId.toLowerCase()) : null;
    if (!assessment) return { ok: false, reason: 'hidden' };
    const errors = contentProblems(assessment.framework, content, complete);
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    return db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('assessments')
        .select('state')
        .where('id', '=', assessment.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (locked.state !== 'in-progress') return { ok: false as const, reason: 'not-editable' as const, state: locked.state };
      await writeContent(trx, assessment.id, content);
      const today = londonDay(new Date());
      await trx
        .updateTable('assessments')
        .set({
          child_words: content.childWords.trim(),
          team_id: child.teamId,
          updated_at: new Date(),
          ...(complete
            ? { state: 'completed' as const, completed_on: today, completed_at: new Date(), returned_reason: null, returned_at: null }
            : {}),
        })
        .where('id', '=', assessment.id)
        .execute();
      await sql`insert into assessment_authors (assessment_id, user_id) values (${assessment.id}, ${viewer.principal.id}) on conflict do nothing`.execute(
        trx,
      );
      await audited(viewer, child, complete ? 'assessments.completed' : 'assessments.saved', assessment.id, trx);
      return { ok: true as const };
    });
  }

  /**
   * The child, for the page that starts an assessment, with the id of their open assessment if there is one: their name
   * and no more, so no audit entry of its own.
   */
  async function child(viewer: Viewer, childId: string): Promise<{ ok: true; child: PracticeChild; openId: string | null } | Refused> {
    const opened = await openChild(contracts, viewer, childId);
    if (!opened.ok) return opened;
    return { ok: true, child: opened.child, openId: (await openAssessmentOf(opened.child.id))?.id ?? null };
  }

  return { child, start, read, save };
}

async function writeContent(trx: Db, id: string, content: AssessmentContent) {
  await trx.deleteFrom('assessment_grades').where('assessment_id', '=', id).execute();
  await trx.deleteFrom('assessment_domain_views').where('assessment_id', '=', id).execute();
  await trx.deleteFrom('assessment_circumstances').where('assessment_id', '=', id).execute();
  const grades = Object.entries(content.grades).map(([key, g]) => ({
    assessment_id: id,
    question_key: key,
    grade: g.grade,
    evidence: g.evidence.trim(),
  }));
  if (grades.length > 0) await trx.insertInto('assessment_grades').values(grades).execute();
  const views = Object.entries(content.views)
    .filter(([, v]) => v.professional.trim() !== '' || v.parents.trim() !== '')
    .map(([key, v]) => ({ assessment_id: id, domain_key: key, professional_view: v.professional.trim(), parents_view: v.parents.trim() }));
  if (views.length > 0) await trx.insertInto('assessment_domain_views').values(views).execute();
  const circumstances = Object.entries(content.circumstances).map(([key, c]) => ({
    assessment_id: id,
    circumstance_key: key,
    pressure: c.pressure,
    note: c.note.trim(),
    support_offered: c.supportOffered.trim(),
  }));
  if (circumstances.length > 0) await trx.insertInto('assessment_circumstances').values(circumstances).execute();
}

export type Recording = ReturnType<typeof createRecording>;
