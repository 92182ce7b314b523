import type { FastifyPluginAsync } from 'fastify';
import { hasRole, requirePrincipal } from '../../../platform/access.js';
import { firstText, formFields, pathParams, typed } from '../../../platform/schemas.js';
import { formatDay } from '../../../platform/time.js';
import { parseField, text } from '../../../platform/validation.js';
import { CASE_WORKERS, PRACTICE_READERS } from '../access.js';
import { RULE_NAMES, label } from '../labels.js';
import { flagView, noSuchRecord, recordId, refuseRecord } from '../route-helpers.js';
import { viewerOf } from '../../../platform/practice/viewer.js';

const reasonField = text({ label: 'Your reason', required: 'Enter why you need to open this record', maxLength: 1000 });

/** The caseload, a child's record, and breaking the glass to open a record outside one's team. */
export const practiceRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const cases = app.cases;

  app.get('/practice', { config: PRACTICE_READERS }, async (request, reply) => {
    const principal = requirePrincipal(request);
    if (!hasRole(principal, 'practitioner', 'manager')) {
      const counts = await cases.counts(viewerOf(request));
      return reply.page('cases/counts.njk', {
        counts: counts && { ...counts, byRule: counts.byRule.map((r) => ({ ...r, name: label(RULE_NAMES, r.rule) })) },
      });
    }
    const children = (await cases.caseload(viewerOf(request))).map((child) => ({
      ...child,
      born: child.dateOfBirth ? formatDay(child.dateOfBirth) : 'Not known',
      flags: child.flags.map((f) => ({ ...f, name: label(RULE_NAMES, f.rule) })),
    }));
    return reply.page('cases/caseload.njk', {
      mine: children.filter((c) => c.mine),
      team: children.filter((c) => !c.mine),
      inTeam: principal.teamId !== null,
    });
  });

  app.get('/practice/children/:id', { config: CASE_WORKERS, schema: { params: pathParams('id') } }, async (request, reply) => {
    const id = recordId(request.params.id);
    const viewer = viewerOf(request);
    const opened = await cases.records.openChild(viewer, id);
    if (!opened.ok) return refuseRecord(reply, opened.reason, id);
    const child = opened.record;
    const flags = await cases.flags.ofChild(id);
    await cases.records.auditRead(viewer, 'cases.child-viewed', { type: 'child', id, organisationId: child.organisationId });
    return reply.page('cases/child.njk', {
      child: { ...child, born: child.dateOfBirth ? formatDay(child.dateOfBirth) : 'Not known' },
      flags: flags.map(flagView),
      // The other practice modules' sections of the record (assessments, plans, oversight), when they are switched on.
      sections: app.modules.flatMap((m) => m.childRecordLinks ?? []),
    });
  });

  async function breakGlassPage(id: string, request: Parameters<typeof viewerOf>[0]) {
    const viewer = viewerOf(request);
    const opened = await cases.records.openChild(viewer, id);
    if (opened.ok) return { viewer, access: 'open' as const, child: null };
    if (opened.reason !== 'break-glass') throw noSuchRecord();
    const child = await cases.breakGlass.need(viewer, id);
    if (!child) throw noSuchRecord();
    return { viewer, access: 'break-glass' as const, child };
  }

  app.get('/practice/children/:id/break-glass', { config: CASE_WORKERS, schema: { params: pathParams('id') } }, async (request, reply) => {
    const id = recordId(request.params.id);
    const { access, child } = await breakGlassPage(id, request);
    if (access === 'open') return reply.redirect(`/practice/children/${id}`, 303);
    return reply.page('cases/break-glass.njk', { id, child, values: {} });
  });

  app.post('/practice/children/:id/break-glass', { config: CASE_WORKERS, schema: { params: pathParams('id') } }, async (request, reply) => {
    const id = recordId(request.params.id);
    const { viewer, access, child } = await breakGlassPage(id, request);
    if (access === 'open') return reply.redirect(`/practice/children/${id}`, 303);
    const reason = parseField(reasonField, 'reason', request.body);
    const typedReason = 'value' in reason ? reason.value : '';
    const result =
      'error' in reason
        ? { ok: false as const, reason: 'invalid' as const, text: reason.error.text }
        : await cases.breakGlass.breakGlass(viewer, id, typedReason, access);
    if (result.ok) {
      return reply.flashAndRedirect(
        {
          kind: 'important',
          heading: 'You broke the glass',
          text: 'The team’s manager has been told. The record is open to you until you sign out.',
        },
        `/practice/children/${id}`,
      );
    }
    if (result.reason === 'invalid') {
      const values = { reason: firstText(formFields(request.body).reason) };
      return reply.code(400).page('cases/break-glass.njk', { id, child, values, errors: [{ field: 'reason', text: result.text }] });
    }
    throw noSuchRecord();
  });
};
