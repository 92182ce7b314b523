import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * What a backup holds, written beside it as manifest.json: enough to prove a restore complete without the original.
 * Row counts come from the same snapshot as the dump, so a busy PostgreSQL gives counts that match the copy exactly.
 */
export interface Manifest {
  format: 1;
  createdAt: string;
  database: 'pglite' | 'postgres';
  /** The file in the backup folder holding the database. */
  databaseFile: string;
  /** Rows in every table, by name. The migrations' own table is among them, so the schema's level is checked too. */
  rows: Record<string, number>;
  /** The audit log's length and its last entry's hash: a restored chain must verify and end at the same entry. */
  audit: { entries: number; lastHash: string | null };
  /** Every file of the data folder beside the database (uploads), with its SHA-256. */
  files: { path: string; bytes: number; sha256: string }[];
}

export const MANIFEST = 'manifest.json';
/** In a backup folder, the copies of the data folder's files (uploads). */
export const FILES = 'files';

export async function tableRows(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const rows: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const counted = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    rows[name] = counted.rows[0]!.n;
  }
  return rows;
}

export async function auditHead(db: Db): Promise<Manifest['audit']> {
  const head = await sql<{ entries: number; last: string | null }>`
    select count(*)::int as entries, (select hash from audit_log order by id desc limit 1) as last from audit_log`.execute(db);
  return { entries: head.rows[0]!.entries, lastHash: head.rows[0]!.last };
}

/** Every file under `root` but the `skip` folder at its top, as paths relative to `root` with forward slashes. */
export async function filesUnder(root: string, skip?: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !skip || !(file === skip || file.startsWith(`${skip}/`)))
    .sort();
}

export async function describeFile(root: string, file: string): Promise<Manifest['files'][number]> {
  const content = await fs.readFile(path.join(root, file));
  return { path: file, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

/** A folder to write a backup into must be new or empty, so that one backup never mixes with another. */
export async function emptyFolder(dir: string): Promise<string | null> {
  const entries = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.length > 0
    ? `${dir} is not empty: give each backup a folder of its own, for example ${path.join(dir, new Date().toISOString().slice(0, 10))}.`
    : null;
}

export async function readManifest(dir: string): Promise<Manifest | string> {
  const file = path.join(dir, MANIFEST);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? `${dir} holds no ${MANIFEST}: it is not a Hearth backup folder.`
      : `${file} could not be read: ${(error as Error).message}.`;
  }
  const manifest = parsed as Partial<Manifest>;
  if (manifest.format !== 1 || (manifest.database !== 'pglite' && manifest.database !== 'postgres') || !manifest.rows || !manifest.audit) {
    return `${file} is not a manifest this version of Hearth can read (format 1).`;
  }
  return manifest as Manifest;
}

/** How a restored database and data folder differ from what the manifest says was backed up; empty when they match. */
export async function differences(
  db: Db,
  dataDir: string,
  manifest: Manifest,
  verifyAudit: () => Promise<{ checked: number; firstBroken: { id: number; problem: string } | null }>,
): Promise<string[]> {
  const problems: string[] = [];
  const rows = await tableRows(db);
  for (const [table, expected] of Object.entries(manifest.rows)) {
    if (rows[table] !== expected) problems.push(`table ${table} has ${rows[table] ?? 'no'} rows; the backup had ${expected}`);
  }
  for (const table of Object.keys(rows)) {
    if (!(table in manifest.rows)) problems.push(`table ${table} is not in the backup`);
  }
  const chain = await verifyAudit();
  if (chain.firstBroken) problems.push(`the audit log is broken at entry ${chain.firstBroken.id}: ${chain.firstBroken.problem}`);
  const head = await auditHead(db);
  if (head.entries !== manifest.audit.entries || head.lastHash !== manifest.audit.lastHash) {
    problems.push(
      `the audit log has ${head.entries} entries ending ${head.lastHash ?? 'nowhere'}; the backup had ${manifest.audit.entries} ending ${manifest.audit.lastHash ?? 'nowhere'}`,
    );
  }
  for (const file of manifest.files) {
    const found = await describeFile(dataDir, file.path).catch(() => null);
    if (!found) problems.push(`file ${file.path} is missing`);
    else if (found.sha256 !== file.sha256) problems.push(`file ${file.path} differs from the backup`);
  }
  return problems;
}

/** One line for the command's output: what the backup holds. */
export function summary(manifest: Manifest): string {
  const tables = Object.keys(manifest.rows).length;
  const rows = Object.values(manifest.rows).reduce((sum, n) => sum + n, 0);
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  return [
    `${plural(tables, 'table', 'tables')} with ${plural(rows, 'row', 'rows')}`,
    `${plural(manifest.files.length, 'file', 'files')}`,
    `an audit log of ${plural(manifest.audit.entries, 'entry', 'entries')}`,
  ].join(', ');
}
