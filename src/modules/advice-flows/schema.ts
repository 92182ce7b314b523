import type { ColumnType } from 'kysely';
import type { FlowDefinition } from './engine/flow-types.js';

type Json<T> = ColumnType<T, string, string>;

export interface AdviceFlowsTable {
  slug: string;
  /** The version families start now; null until the first publish. */
  published_version: number | null;
  /** An editor's unpublished changes, already checked. Null when there are none. */
  draft: Json<FlowDefinition> | null;
  draft_updated_at: ColumnType<Date, Date | string | null, Date | string | null> | null;
  draft_updated_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Every published version is kept: a family part-way through keeps the version it started with. */
export interface AdviceFlowVersionsTable {
  slug: string;
  version: number;
  definition: Json<FlowDefinition>;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  published_by: string | null;
}

/** Anonymous counts only: how many families reached and answered each question. Never who, never what. */
export interface AdviceFlowCountsTable {
  slug: string;
  version: number;
  step: string;
  event: 'started' | 'reached' | 'answered' | 'finished';
  count: ColumnType<number, number, number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    advice_flows: AdviceFlowsTable;
    advice_flow_versions: AdviceFlowVersionsTable;
    advice_flow_counts: AdviceFlowCountsTable;
  }
}
