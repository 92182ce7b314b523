import type { FastifyPluginAsync } from 'fastify';
import { pathParams, typed } from '../../../platform/schemas.js';
import { londonDay } from '../../../platform/time.js';
import { CASE_WORKERS } from '../access.js';
import { recordId, refuseRecord } from '../route-helpers.js';
import { viewerOf } from '../viewer.js';
import { exportForm } from './export.js';

/** Exporting a child's chronology to CSV: a reason first, then the file, and both in the audit log. */
export const exportRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const cases = app.cases;
  const params = { params: pathParams('id') };

  app.get('/practice/children/:id/chronology/export', { config: CASE_WORKERS, schema: params }, async (request, reply) => {
    const id = recordId(request.params.id);
    const opened = await cases.records.openChild(viewerOf(request), id);
    if (!opened.ok) return refuseRecord(reply, opened.reason, id);
    return reply.page('cases/export.njk', { child: opened.record, values: {} });
  });

  app.post('/practice/children/:id/chronology/export', { config: CASE_WORKERS, schema: params }, async (request, reply) => {
    const id = recordId(request.params.id);
    const form = exportForm.parse(request.body);
    if (!form.ok) {
      const opened = await cases.records.openChild(viewerOf(request), id);
      if (!opened.ok) return refuseRecord(reply, opened.reason, id);
      return reply.code(400).page('cases/export.njk', { child: opened.record, values: form.values, errors: form.errors });
    }
    const exported = await cases.exports.childCsv(viewerOf(request), id, form.data.reason);
    if (!exported.ok) return refuseRecord(reply, exported.reason === 'invalid' ? 'hidden' : exported.reason, id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="chronology-${exported.child.reference}-${londonDay(new Date())}.csv"`)
      .send(exported.csv);
  });
};
