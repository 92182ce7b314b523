import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/database.js';
import { taggedPdf } from '../../../platform/pdf.js';
import { subjectName } from '../../../platform/subjects.js';
import { URGENT_HELP } from '../../../platform/urgent-help.js';
import type { Published } from './service.js';
import { formatBytes } from '../presentation.js';

type Block = { kind: 'H2' | 'H3' | 'P'; text: string } | { kind: 'L'; items: string[] };

/** Inline Markdown as plain words: emphasis dropped, links written out so they survive on paper. */
function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (url.startsWith('http') ? `${label} (${url})` : label))
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .trim();
}

/** The Markdown a sheet is written in, as the headings, paragraphs and lists the PDF's structure needs. */
export function pdfBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'P', text: inline(paragraph.join(' ')) });
    if (list.length) blocks.push({ kind: 'L', items: list.map(inline) });
    paragraph = [];
    list = [];
  };
  for (const line of markdown.split('\n')) {
    const heading = /^(#{2,4})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: heading[1]!.length === 2 ? 'H2' : 'H3', text: inline(heading[2]!) });
    } else if (item) {
      if (paragraph.length) flush();
      list.push(item[1]!);
    } else if (line.trim() === '') flush();
    else if (list.length && /^\s+/.test(line)) list[list.length - 1] += ` ${line.trim()}`;
    else {
      if (list.length) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/**
 * A tagged PDF (PDF/UA-style structure: a title shown in the window, the language, headings, paragraphs and lists as
 * structure elements), so that screen readers can navigate it like the web page.
 */
export function renderPdf(item: Published, baseUrl: string): Promise<Buffer> {
  const { write, list, finish } = taggedPdf({ title: item.title, subject: item.summary, keywords: item.tags.join(', ') });
  const text = (value: string, structType: string, font: string, size: number, gap = 0.6) => write(value, structType, { font, size, gap });

  text(item.title, 'H1', 'Helvetica-Bold', 22);
  text(item.summary, 'P', 'Helvetica', 13);
  const facts = [
    item.subject ? `Subject: ${subjectName(item.subject) ?? item.subject}` : null,
    item.fields.lastReviewed ? `Facts last checked: ${item.fields.lastReviewed}` : null,
    item.fields.reviewDue ? `Next review due: ${item.fields.reviewDue}` : null,
    `Published: ${item.publishedAt.toISOString().slice(0, 10)}`,
    `Online: ${baseUrl}${item.path}`,
  ].filter((f): f is string => f !== null);
  text(facts.join('\n'), 'P', 'Helvetica', 10);
  if (item.type === 'advice-sheet') {
    text(
      'This is general information, not legal advice. The law can change, and your situation may be different.',
      'P',
      'Helvetica-Bold',
      11,
    );
  }
  for (const block of pdfBlocks(item.fields.body)) {
    if (block.kind === 'L') list(block.items);
    else if (block.kind === 'P') text(block.text, 'P', 'Helvetica', 11);
    else text(block.text, block.kind, 'Helvetica-Bold', block.kind === 'H2' ? 16 : 13, 0.4);
  }
  if (item.type === 'advice-sheet') {
    if (item.fields.sources.length > 0) {
      text('Where this advice comes from', 'H2', 'Helvetica-Bold', 16, 0.4);
      list(item.fields.sources.map((source) => `${source.title}: ${source.url}`));
    }
    // The same list as on every advice page: a printed sheet may be all a family has to hand.
    text('If you need help urgently', 'H2', 'Helvetica-Bold', 16, 0.4);
    list(URGENT_HELP.map((contact) => `${contact.name}${contact.phone ? `, ${contact.phone}` : ''}: ${contact.how}`));
  }
  if (item.fields.notesToEditors) {
    text('Notes to editors', 'H2', 'Helvetica-Bold', 16, 0.4);
    for (const block of pdfBlocks(item.fields.notesToEditors)) {
      if (block.kind === 'L') list(block.items);
      else text(block.text, block.kind === 'P' ? 'P' : 'H3', 'Helvetica', 11);
    }
  }
  if (item.fields.resources.length > 0) {
    text('Resources', 'H2', 'Helvetica-Bold', 16, 0.4);
    list(
      item.fields.resources.map(
        (r) =>
          `${r.title} (${[r.format, formatBytes(r.sizeBytes)].filter(Boolean).join(', ')}): ${r.url.startsWith('/') ? baseUrl + r.url : r.url}`,
      ),
    );
  }
  return finish();
}

/** PDFs are made once per published revision and kept in the database, so every instance shares them. */
export function createPdfs(db: Db, baseUrl: string) {
  async function pdfFor(item: Published): Promise<Buffer> {
    const cached = await db
      .selectFrom('content_pdfs')
      .select('pdf')
      .where('item_id', '=', item.id)
      .where('revision', '=', item.revision)
      .executeTakeFirst();
    if (cached) return Buffer.from(cached.pdf);
    const pdf = await renderPdf(item, baseUrl);
    await db
      .insertInto('content_pdfs')
      .values({ item_id: item.id, revision: item.revision, pdf })
      .onConflict((oc) => oc.column('item_id').doUpdateSet({ revision: item.revision, pdf, created_at: new Date() }))
      .execute();
    return pdf;
  }

  async function send(request: FastifyRequest, reply: FastifyReply, item: Published) {
    const etag = `"pdf-${item.id}-${item.revision}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const pdf = await pdfFor(item);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${item.slug}.pdf"`).send(pdf);
  }

  return { pdfFor, send };
}

export type Pdfs = ReturnType<typeof createPdfs>;
