import type { FieldError, FormValues } from '../../platform/validation.js';
import { subjectName } from '../../platform/subjects.js';
import { parseDay } from '../../platform/time.js';
import {
  AUTHOR_KINDS,
  CONTENT_TYPES,
  EMPTY_FIELDS,
  isContentType,
  type AuthorKind,
  type ContentFields,
  type ContentType,
  type Resource,
  type SheetSource,
} from './types.js';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UPLOADED = '\\/uploads\\/[0-9a-f-]{36}';
const UPLOADED_VIDEO = new RegExp(`^${UPLOADED}-video\\.(mp4|webm)$`);
const UPLOADED_CAPTIONS = new RegExp(`^${UPLOADED}-captions\\.vtt$`);
const LIMITS = { title: 200, slug: 100, summary: 400, body: 100_000, tag: 40, tags: 12, author: 100, notes: 5_000, transcript: 100_000 };

/** Every field of the editor as it arrives from a form or JSON: strings, or lists of strings. */
export type RawFields = Record<string, unknown>;

/** The first value as text, without control characters (but tab and newline), which no one means to type. */
function str(raw: unknown): string {
  if (Array.isArray(raw)) return str(raw[0]);
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

export function slugFrom(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.slug)
    .replace(/-+$/, '');
}

/** "Title | https://… | PDF | 120000", one a line: a press release's files, with their type and size for readers. */
function readResources(text: string, errors: FieldError[]): Resource[] {
  const resources: Resource[] = [];
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .forEach((line, index) => {
      const [title = '', url = '', format = '', size = ''] = line.split('|').map((part) => part.trim());
      if (!title || !/^(https:\/\/|\/)[^\s]*$/.test(url) || !format) {
        errors.push({
          field: 'resources',
          text: `Resource on line ${index + 1} must be "title | address starting https:// or / | format", with an optional size in bytes`,
        });
        return;
      }
      const sizeBytes = size === '' ? null : Number(size);
      if (sizeBytes !== null && (!Number.isInteger(sizeBytes) || sizeBytes < 0)) {
        errors.push({ field: 'resources', text: `Resource on line ${index + 1}: the size must be a whole number of bytes` });
        return;
      }
      resources.push({ title: title.slice(0, 200), url: url.slice(0, 500), format: format.slice(0, 20), sizeBytes });
    });
  return resources;
}

