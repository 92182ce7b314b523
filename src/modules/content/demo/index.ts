import { ADVICE_SHEETS } from './advice-sheets.js';
import { FAQS } from './faqs.js';
import { STORIES } from './stories.js';
import { NEWS_AND_POLICY } from './news-and-policy.js';

/** What an editor typed into each field: the same shape as the editor form, checked by the same rules. */
export interface DemoItem {
  type: string;
  slug?: string;
  title: string;
  summary: string;
  body: string;
  subject?: string;
  tags?: string;
  authorName?: string;
  authorKind?: string;
  lastReviewed?: string;
  reviewDue?: string;
  /** Advice sheets: one source a line, "title | https://…". */
  sources?: string;
  notesToEditors?: string;
  resources?: string;
  videoUrl?: string;
  transcript?: string;
}

export const DEMO_ITEMS: readonly DemoItem[] = [...ADVICE_SHEETS, ...FAQS, ...STORIES, ...NEWS_AND_POLICY];
