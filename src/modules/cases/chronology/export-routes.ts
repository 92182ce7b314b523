import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { firstText, pathParams, typed } from '../../../platform/schemas.js';
import type { FieldError, FormValues } from '../../../platform/validation.js';
import { CASE_WORKERS } from '../access.js';
import type { Child, Family, Opened } from '../records/service.js';
import { recordId, refuseRecord } from '../route-helpers.js';
import { viewerOf, type Viewer } from '../../../platform/practice/viewer.js';
import { exportForm, type ExportedFile, type ExportRequest, type ExportResult } from './export.js';

interface ExportPage {
  caption: string;
  heading: string;
  action: string;
  back: string;
}

/** What the one export page needs to say about a child's or a family's chronology. */
const childPage = (child: Child): ExportPage => ({
  caption: `${child.givenName} ${child.familyName}`,
  heading: 'Export the chronology',
  action: `/practice/children/${child.id}/chronology/export`,
  back: `/practice/children/${child.id}/chronology`,
});
const familyPage = (family: Family): ExportPage => ({
  caption: family.name,
  heading: 'Export the family’s chronology',
  action: `/practice/families/${family.id}/chronology/export`,
  back: `/practice/families/${family.id}/chronology`,
});

const formatItems = (values: FormValues) =>
  [
    { value: 'pdf', text: 'PDF', hint: { text: 'To read or print: A4, marked OFFICIAL-SENSITIVE on every page, with the flags' } },
    { value: 'csv', text: 'CSV', hint: { text: 'For a spreadsheet: one row for each version of each entry' } },
  ].map((item) => ({ ...item, checked: firstText(values.format) === item.value }));

const sendFile = (reply: FastifyReply, file: ExportedFile) =>
  reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);

/**
 * Exporting a child's or a family's chronology to PDF or CSV: the format and a reason first, then the file, and both
 * in the audit log. Who may export is exactly who may read the chronology.
 */
export const exportRoutes: FastifyPluginAsync = async (fastify) => {
  const app = typed(fastify);
  const { records, exports } = app.cases;
  const route = { config: CASE_WORKERS, schema: { params: pathParams('id') } };

  /** The two routes of one kind of record: `open` is the same check as reading its chronology. */
  function exportPages<T>(
    kind: 'children' | 'families',
    open: (viewer: Viewer, id: string) => Promise<Opened<T>>,
    page: (record: T) => ExportPage,
    exportOf: (viewer: Viewer, id: string, request: ExportRequest) => Promise<ExportResult>,
  ) {
    // A child outside the team is sent to break the glass; a family answers that each child's glass comes first.
    const refuse = (reply: FastifyReply, reason: Parameters<typeof refuseRecord>[1], id: string) =>
      refuseRecord(reply, reason, kind === 'children' ? id : undefined);
    const render = async (reply: FastifyReply, viewer: Viewer, id: string, values: FormValues, errors?: FieldError[]) => {
      const opened = await open(viewer, id);
      if (!opened.ok) return refuse(reply, opened.reason, id);
      return reply
        .code(errors ? 400 : 200)
        .page('cases/export.njk', { page: page(opened.record), values, errors, formatItems: formatItems(values) });
    };

    app.get(`/practice/${kind}/:id/chronology/export`, route, async (request, reply) =>
      render(reply, viewerOf(request), recordId(request.params.id), {}),
    );

    app.post(`/practice/${kind}/:id/chronology/export`, route, async (request, reply) => {
      const id = recordId(request.params.id);
      const viewer = viewerOf(request);
      const form = exportForm.parse(request.body);
      if (!form.ok) return render(reply, viewer, id, form.values, form.errors);
      const exported = await exportOf(viewer, id, form.data);
      if (exported.ok) return sendFile(reply, exported.file);
      if (exported.reason === 'invalid') return render(reply, viewer, id, form.values, exported.errors);
      return refuse(reply, exported.reason, id);
    });
  }

  exportPages('children', records.openChild, childPage, exports.ofChild);
  exportPages('families', records.openFamily, familyPage, exports.ofFamily);
};
