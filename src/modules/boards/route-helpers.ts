import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RULES } from '../../platform/access.js';
import { HttpError } from '../../platform/errors.js';
import type { Boards } from './service.js';
import type { BoardView, ThreadRow, Viewer } from './reading/service.js';

export const PUBLIC = { access: 'public' } as const;
export const SIGNED_IN = { access: 'signed-in' } as const;
export const MODERATORS = RULES.moderators;
export const ADMINS = RULES.admins;

export const boardUrl = (slug: string) => `/boards/${encodeURIComponent(slug)}`;
export const threadUrl = (slug: string, id: number) => `${boardUrl(slug)}/t/${id}`;

/** The same answer whether the board does not exist or is restricted and closed to this person. */
export function notFound(): HttpError {
  return new HttpError(404, 'Page not found', 'There is nothing at this address. It may have been moved or deleted.', 'not-found');
}

export function viewerOf(request: FastifyRequest): Viewer {
  return request.principal ? { id: request.principal.id, roles: request.principal.roles } : null;
}

/** A positive whole number from a path or query, or null: "1e3", "-1", "07" and "١" are not ids. */
export function idFrom(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const value = Number(raw);
  return value <= 2_147_483_647 ? value : null;
}

export function fieldOf(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** A one-time key in each post form, so that a second submit of the same form is recognised. */
export function newSubmissionKey(): string {
  return randomUUID();
}

export function submissionKeyFrom(body: unknown): string | null {
  const key = fieldOf(body, 'submissionKey');
  return /^[0-9a-f-]{36}$/.test(key) ? key : null;
}

/** The board and thread at an address, as the viewer may see them, or 404. */
export async function locate(
  boards: Boards,
  request: FastifyRequest,
  slug: string,
  rawId: unknown,
): Promise<{ view: BoardView; thread: ThreadRow }> {
  const viewer = viewerOf(request);
  const view = await boards.reading.boardFor(slug, viewer);
  const id = idFrom(rawId);
  if (!view || !view.access.read || id === null) throw notFound();
  const thread = await boards.reading.threadFor(id, viewer);
  if (!thread || thread.board_slug !== slug) throw notFound();
  return { view, thread };
}

/** A board someone may read. Restricted boards they may not read do not exist for them. */
export async function readableBoard(boards: Boards, request: FastifyRequest, slug: string): Promise<BoardView> {
  const view = await boards.reading.boardFor(slug, viewerOf(request));
  if (!view || !view.access.read) throw notFound();
  return view;
}

/** Whether the helpline module's advice line page is there to link to. */
export function adviceLineExists(app: FastifyInstance): boolean {
  return app.hasRoute({ method: 'GET', url: '/advice-line' });
}
