import type { ColumnType, Generated } from 'kysely';
import type { ContentFields, WorkflowState } from './types.js';

type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ContentItemsTable {
  id: Generated<string>;
  type: string;
  /** The working copy: what the editor last saved. */
  fields: Json<ContentFields>;
  state: WorkflowState;
  /** Bumped on every save, so that a second editor saving an older copy is told rather than overwriting. */
  version: Generated<number>;
  submitted_by: string | null;
  /** When it was last sent for review: how long it has waited, on the staff workspace. */
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  approved_by: string | null;
  /** The version a second editor approved; any later save needs approving again. */
  approved_version: number | null;
  scheduled_for: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ContentRevisionsTable {
  item_id: string;
  number: number;
  fields: Json<ContentFields>;
  note: string;
  created_by: string | null;
  created_by_label: string;
  created_at: Timestamp;
}

export interface ContentPublishedTable {
  item_id: string;
  type: string;
  section: string;
  slug: string;
  subject: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  author_slug: string | null;
  title: string;
  summary: string;
  body_text: string;
  fields: Json<ContentFields>;
  revision: number;
  published_at: Timestamp;
  updated_at: Timestamp;
}

/** Written only by search-index.ts, from content_published; the vectors are PostgreSQL tsvectors. */
export interface ContentSearchTable {
  item_id: string;
  type: string;
  subject: string | null;
  published_at: Timestamp;
  document: string;
}

export interface ContentSearchHeadsTable {
  item_id: string;
  head: string;
}

export interface ContentRedirectsTable {
  section: string;
  slug: string;
  item_id: string;
}

export interface ContentLexiconTable {
  word: string;
}

export interface ContentPdfsTable {
  item_id: string;
  revision: number;
  pdf: Uint8Array;
  created_at: Timestamp;
}

export interface ContentHomeSectionsTable {
  key: string;
  position: number;
  visible: boolean;
}

export interface ContentUploadsTable {
  id: Generated<string>;
  kind: 'image' | 'pdf' | 'video' | 'captions';
  title: string;
  alt_text: string | null;
  content_type: string;
  size_bytes: number;
  /** The stored files: for an image one per width, otherwise one. */
  files: Json<{ name: string; width?: number }[]>;
  created_by: string | null;
  created_at: Timestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    content_items: ContentItemsTable;
    content_revisions: ContentRevisionsTable;
    content_published: ContentPublishedTable;
    content_redirects: ContentRedirectsTable;
    content_lexicon: ContentLexiconTable;
    content_search: ContentSearchTable;
    content_search_heads: ContentSearchHeadsTable;
    content_pdfs: ContentPdfsTable;
    content_home_sections: ContentHomeSectionsTable;
    content_uploads: ContentUploadsTable;
  }
}
