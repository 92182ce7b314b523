/**
 * The kinds of content Hearth publishes. Each lives under one public path; blog posts and vlogs share /blog, and news
 * and press releases share /news, so a slug is unique within its section rather than its type.
 */
export const CONTENT_TYPES = {
  'advice-sheet': { label: 'Advice sheet', plural: 'Advice sheets', section: '/advice/sheets', needsApproval: true, pdf: true },
  faq: { label: 'FAQ', plural: 'FAQs', section: '/faqs', needsApproval: true, pdf: false },
  'blog-post': { label: 'Blog post', plural: 'Blog posts', section: '/blog', needsApproval: false, pdf: false },
  vlog: { label: 'Vlog', plural: 'Vlogs', section: '/blog', needsApproval: false, pdf: false },
  film: { label: 'Film', plural: 'Films', section: '/films', needsApproval: false, pdf: false },
  news: { label: 'News', plural: 'News', section: '/news', needsApproval: false, pdf: false },
  'press-release': { label: 'Press release', plural: 'Press releases', section: '/news', needsApproval: false, pdf: true },
  policy: { label: 'Policy or campaign', plural: 'Policy and campaigns', section: '/policy', needsApproval: false, pdf: false },
  guide: { label: 'Guide', plural: 'Guides', section: '/guides', needsApproval: false, pdf: false },
  page: { label: 'Page', plural: 'Pages', section: '/pages', needsApproval: false, pdf: false },
} as const;

export type ContentType = keyof typeof CONTENT_TYPES;
export const TYPE_NAMES = Object.keys(CONTENT_TYPES) as ContentType[];

export function isContentType(value: unknown): value is ContentType {
  return typeof value === 'string' && Object.hasOwn(CONTENT_TYPES, value);
}

/** Who wrote a post, shown on it and on their author page. */
export const AUTHOR_KINDS = ['parent', 'kinship-carer', 'staff', 'guest'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];
export const AUTHOR_KIND_LABELS: Record<AuthorKind, string> = {
  parent: 'Parent',
  'kinship-carer': 'Kinship carer',
  staff: 'Hearth staff',
  guest: 'Guest author',
};

/** A file attached to a press release or news item: where it is, what it is and how big, so readers know before they click. */
export interface Resource {
  title: string;
  url: string;
  format: string;
  sizeBytes: number | null;
}

/** A public source an advice sheet rests on: its title and the address where anyone can read it. */
export interface SheetSource {
  title: string;
  url: string;
}

/** Everything an editor writes. A revision is a copy of this; publishing copies it to what visitors see. */
export interface ContentFields {
  type: ContentType;
  slug: string;
  title: string;
  summary: string;
  body: string;
  subject: string | null;
  /** Policy and campaign pages list the news and posts that share one of their tags. */
  tags: string[];
  authorName: string;
  authorKind: AuthorKind | null;
  /** Advice sheets: when the advice was last checked, and when it must be checked again (YYYY-MM-DD). */
  lastReviewed: string | null;
  reviewDue: string | null;
  /** Advice sheets: the law and guidance the advice rests on, each with its public address. */
  sources: SheetSource[];
  /** News and press releases. */
  notesToEditors: string;
  resources: Resource[];
  /** Vlogs and films: a video somewhere else, loaded only when the visitor chooses to, and its full transcript. */
  videoUrl: string;
  /** Or a video uploaded here, with its WebVTT captions: addresses under /uploads/. */
  videoFile: string;
  captionsFile: string;
  transcript: string;
}

export const EMPTY_FIELDS: Omit<ContentFields, 'type' | 'slug' | 'title'> = {
  summary: '',
  body: '',
  subject: null,
  tags: [],
  authorName: '',
  authorKind: null,
  lastReviewed: null,
  reviewDue: null,
  sources: [],
  notesToEditors: '',
  resources: [],
  videoUrl: '',
  videoFile: '',
  captionsFile: '',
  transcript: '',
};

export type WorkflowState = 'draft' | 'in-review' | 'approved' | 'scheduled' | 'published';

export const STATE_LABELS: Record<WorkflowState, string> = {
  draft: 'Draft',
  'in-review': 'Waiting for review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
};

/** The public address of an item. FAQs live on their subject's page, each with its own anchor. */
export function publicPath(type: ContentType, slug: string, subject: string | null): string {
  if (type === 'faq') return `/faqs/${subject ?? 'general'}#${slug}`;
  return `${CONTENT_TYPES[type].section}/${slug}`;
}

export function authorSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