/** "Title | https://…", one a line: the public sources an advice sheet rests on. */
function readSources(text: string, errors: FieldError[]): SheetSource[] {
  const sources: SheetSource[] = [];
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .forEach((line, index) => {
      const bar = line.lastIndexOf('|');
      const title = (bar === -1 ? '' : line.slice(0, bar)).trim();
      const url = (bar === -1 ? line : line.slice(bar + 1)).trim();
      if (!title || !/^https:\/\/[^\s"'<>]+$/.test(url)) {
        errors.push({
          field: 'sources',
          text: `Source on line ${index + 1} must be "title | address of the public source starting https://"`,
        });
        return;
      }
      sources.push({ title: title.slice(0, 300), url: url.slice(0, 500) });
    });
  return sources;
}

export function sourcesText(sources: readonly SheetSource[]): string {
  return sources.map((s) => `${s.title} | ${s.url}`).join('\n');
}

export function resourcesText(resources: readonly Resource[]): string {
  return resources.map((r) => [r.title, r.url, r.format, r.sizeBytes ?? ''].join(' | ').replace(/ \| $/, '')).join('\n');
}

export type FieldsResult = { ok: true; fields: ContentFields } | { ok: false; errors: FieldError[] };

/**
 * The editor's fields, checked. Rules that depend on the type: advice sheets carry review dates, a subject and the
 * public sources they rest on, FAQs a subject, posts an author, films and vlogs a video and a full transcript.
 */
export function readFields(raw: RawFields, fixedType?: ContentType): FieldsResult {
  const errors: FieldError[] = [];
  const typeRaw = fixedType ?? str(raw.type);
  if (!isContentType(typeRaw)) {
    return { ok: false, errors: [{ field: 'type', text: 'Select the type of content' }] };
  }
  const type = typeRaw;
  const title = str(raw.title).trim();
  if (!title) errors.push({ field: 'title', text: 'Enter a title' });
  else if (title.length > LIMITS.title) errors.push({ field: 'title', text: `Title must be ${LIMITS.title} characters or fewer` });

  let slug = str(raw.slug).trim().toLowerCase();
  if (!slug) slug = slugFrom(title);
  if (title && !slug) errors.push({ field: 'slug', text: 'Enter a web address name, using letters, numbers and hyphens' });
  else if (slug && (!SLUG.test(slug) || slug.length > LIMITS.slug)) {
    errors.push({
      field: 'slug',
      text: `Web address name must use only lower-case letters, numbers and single hyphens, ${LIMITS.slug} characters or fewer`,
    });
  }

  const summary = str(raw.summary).trim();
  if (!summary) errors.push({ field: 'summary', text: 'Enter a summary of one or two sentences' });
  else if (summary.length > LIMITS.summary)
    errors.push({ field: 'summary', text: `Summary must be ${LIMITS.summary} characters or fewer` });

  const body = str(raw.body).replace(/\r\n/g, '\n');
  if (!body.trim()) errors.push({ field: 'body', text: 'Enter the text' });
  else if (body.length > LIMITS.body)
    errors.push({ field: 'body', text: `Text must be ${LIMITS.body.toLocaleString('en-GB')} characters or fewer` });

  const subjectRaw = str(raw.subject).trim();
  const subject = subjectRaw === '' ? null : subjectRaw;
  if (subject !== null && !subjectName(subject)) errors.push({ field: 'subject', text: 'Select a subject from the list' });
  else if (subject === null && (type === 'advice-sheet' || type === 'faq')) {
    errors.push({ field: 'subject', text: `Select the subject this ${CONTENT_TYPES[type].label.toLowerCase()} is about` });
  }

  const tags = [
    ...new Set(
      str(raw.tags)
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (tags.length > LIMITS.tags) errors.push({ field: 'tags', text: `Use ${LIMITS.tags} tags or fewer` });
  else if (tags.some((t) => !SLUG.test(t) || t.length > LIMITS.tag)) {
    errors.push({ field: 'tags', text: 'Tags must use only lower-case letters, numbers and hyphens, separated by commas' });
  }

  const authorName = str(raw.authorName).trim();
  const authorKindRaw = str(raw.authorKind).trim();
  const authorKind = authorKindRaw === '' ? null : (authorKindRaw as AuthorKind);
  if (authorName.length > LIMITS.author) errors.push({ field: 'authorName', text: `Author must be ${LIMITS.author} characters or fewer` });
  if (authorKind !== null && !(AUTHOR_KINDS as readonly string[]).includes(authorKind)) {
    errors.push({ field: 'authorKind', text: 'Select who the author is from the list' });
  }
  if ((type === 'blog-post' || type === 'vlog') && !authorName) errors.push({ field: 'authorName', text: 'Enter the author’s name' });
  if ((type === 'blog-post' || type === 'vlog') && !authorKind) errors.push({ field: 'authorKind', text: 'Select who the author is' });

  const lastReviewed = str(raw.lastReviewed).trim() || null;
  const reviewDue = str(raw.reviewDue).trim() || null;
  if (lastReviewed && !parseDay(lastReviewed)) errors.push({ field: 'lastReviewed', text: 'Last reviewed must be a real date' });
  if (reviewDue && !parseDay(reviewDue)) errors.push({ field: 'reviewDue', text: 'Review due must be a real date' });
  if (type === 'advice-sheet') {
    if (!lastReviewed) errors.push({ field: 'lastReviewed', text: 'Enter the date the advice was last reviewed' });
    if (!reviewDue) errors.push({ field: 'reviewDue', text: 'Enter the date the advice is due to be reviewed again' });
  }
  const sources = Array.isArray(raw.sources)
    ? readSources(raw.sources.map((r) => (typeof r === 'object' && r ? Object.values(r).join(' | ') : str(r))).join('\n'), errors)
    : readSources(str(raw.sources), errors);
  if (type === 'advice-sheet' && sources.length === 0 && !errors.some((e) => e.field === 'sources')) {
    errors.push({ field: 'sources', text: 'Enter at least one source the advice rests on: its title, a |, and its address' });
  }
  if (lastReviewed && reviewDue && parseDay(lastReviewed) && parseDay(reviewDue) && reviewDue <= lastReviewed) {
    errors.push({ field: 'reviewDue', text: 'Review due must be after the date it was last reviewed' });
  }

  const notesToEditors = str(raw.notesToEditors).replace(/\r\n/g, '\n').trim();
  if (notesToEditors.length > LIMITS.notes)
    errors.push({ field: 'notesToEditors', text: `Notes to editors must be ${LIMITS.notes} characters or fewer` });
  const resources = Array.isArray(raw.resources)
    ? readResources(raw.resources.map((r) => (typeof r === 'object' && r ? Object.values(r).join(' | ') : str(r))).join('\n'), errors)
    : readResources(str(raw.resources), errors);

  const videoUrl = str(raw.videoUrl).trim();
  const videoFile = str(raw.videoFile).trim();
  const captionsFile = str(raw.captionsFile).trim();
  if (videoFile && !UPLOADED_VIDEO.test(videoFile)) {
    errors.push({ field: 'videoFile', text: 'Uploaded video must be an address from the uploads page, like /uploads/…-video.mp4' });
  }
  if (captionsFile && !UPLOADED_CAPTIONS.test(captionsFile)) {
    errors.push({ field: 'captionsFile', text: 'Captions must be an address from the uploads page, like /uploads/…-captions.vtt' });
  }
  if (videoFile && !captionsFile) errors.push({ field: 'captionsFile', text: 'Enter the address of the captions for the uploaded video' });
  const transcript = str(raw.transcript).replace(/\r\n/g, '\n').trim();
  if (videoUrl && !/^https:\/\/[^\s"'<>]+$/.test(videoUrl))
    errors.push({ field: 'videoUrl', text: 'Video address must start with https://' });
  if (type === 'vlog' || type === 'film') {
    if (!videoUrl && !videoFile) errors.push({ field: 'videoUrl', text: 'Enter the address of the video, or of a video you uploaded' });
    if (!transcript) errors.push({ field: 'transcript', text: 'Enter the full transcript of the video, so everyone can follow it' });
  }
  if (transcript.length > LIMITS.transcript) errors.push({ field: 'transcript', text: 'Transcript is too long' });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      ...EMPTY_FIELDS,
      type,
      slug,
      title,
      summary,
      body,
      subject,
      tags,
      authorName,
      authorKind,
      lastReviewed,
      reviewDue,
      sources: type === 'advice-sheet' ? sources : [],
      notesToEditors,
      resources,
      videoUrl,
      videoFile,
      captionsFile,
      transcript,
    },
  };
}

/** The fields as the editor form shows them. */
export function formValues(fields: ContentFields): FormValues {
  return {
    type: fields.type,
    slug: fields.slug,
    title: fields.title,
    summary: fields.summary,
    body: fields.body,
    subject: fields.subject ?? '',
    tags: fields.tags.join(', '),
    authorName: fields.authorName,
    authorKind: fields.authorKind ?? '',
    lastReviewed: fields.lastReviewed ?? '',
    reviewDue: fields.reviewDue ?? '',
    sources: sourcesText(fields.sources),
    notesToEditors: fields.notesToEditors,
    resources: resourcesText(fields.resources),
    videoUrl: fields.videoUrl,
    videoFile: fields.videoFile ?? '',
    captionsFile: fields.captionsFile ?? '',
    transcript: fields.transcript,
  };
}
